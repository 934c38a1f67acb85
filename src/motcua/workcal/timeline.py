# SPDX-License-Identifier: AGPL-3.0-or-later
"""The immutable working-time snapshot the pure deadline functions run on (no ORM, no I/O).

A ``WorkCalendar`` is built once from day rows and office hours: sorted working intervals (seconds
since the local midnight of 1 January of its first year) with cumulative working seconds, so every
query costs binary searches and nothing walks day by day. Asia/Ho_Chi_Minh has had no daylight
saving since 1975, so local wall-clock seconds are linear in real time.

Day kinds follow Labour Code 45/2019/QH14 Art 111 (a holiday on a weekly rest day gives a
compensatory day off) and Art 112 (public holidays; the Prime Minister fixes Tết and National Day,
and Government notices swap working days). Office hours default to 07:00–11:30 and 13:30–17:00.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import VN_TZ
from motcua.core.errors import ValidationFailed


class DayKind(StrEnum):
    HOLIDAY = "holiday"
    COMPENSATORY = "compensatory"
    SWAPPED_DAY_OFF = "swapped_day_off"
    WORKING_WEEKEND = "working_weekend"
    NON_COUNTING_OPEN = "non_counting_open"


# An open-but-not-counting day (e.g. Saturday-morning reception) receives dossiers but no
# deadline runs on it, so for the engine it is as closed as a holiday.
NON_WORKING_KINDS = frozenset(
    {DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED_DAY_OFF, DayKind.NON_COUNTING_OPEN}
)


Session = tuple[dt.time, dt.time]
DEFAULT_SESSIONS: tuple[Session, ...] = (
    (dt.time(7, 0), dt.time(11, 30)),
    (dt.time(13, 30), dt.time(17, 0)),
)
DEFAULT_WEEK: Mapping[int, tuple[Session, ...]] = dict.fromkeys(range(5), DEFAULT_SESSIONS)
DAY = 86_400
_SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class DaySpec:
    """One special day of the calendar (a ``CalendarDay`` row, already resolved per agency)."""

    date: dt.date
    kind: DayKind
    name_vi: str
    name_en: str = ""
    swap_pair_date: dt.date | None = None


@dataclass(frozen=True)
class HoursPeriod:
    """Office hours per weekday (0 = Monday) in force from ``valid_from`` to ``valid_to``."""

    week: Mapping[int, tuple[Session, ...]]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class SkippedDay:
    date: dt.date
    kind: DayKind
    name_vi: str
    name_en: str


def field_error(
    field: str, message: str | Promise, code: str = "validation_error"
) -> ValidationFailed:
    return ValidationFailed(message, code=code, details={field: [str(message)]})


def year_missing_error(year: int, field: str) -> ValidationFailed:
    message = _(
        "The working-day calendar for %(year)s is not loaded. "
        "Load it with: manage.py workcal_seed --years %(year)s"
    ) % {"year": year}
    return field_error(field, message, code="calendar_year_missing")


def _sessions_for(
    day: dt.date, spec: DaySpec | None, hours: Sequence[HoursPeriod]
) -> tuple[Session, ...]:
    if spec is not None and spec.kind in NON_WORKING_KINDS:
        return ()
    week = next((p.week for p in hours if p.covers(day)), DEFAULT_WEEK)
    if spec is not None and spec.kind == DayKind.WORKING_WEEKEND:
        # A swapped working Saturday keeps the hours of the weekday it replaces, else the first
        # weekday with hours (the issue: "a swapped working Saturday has the same hours").
        if spec.swap_pair_date is not None and week.get(spec.swap_pair_date.weekday()):
            return week[spec.swap_pair_date.weekday()]
        return next((week[w] for w in range(5) if week.get(w)), DEFAULT_SESSIONS)
    return week.get(day.weekday(), ())


class WorkCalendar:
    """Immutable snapshot of one calendar (province-wide or one agency's) for whole years."""

    __slots__ = (
        "_cum_end",
        "_cum_start",
        "_day_end",
        "_ends",
        "_epoch_aware",
        "_epoch_ts",
        "_every_year_loaded",
        "_off_days",
        "_specials",
        "_starts",
        "_work_days",
        "first_year",
        "last_year",
        "loaded_years",
        "working_day_seconds",
    )

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        days: Iterable[DaySpec] = (),
        hours: Sequence[HoursPeriod] = (),
        loaded_years: Iterable[int] | None = None,
        working_day_hours: int | Decimal = 8,
    ) -> None:
        if last_year < first_year:
            raise ValueError("last_year before first_year")
        self.first_year = first_year
        self.last_year = last_year
        self.loaded_years = frozenset(
            loaded_years if loaded_years is not None else range(first_year, last_year + 1)
        )
        self.working_day_seconds = int(Decimal(working_day_hours) * 3600)
        # POSIX seconds of the epoch: conversions then run in C (timestamp/fromtimestamp).
        self._epoch_aware = dt.datetime(first_year, 1, 1, tzinfo=VN_TZ)
        self._epoch_ts = int(self._epoch_aware.timestamp())
        self._every_year_loaded = self.loaded_years >= set(range(first_year, last_year + 1))
        specials = {d.date: d for d in days if first_year <= d.date.year <= last_year}
        self._specials = specials
        starts: list[int] = []
        ends: list[int] = []
        cum_start: list[int] = []
        cum_end: list[int] = []
        work_days: list[int] = []
        day_end: list[int] = []
        total = 0
        day = dt.date(first_year, 1, 1)
        last = dt.date(last_year, 12, 31)
        base = 0
        while day <= last:
            sessions = _sessions_for(day, specials.get(day), hours)
            for begin, finish in sessions:
                s = base + begin.hour * 3600 + begin.minute * 60 + begin.second
                e = base + finish.hour * 3600 + finish.minute * 60 + finish.second
                if e <= s:
                    continue
                starts.append(s)
                ends.append(e)
                cum_start.append(total)
                total += e - s
                cum_end.append(total)
            if sessions:
                work_days.append(day.toordinal())
                day_end.append(ends[-1])
            day += dt.timedelta(days=1)
            base += DAY
        self._starts = tuple(starts)
        self._ends = tuple(ends)
        self._cum_start = tuple(cum_start)
        self._cum_end = tuple(cum_end)
        self._work_days = tuple(work_days)
        self._day_end = tuple(day_end)
        self._off_days = tuple(
            sorted(d.toordinal() for d, s in specials.items() if s.kind in NON_WORKING_KINDS)
        )

    # -- conversions -------------------------------------------------------------------------

    def to_secs(self, moment: dt.datetime, field: str) -> int:
        if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
            raise field_error(
                field, _("Give a date and time with a UTC offset, e.g. 2025-01-20T16:40:00+07:00.")
            )
        # Microseconds are dropped (exact floor division): deadlines are kept to the second.
        secs = (moment - self._epoch_aware) // _SECOND
        if secs < 0 or not self._starts or secs > self._ends[-1]:
            year = moment.astimezone(VN_TZ).year
            raise year_missing_error(year if secs < 0 else max(year, self.last_year + 1), field)
        return secs

    def to_moment(self, secs: int) -> dt.datetime:
        return dt.datetime.fromtimestamp(secs + self._epoch_ts, VN_TZ)

    def cum_at(self, secs: int, field: str) -> int:
        """Working seconds elapsed between the epoch and ``secs``."""
        i = bisect.bisect_right(self._ends, secs)
        if i == len(self._ends):
            if secs == self._ends[-1]:
                return self._cum_end[-1]
            raise year_missing_error(self.last_year + 1, field)
        return self._cum_start[i] + max(0, secs - self._starts[i])

    def normalise_secs(self, secs: int, field: str) -> int:
        i = bisect.bisect_right(self._ends, secs)
        if i == len(self._ends):
            raise year_missing_error(self.last_year + 1, field)
        return max(secs, self._starts[i])

    def at_cum(self, target: int, field: str) -> int:
        """Earliest moment at which ``target`` working seconds have elapsed (session-end rule)."""
        i = bisect.bisect_left(self._cum_end, target)
        if i == len(self._cum_end):
            raise year_missing_error(self.last_year + 1, field)
        return self._starts[i] + (target - self._cum_start[i])

    def check_years(self, first_secs: int, last_secs: int, field: str) -> None:
        """Every year from ``first_secs`` to ``last_secs`` must be loaded (no gap in the table)."""
        if self._every_year_loaded:
            return
        first, last = self.to_moment(first_secs).year, self.to_moment(last_secs).year
        for year in range(first, last + 1):
            if year not in self.loaded_years:
                raise year_missing_error(year, field)

    # -- queries ---------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        i = bisect.bisect_left(self._work_days, day.toordinal())
        return i < len(self._work_days) and self._work_days[i] == day.toordinal()

    def office_close_on_or_after(self, day: dt.date, field: str) -> int:
        """End of office hours on ``day``, or on the next working day when ``day`` is not one."""
        i = bisect.bisect_left(self._work_days, day.toordinal())
        if i == len(self._work_days):
            raise year_missing_error(max(day.year, self.last_year + 1), field)
        return self._day_end[i]

    def special_day(self, day: dt.date) -> DaySpec | None:
        return self._specials.get(day)

    def skipped_between(self, first: dt.date, last: dt.date) -> tuple[SkippedDay, ...]:
        """Non-working special days (holidays, days off, non-counting days) in [first, last]."""
        lo = bisect.bisect_left(self._off_days, first.toordinal())
        hi = bisect.bisect_right(self._off_days, last.toordinal())
        out = []
        for ordinal in self._off_days[lo:hi]:
            spec = self._specials[dt.date.fromordinal(ordinal)]
            out.append(SkippedDay(spec.date, spec.kind, spec.name_vi, spec.name_en))
        return tuple(out)
