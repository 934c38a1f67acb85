# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure deadline arithmetic over a ``WorkCalendar`` snapshot (no ORM, no I/O).

Legal basis of the default rule set (the rules themselves are data, see ``models.py``):

* Labour Code 45/2019/QH14 Art 111–112: weekly rest, public holidays, compensatory days off.
* Decree 61/2018/NĐ-CP Art 18–19: one-stop time limits in working days; a complete supplement
  restarts the processing time (``restart_at``). Decree 118/2025/NĐ-CP keeps working days.
* Practice (docs/DOMAIN.md §6): office hours 07:00–11:30 and 13:30–17:00, 8 working hours = 1
  working day; a receipt outside office hours counts from the next session; calendar-day limits
  are pushed off non-working days; a stopped clock (pause) pushes the due moment.

Every function costs a few binary searches on the snapshot (O(log n)), whatever the duration.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.clock import VN_TZ
from motcua.workcal.timeline import (
    DAY,
    DEFAULT_SESSIONS,
    DEFAULT_WEEK,
    NON_WORKING_KINDS,
    DayKind,
    DaySpec,
    HoursPeriod,
    SkippedDay,
    WorkCalendar,
    field_error,
)

__all__ = [
    "DEFAULT_SESSIONS",
    "DEFAULT_WEEK",
    "NON_WORKING_KINDS",
    "DayKind",
    "DaySpec",
    "DueResult",
    "HoursPeriod",
    "SkippedDay",
    "Timeliness",
    "Unit",
    "WorkCalendar",
    "add_working_time",
    "classify",
    "compute_due",
    "normalise_start",
    "working_time_between",
]


class Unit(StrEnum):
    WORKING_HOUR = "working_hour"
    WORKING_DAY = "working_day"
    CALENDAR_DAY = "calendar_day"
    MONTH = "month"


WORKING_UNITS = frozenset({Unit.WORKING_HOUR, Unit.WORKING_DAY})

# The one place that names the units for people (forms, messages, pages).
UNIT_LABELS: Mapping[Unit, Any] = {
    Unit.WORKING_DAY: _("working days"),
    Unit.WORKING_HOUR: _("working hours"),
    Unit.CALENDAR_DAY: _("calendar days"),
    Unit.MONTH: _("months"),
}

# "More than 10 years" per unit: 3,653 calendar days, of which at most 2,610 are weekdays.
MAX_AMOUNT: Mapping[Unit, Decimal] = {
    Unit.WORKING_HOUR: Decimal(2610 * 8),
    Unit.WORKING_DAY: Decimal(2610),
    Unit.CALENDAR_DAY: Decimal(3653),
    Unit.MONTH: Decimal(120),
}


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    WITHIN_TIME = "within_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class DueResult:
    start: dt.datetime
    counting_from: dt.datetime
    due: dt.datetime
    working_minutes: int
    skipped: tuple[SkippedDay, ...]


# -- public functions --------------------------------------------------------------------------


_UNITS: Mapping[str, Unit] = {u.value: u for u in Unit}


def parse_unit(unit: str | Unit) -> Unit:
    try:
        return _UNITS[unit]
    except KeyError:
        choices = ", ".join(u.value for u in Unit)
        message = _("Unknown unit “%(unit)s”; use one of: %(choices)s.") % {
            "unit": unit,
            "choices": choices,
        }
        raise field_error("unit", message) from None


def parse_amount(amount: Decimal | int | float | str, unit: Unit) -> Decimal | int:
    if type(amount) is int and 0 < amount <= MAX_AMOUNT[unit]:
        return amount  # the common case, without Decimal arithmetic
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise field_error("amount", _("Enter a number.")) from None
    if not value.is_finite() or value <= 0:
        raise field_error("amount", _("The amount must be greater than zero."))
    if unit not in WORKING_UNITS and value != value.to_integral_value():
        raise field_error("amount", _("Calendar days and months take whole numbers."))
    if value > MAX_AMOUNT[unit]:
        raise field_error("amount", _("The duration must not exceed 10 years."))
    return value


