# SPDX-License-Identifier: AGPL-3.0-or-later
"""Bad input to the pure engine: each a ValidationFailed naming the field and what to fix."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.errors import ValidationFailed
from motcua.workcal.deadlines import (
    DayKind,
    DaySpec,
    WorkCalendar,
    add_working_time,
    classify,
    compute_due,
    working_time_between,
)
from motcua.workcal.tests.conftest import at


def fails(field: str, call: object, *args: object, **kwargs: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    assert field in info.value.details, info.value.details
    assert info.value.details[field]
    return info.value


def test_naive_datetimes_are_refused(vn_calendar: WorkCalendar) -> None:
    naive = dt.datetime(2025, 3, 10, 9)  # noqa: DTZ001 - the point of the test
    err = fails("start", add_working_time, vn_calendar, naive, 1)
    assert "offset" in str(err.message)
    fails("end", working_time_between, vn_calendar, at(2025, 3, 10), naive)
    fails("at", classify, vn_calendar, at(2025, 3, 10), at=naive)
    fails("pauses", add_working_time, vn_calendar, at(2025, 3, 10), 1, pauses=[(naive, naive)])


@pytest.mark.parametrize("amount", [0, -1, "0", "-0.5", "abc", "NaN", "Infinity"])
def test_zero_negative_and_non_numeric_amounts(vn_calendar: WorkCalendar, amount: object) -> None:
    fails("amount", add_working_time, vn_calendar, at(2025, 3, 10), amount)


@pytest.mark.parametrize(
    ("amount", "unit"),
    [(2611, "working_day"), (20881, "working_hour"), (3654, "calendar_day"), (121, "month")],
)
def test_more_than_ten_years(vn_calendar: WorkCalendar, amount: int, unit: str) -> None:
    err = fails("amount", add_working_time, vn_calendar, at(2025, 3, 10), amount, unit)
    assert "10 years" in str(err.message)


def test_unknown_unit_lists_the_units(vn_calendar: WorkCalendar) -> None:
    err = fails("unit", add_working_time, vn_calendar, at(2025, 3, 10), 1, "fortnight")
    assert "working_day" in str(err.message)


def test_calendar_units_take_whole_numbers(vn_calendar: WorkCalendar) -> None:
    fails("amount", add_working_time, vn_calendar, at(2025, 3, 10), "1.5", "calendar_day")


def test_year_not_loaded_says_which_year_and_how_to_load_it() -> None:
    cal = WorkCalendar(
        first_year=2025,
        last_year=2025,
        days=[DaySpec(dt.date(2025, 12, 31), DayKind.HOLIDAY, "x")],
    )
    err = fails("amount", add_working_time, cal, at(2025, 12, 30, 9), 5)
    assert "2026" in str(err.message)
    assert "workcal_seed --years 2026" in str(err.message)
    assert err.code == "calendar_year_missing"
    err = fails("start", add_working_time, cal, at(2024, 12, 30, 9), 1)
    assert "2024" in str(err.message)


def test_gap_in_loaded_years_is_reported() -> None:
    cal = WorkCalendar(first_year=2024, last_year=2026, loaded_years=[2024, 2026])
    err = fails("amount", add_working_time, cal, at(2024, 12, 31, 9), 3)
    assert "2025" in str(err.message)


def test_restart_before_start_and_pause_ending_before_it_starts(vn_calendar: WorkCalendar) -> None:
    fails("restart_at", compute_due, vn_calendar, at(2025, 3, 10), 1, restart_at=at(2025, 3, 1))
    fails(
        "pauses",
        add_working_time,
        vn_calendar,
        at(2025, 3, 10),
        1,
        pauses=[(at(2025, 3, 11), at(2025, 3, 10))],
    )
