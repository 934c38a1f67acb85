# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the working-day calendar: snapshots for the pure engine, year listings, warnings.

A snapshot is built from the database once and cached per (agency, calendar version); the
version is an aggregate over both tables, so any change (from a service, the admin or another
process) yields a fresh snapshot on the next call without signals or cache invalidation.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.prepared import prepared_cursor
from motcua.workcal.deadlines import (
    NON_WORKING_KINDS,
    DayKind,
    DaySpec,
    DueResult,
    HoursPeriod,
    WorkCalendar,
    compute_due,
)
from motcua.workcal.models import CalendarDay, OfficeHours
from motcua.workcal.timeline import Session

_CACHE_SIZE = 32
_cache: OrderedDict[tuple[Any, ...], WorkCalendar] = OrderedDict()

# Tết (1/1 lunar) falls between 21/1 and 20/2; with the days around it the break ends by 28/2.
TET_WINDOW = ((1, 15), (2, 28))
TET_WARNING_FROM_MONTH = 10


def snapshot_cache_clear() -> None:
    _cache.clear()


_VERSION_SQL: dict[str, str] = {}


def calendar_version_sql() -> str:
    """The SELECT of the calendar version: count, latest ``updated_at`` and latest id of both
    tables, six columns in ONE prebuilt query. Any insert, update or delete changes them.

    Every deadline computation needs it, so it is raw SQL built once per vendor (the two ORM
    aggregates cost two round trips and ~1 ms of query compilation per call), and the dossier
    lock reads it in its own statement (``dossiers.services._common.lock``) so that an action
    asks no separate question (docs/performance.md).
    """
    vendor = connection.vendor
    sql = _VERSION_SQL.get(vendor)
    if sql is None:
        quote = connection.ops.quote_name
        pk, updated = quote("id"), quote("updated_at")
        parts = [
            f"(SELECT COUNT({pk}), MAX({updated}), MAX({pk}) FROM {table}) {alias}"  # noqa: S608
            for table, alias in (
                (quote(CalendarDay._meta.db_table), "d"),
                (quote(OfficeHours._meta.db_table), "h"),
            )
        ]
        sql = f"SELECT * FROM {parts[0]} CROSS JOIN {parts[1]}"  # noqa: S608 - our own names
        _VERSION_SQL[vendor] = sql
    return sql


def _version() -> tuple[Any, ...]:
    with prepared_cursor() as cursor:  # parsed and planned once per connection on PostgreSQL
        cursor.execute(calendar_version_sql())
        row = cursor.fetchone()
    return tuple(row) if row is not None else ()


def loaded_years() -> list[int]:
    """Years with province-wide calendar rows (seeded or entered), ascending."""
    dates = CalendarDay.objects.filter(agency__isnull=True).dates("date", "year")
    return [d.year for d in dates]


def _resolved_days(agency: Agency | None, q: Q | None = None) -> list[CalendarDay]:
    """Active rows, an agency's own row replacing the province-wide row of the same date."""
    scope = Q(agency__isnull=True) | Q(agency=agency) if agency is not None else Q(agency=None)
    qs = CalendarDay.objects.filter(scope, active=True)
    if q is not None:
        qs = qs.filter(q)
    by_date: dict[dt.date, CalendarDay] = {}
    for row in qs.order_by("date", "agency_id"):
        if row.date not in by_date or row.agency_id is not None:
            by_date[row.date] = row
    return [by_date[d] for d in sorted(by_date)]


