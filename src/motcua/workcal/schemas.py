# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pydantic shapes of the calendar API, shared with the desk and integrations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import get_language
from ninja import Field, Schema

from motcua.workcal.deadlines import NON_WORKING_KINDS, DueResult, Unit
from motcua.workcal.models import CalendarDay

UNIT_HELP = "One of: " + ", ".join(u.value for u in Unit)


class DueQuery(Schema):
    start: dt.datetime = Field(
        ..., description="ISO 8601 with a UTC offset, e.g. 2025-01-20T16:40:00+07:00"
    )
    amount: Decimal = Field(..., description="Greater than 0; working days allow decimals")
    unit: str = Field(Unit.WORKING_DAY.value, description=UNIT_HELP)
    agency: str | None = Field(None, description="Electronic identifier of an agency")


class SkippedDayOut(Schema):
    date: dt.date
    name: str
    kind: str


class DueOut(Schema):
    start: dt.datetime
    counting_from: dt.datetime
    due: dt.datetime
    working_minutes: int
    skipped: list[SkippedDayOut]


class DaysQuery(Schema):
    year: int = Field(..., description="e.g. 2026")
    agency: str | None = Field(None, description="Electronic identifier of an agency")


class CalendarDayOut(Schema):
    date: dt.date
    kind: str
    working: bool
    name: str
    name_vi: str
    name_en: str
    legal_basis: str
    source: str
    confirmed: bool
    agency: str | None
    swap_pair_date: dt.date | None


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def due_out(result: DueResult) -> DueOut:
    english = _english()
    return DueOut(
        start=result.start,
        counting_from=result.counting_from,
        due=result.due,
        working_minutes=result.working_minutes,
        skipped=[
            SkippedDayOut(
                date=s.date,
                name=(s.name_en or s.name_vi) if english else s.name_vi,
                kind=s.kind.value,
            )
            for s in result.skipped
        ],
    )


def calendar_day_out(day: CalendarDay) -> CalendarDayOut:
    return CalendarDayOut(
        date=day.date,
        kind=day.kind,
        working=day.kind not in NON_WORKING_KINDS,
        name=(day.name_en or day.name_vi) if _english() else day.name_vi,
        name_vi=day.name_vi,
        name_en=day.name_en,
        legal_basis=day.legal_basis,
        source=day.source,
        confirmed=day.confirmed,
        agency=day.agency.identifier if day.agency_id and day.agency else None,
        swap_pair_date=day.swap_pair_date,
    )