def _pause_secs(
    cal: WorkCalendar, pauses: Iterable[tuple[dt.datetime, dt.datetime]], after: int
) -> list[tuple[int, int]]:
    """Pauses as sorted, merged second intervals that end after ``after``."""
    spans = []
    for begin, end in pauses:
        a, b = cal.to_secs(begin, "pauses"), cal.to_secs(end, "pauses")
        if b < a:
            raise field_error("pauses", _("A pause must end after it starts."))
        if b > after:
            spans.append((max(a, after), b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        raise field_error("amount", _("The duration must not exceed 10 years."))
    return dt.date(year, month, min(day.day, stdlib_calendar.monthrange(year, month)[1]))


def _due_secs(
    cal: WorkCalendar,
    start: dt.datetime,
    amount: Decimal | int | float | str,
    unit: str | Unit,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]],
    restart_at: dt.datetime | None,
) -> tuple[int, int, Unit]:
    unit = parse_unit(unit)
    value = parse_amount(amount, unit)
    begin = cal.to_secs(start, "start")
    if restart_at is not None:
        # Decree 61/2018 Art 19: once a complete supplement arrives the full time runs again.
        restarted = cal.to_secs(restart_at, "restart_at")
        if restarted < begin:
            raise field_error("restart_at", _("The restart cannot be before the start."))
        begin = restarted
    counting = cal.normalise_secs(begin, "start")
    spans = _pause_secs(cal, pauses, counting) if pauses else []
    if unit in WORKING_UNITS:
        per_unit = 3600 if unit == Unit.WORKING_HOUR else cal.working_day_seconds
        if isinstance(value, int):
            needed = value * per_unit
        else:
            needed = int((value * per_unit).to_integral_value(rounding=ROUND_HALF_UP))
        target = cal.cum_at(counting, "start") + needed
        for a, b in spans:
            # A stopped clock adds the working time it covered (docs/ARCHITECTURE.md §1.3).
            lo = cal.cum_at(a, "pauses")
            if lo >= target:
                break
            target += cal.cum_at(b, "pauses") - lo
        due = cal.at_cum(target, "amount")
    else:
        first = cal.to_moment(counting).date()
        n = int(value)
        reached = _add_months(first, n) if unit == Unit.MONTH else first + dt.timedelta(days=n)
        # Calendar-day limits stop for whole days: paused time rounded up to days.
        paused = sum(b - a for a, b in spans)
        reached += dt.timedelta(days=-(-paused // DAY))
        due = cal.office_close_on_or_after(reached, "amount")
    cal.check_years(counting, due, "amount")
    return counting, due, unit


def normalise_start(cal: WorkCalendar, start: dt.datetime) -> dt.datetime:
    """The moment counting starts: ``start`` itself in office hours, else the next session start.

    A start at exactly 17:00 (or 11:30) is outside office hours and moves to the next session.
    """
    return cal.to_moment(cal.normalise_secs(cal.to_secs(start, "start"), "start"))


def add_working_time(
    cal: WorkCalendar,
    start: dt.datetime,
    amount: Decimal | int | float | str,
    unit: str | Unit = Unit.WORKING_DAY,
    *,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]] = (),
    restart_at: dt.datetime | None = None,
) -> dt.datetime:
    """The due moment of ``amount`` ``unit`` counted from ``start`` (see ``compute_due``)."""
    _, due, _unit = _due_secs(cal, start, amount, unit, pauses, restart_at)
    return cal.to_moment(due)


def compute_due(
    cal: WorkCalendar,
    start: dt.datetime,
    amount: Decimal | int | float | str,
    unit: str | Unit = Unit.WORKING_DAY,
    *,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]] = (),
    restart_at: dt.datetime | None = None,
) -> DueResult:
    """Due moment with its explanation: counting start, working minutes, skipped days.

    Working units: the earliest moment at which the working time has elapsed, so work ending
    exactly at 11:30 or 17:00 is due then. Calendar days and months: the date of the counting
    start plus N (months clamp to the month's end); due at the end of office hours on that date,
    or on the next working day when it is not one.
    """
    counting, due, unit = _due_secs(cal, start, amount, unit, pauses, restart_at)
    counting_dt, due_dt = cal.to_moment(counting), cal.to_moment(due)
    # Paused working time is included: this is the working time between the two moments.
    worked = cal.cum_at(due, "amount") - cal.cum_at(counting, "start")
    return DueResult(
        start=start.astimezone(VN_TZ),
        counting_from=counting_dt,
        due=due_dt,
        working_minutes=(worked + 30) // 60,
        skipped=cal.skipped_between(counting_dt.date(), due_dt.date()),
    )


def working_time_between(cal: WorkCalendar, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Working time in [start, end); negative when ``end`` is before ``start``."""
    a = cal.cum_at(cal.to_secs(start, "start"), "start")
    b = cal.cum_at(cal.to_secs(end, "end"), "end")
    return dt.timedelta(seconds=b - a)


def classify(
    cal: WorkCalendar,
    due: dt.datetime,
    *,
    finished_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
    due_soon_hours: int | Decimal = 8,
) -> Timeliness:
    """SLA class (docs/DOMAIN.md rule 17; Circular 01/2018 report II.06a).

    Finished: early if on a calendar date before the due date, on time if on the due date at or
    before the due moment, late otherwise. Unfinished at ``at``: overdue after the due moment,
    due soon when fewer than ``due_soon_hours`` working hours remain, else within time.
    """
    due_local = due.astimezone(VN_TZ) if due.utcoffset() is not None else None
    if due_local is None:
        raise field_error("due", _("Give a date and time with a UTC offset."))
    if finished_at is not None:
        if finished_at.utcoffset() is None:
            raise field_error("finished_at", _("Give a date and time with a UTC offset."))
        done = finished_at.astimezone(VN_TZ)
        if done.date() < due_local.date():
            return Timeliness.EARLY
        return Timeliness.ON_TIME if done <= due_local else Timeliness.LATE
    if at is None:
        raise field_error("at", _("Give the finish moment or the reference moment."))
    if at.utcoffset() is None:
        raise field_error("at", _("Give a date and time with a UTC offset."))
    if at > due:
        return Timeliness.OVERDUE
    remaining = working_time_between(cal, at, due)
    if remaining < dt.timedelta(hours=float(due_soon_hours)):
        return Timeliness.DUE_SOON
    return Timeliness.WITHIN_TIME