def _hours_periods(agency: Agency | None) -> list[HoursPeriod]:
    """Office-hours periods, the agency's before the province's (first match wins)."""
    periods: list[HoursPeriod] = []
    scopes = ([Q(agency=agency)] if agency is not None else []) + [Q(agency__isnull=True)]
    for scope in scopes:
        grouped: dict[tuple[dt.date, dt.date | None], dict[int, list[Session]]] = {}
        for row in OfficeHours.objects.filter(scope).order_by("valid_from", "starts_at"):
            week = grouped.setdefault((row.valid_from, row.valid_to), {})
            week.setdefault(row.weekday, []).append((row.starts_at, row.ends_at))
        for (valid_from, valid_to), week in sorted(grouped.items(), key=lambda i: i[0][0]):
            periods.append(
                HoursPeriod(
                    week={w: tuple(s) for w, s in week.items()},
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            )
    return periods


def calendar_snapshot(
    *, agency: Agency | None = None, version: tuple[Any, ...] | None = None
) -> WorkCalendar:
    """The immutable calendar of ``agency`` (province-wide when None) for every loaded year.

    ``version``: the row of ``calendar_version_sql`` when the caller has just read it in its
    own statement (read here otherwise)."""
    key = (agency.pk if agency is not None else None, *(version or _version()))
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    years = loaded_years()
    first, last = (years[0], years[-1]) if years else (clock.today().year,) * 2
    days = [
        DaySpec(
            date=row.date,
            kind=DayKind(row.kind),
            name_vi=row.name_vi,
            name_en=row.name_en,
            swap_pair_date=row.swap_pair_date,
        )
        for row in _resolved_days(agency)
    ]
    snapshot = WorkCalendar(
        first_year=first,
        last_year=last,
        days=days,
        hours=_hours_periods(agency),
        loaded_years=years,
    )
    _cache[key] = snapshot
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return snapshot


def calendar_agency_get(*, identifier: str | None) -> Agency | None:
    """The agency named by its electronic identifier; unknown → a 422 on the ``agency`` field."""
    if not identifier:
        return None
    agency = Agency.objects.filter(identifier=identifier).first()
    if agency is None:
        message = _("No agency has the identifier “%(identifier)s”.") % {"identifier": identifier}
        raise ValidationFailed(message, details={"agency": [message]})
    return agency


def calendar_due(
    *,
    start: dt.datetime,
    amount: Decimal | int | str,
    unit: str,
    agency: Agency | None = None,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]] = (),
    restart_at: dt.datetime | None = None,
) -> DueResult:
    """Due moment and explanation on the calendar of ``agency`` (GET /calendar/due)."""
    return compute_due(
        calendar_snapshot(agency=agency),
        start,
        amount,
        unit,
        pauses=pauses,
        restart_at=restart_at,
    )


def calendar_day_list(*, year: int, agency: Agency | None = None) -> list[CalendarDay]:
    """The year's days in effect (holidays, days off, working weekends), agency rows winning."""
    if not 1900 <= year <= 2200:
        message = _("Give a year between 1900 and 2200.")
        raise ValidationFailed(message, details={"year": [str(message)]})
    return _resolved_days(agency, Q(date__year=year))


@dataclass(frozen=True)
class TetStatus:
    """Next year's Tết rows as an administrator must see them from 1 October."""

    year: int
    loaded: bool
    unconfirmed: tuple[dt.date, ...]


def calendar_next_tet_unconfirmed(*, today: dt.date | None = None) -> TetStatus | None:
    """A warning while next year's Tết days are missing or unconfirmed, from 1 October on.

    The Prime Minister fixes the civil servants' Tết days in Q4 (Labour Code 45/2019/QH14 Art
    112(3)); the library only projects them. None means nothing to warn about.
    """
    today = today or clock.today()
    if today.month < TET_WARNING_FROM_MONTH:
        return None
    year = today.year + 1
    (m1, d1), (m2, d2) = TET_WINDOW
    rows = CalendarDay.objects.filter(
        agency__isnull=True,
        active=True,
        kind__in=[k.value for k in NON_WORKING_KINDS],
        date__range=(dt.date(year, m1, d1), dt.date(year, m2, d2)),
    ).order_by("date")
    if not rows.exists():
        return TetStatus(year=year, loaded=False, unconfirmed=())
    unconfirmed = tuple(r.date for r in rows if not r.confirmed)
    if not unconfirmed:
        return None
    return TetStatus(year=year, loaded=True, unconfirmed=unconfirmed)
