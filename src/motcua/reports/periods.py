# SPDX-License-Identifier: AGPL-3.0-or-later
"""Report periods: parsing and checking what a user asks for, and splitting a span of days into
the fewest aggregate blocks (whole years, whole months, single days)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import ValidationFailed

EPOCH = dt.date(2000, 1, 1)
MAX_SPAN_DAYS = 366 * 10
KINDS = ("month", "quarter", "year", "range")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str = "range"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.month:02d}/{self.start.year}"
        if self.kind == "quarter":
            return _("Quarter %(q)s/%(y)s") % {
                "q": (self.start.month - 1) // 3 + 1,
                "y": self.start.year,
            }
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def state_day(self) -> dt.date:
        """The day whose end the "as of" figures describe: the last day, or today if earlier."""
        return min(self.end, clock.today())


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details={field: [message]})


def _int(data: Mapping[str, str], name: str, low: int, high: int) -> int:
    raw = (data.get(name) or "").strip()
    try:
        value = int(raw)
    except ValueError:
        raise _fail(name, _("Enter a whole number.")) from None
    if not low <= value <= high:
        raise _fail(
            name, _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return value


def _date(data: Mapping[str, str], name: str) -> dt.date:
    raw = (data.get(name) or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a date, not a moment
        except ValueError:
            continue
    raise _fail(name, _("Enter a date as dd/mm/yyyy."))


def period_parse(data: Mapping[str, str], *, data_start: dt.date | None = None) -> Period:
    """The period asked for (``period`` = month | quarter | year | range), checked.

    Errors (ValidationFailed with the field): unknown kind, numbers out of range, inverted or
    over-long ranges, periods starting in the future or ending before the data starts.
    """
    today = clock.today()
    kind = (data.get("period") or "year").strip()
    if kind not in KINDS:
        raise _fail("period", _("Choose month, quarter, year or a date range."))
    if kind == "range":
        start, end = _date(data, "start"), _date(data, "end")
        if end < start:
            raise _fail("end", _("The end date is before the start date."))
        if (end - start).days > MAX_SPAN_DAYS:
            raise _fail("end", _("A period may cover at most ten years."))
    else:
        year = _int(data, "year", EPOCH.year, today.year)
        if kind == "year":
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif kind == "quarter":
            q = _int(data, "quarter", 1, 4)
            start = dt.date(year, 3 * q - 2, 1)
            end = dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        else:
            m = _int(data, "month", 1, 12)
            start, end = dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1])
    if start < EPOCH:
        raise _fail("start", _("Periods before 2000 are not kept."))
    if start > today:
        raise _fail("start", _("The period starts in the future."))
    if data_start is not None and end < data_start:
        raise _fail(
            "end",
            _("The period ends before the data starts (%(day)s).")
            % {"day": data_start.strftime("%d/%m/%Y")},
        )
    return Period(start, end, kind)


def blocks(start: dt.date, end: dt.date) -> list[tuple[int, dt.date]]:
    """The fewest (grain, first day) blocks covering exactly [start, end] (both included)."""
    out: list[tuple[int, dt.date]] = []
    d = start
    while d <= end:
        if d.month == 1 and d.day == 1 and dt.date(d.year, 12, 31) <= end:
            out.append((2, d))
            d = dt.date(d.year + 1, 1, 1)
        elif d.day == 1 and d.replace(day=calendar.monthrange(d.year, d.month)[1]) <= end:
            out.append((1, d))
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        else:
            out.append((0, d))
            d += dt.timedelta(days=1)
    return out


def blocks_q(start: dt.date, end: dt.date) -> Q:
    """Q over rows with ``g`` and ``day`` selecting exactly the days [start, end]."""
    if end < start:
        return Q(pk__in=[])
    by_grain: dict[int, list[dt.date]] = {0: [], 1: [], 2: []}
    for g, day in blocks(start, end):
        by_grain[g].append(day)
    q = Q(pk__in=[])
    for g, days in by_grain.items():
        if days:
            q |= Q(g=g, day__in=days)
    return q
