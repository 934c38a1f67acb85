# SPDX-License-Identifier: AGPL-3.0-or-later
"""Hypothesis properties of the pure engine on the 2020–2040 library calendar (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.clock import VN_TZ
from motcua.workcal.deadlines import (
    WorkCalendar,
    add_working_time,
    normalise_start,
    working_time_between,
)
from motcua.workcal.tests.conftest import library_calendar

CAL: WorkCalendar = library_calendar()
SECOND = dt.timedelta(seconds=1)

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

starts = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),  # noqa: DTZ001 - made aware by timezones=
    max_value=dt.datetime(2038, 12, 31),  # noqa: DTZ001
    timezones=st.just(VN_TZ),
).map(lambda d: d.replace(second=0, microsecond=0))
# Hundredths of a working hour (36 s) keep every amount exact in seconds.
hundredths = st.integers(min_value=1, max_value=60 * 8 * 100)


def hours(k: int) -> Decimal:
    return Decimal(k) / 100


@PROPERTY_SETTINGS
@given(a=starts, b=starts, k=hundredths)
def test_monotonic_in_start(a: dt.datetime, b: dt.datetime, k: int) -> None:
    a, b = min(a, b), max(a, b)
    assert add_working_time(CAL, a, hours(k), "working_hour") <= add_working_time(
        CAL, b, hours(k), "working_hour"
    )


@PROPERTY_SETTINGS
@given(s=starts, k1=hundredths, k2=hundredths)
def test_monotonic_in_amount(s: dt.datetime, k1: int, k2: int) -> None:
    k1, k2 = min(k1, k2), max(k1, k2)
    d1 = add_working_time(CAL, s, hours(k1), "working_hour")
    d2 = add_working_time(CAL, s, hours(k2), "working_hour")
    assert d1 <= d2
    assert (d1 < d2) == (k1 < k2)


@PROPERTY_SETTINGS
@given(s=starts, k1=hundredths, k2=hundredths)
def test_adding_in_two_steps_equals_adding_the_sum(s: dt.datetime, k1: int, k2: int) -> None:
    once = add_working_time(CAL, s, hours(k1 + k2), "working_hour")
    first = add_working_time(CAL, s, hours(k1), "working_hour")
    assert add_working_time(CAL, first, hours(k2), "working_hour") == once


@PROPERTY_SETTINGS
@given(s=starts, days=st.integers(min_value=1, max_value=40), half=st.booleans())
def test_working_days_compose_like_hours(s: dt.datetime, days: int, half: bool) -> None:
    amount = Decimal(days) + (Decimal("0.5") if half else 0)
    by_days = add_working_time(CAL, s, amount, "working_day")
    assert by_days == add_working_time(CAL, s, amount * 8, "working_hour")


@PROPERTY_SETTINGS
@given(s=starts, k=hundredths)
def test_never_due_in_non_working_time_except_at_a_session_end(s: dt.datetime, k: int) -> None:
    due = add_working_time(CAL, s, hours(k), "working_hour")
    # The second before the due moment is working time: due is inside a session or at its end.
    assert working_time_between(CAL, due - SECOND, due) == SECOND
    assert CAL.is_working_day(due.date())


@PROPERTY_SETTINGS
@given(s=starts, k=hundredths)
def test_between_inverts_add(s: dt.datetime, k: int) -> None:
    due = add_working_time(CAL, s, hours(k), "working_hour")
    assert working_time_between(CAL, s, due) == dt.timedelta(seconds=k * 36)


@PROPERTY_SETTINGS
@given(s=starts, minutes=st.integers(min_value=0, max_value=2 * 366 * 24 * 60))
def test_add_inverts_between(s: dt.datetime, minutes: int) -> None:
    t = s + dt.timedelta(minutes=minutes)
    worked = working_time_between(CAL, s, t)
    if worked <= dt.timedelta(0):
        assert normalise_start(CAL, t) == normalise_start(CAL, s)
        return
    back = add_working_time(CAL, s, Decimal(worked.total_seconds()) / 3600, "working_hour")
    assert back <= t
    assert working_time_between(CAL, s, back) == worked


@PROPERTY_SETTINGS
@given(
    s=starts,
    n=st.integers(min_value=1, max_value=400),
    unit=st.sampled_from(["calendar_day", "month"]),
)
def test_calendar_units_end_at_the_close_of_a_working_day(
    s: dt.datetime, n: int, unit: str
) -> None:
    n = n if unit == "calendar_day" else 1 + n % 12
    due = add_working_time(CAL, s, n, unit)
    assert CAL.is_working_day(due.date())
    assert due.time() == dt.time(17, 0)
    assert due >= add_working_time(CAL, s, n - 1 if n > 1 else 1, unit)
