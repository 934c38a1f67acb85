# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public calendar endpoints (mounted by ``motcua.api`` at /api/v1): thin, one selector each.

Errors are ``motcua.core.errors`` exceptions; the API assembly maps them to ``{code, message,
details}`` (422 for bad input, including an unknown agency and a year not loaded).

``register(router)`` adds the operations to any ninja ``Router``: the API assembly passes its
``ApiRouter`` (which documents the shared error responses and sits above workcal in the
layering, so workcal cannot import it); ``router`` is a plain mount for tests and tools.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from motcua.workcal.schemas import (
    CalendarDayOut,
    DaysQuery,
    DueOut,
    DueQuery,
    calendar_day_out,
    due_out,
)
from motcua.workcal.selectors import calendar_agency_get, calendar_day_list, calendar_due


def calendar_due_get(request: HttpRequest, query: Query[DueQuery]) -> DueOut:
    """Due moment of ``amount`` ``unit`` from ``start``, with the non-working days skipped.

    Working units end at the earliest moment the working time has elapsed (17:00 stays 17:00);
    calendar days and months end at the close of office on the date reached, or on the next
    working day.
    """
    agency = calendar_agency_get(identifier=query.agency)
    result = calendar_due(start=query.start, amount=query.amount, unit=query.unit, agency=agency)
    return due_out(result)


def calendar_days_get(request: HttpRequest, query: Query[DaysQuery]) -> list[CalendarDayOut]:
    """The year's holidays, days off, open-but-not-counting days and working weekend days."""
    agency = calendar_agency_get(identifier=query.agency)
    return [calendar_day_out(d) for d in calendar_day_list(year=query.year, agency=agency)]


def register(router: Router) -> Router:
    router.get("/calendar/due", response=DueOut, auth=None, summary="Compute a due date")(
        calendar_due_get
    )
    router.get(
        "/calendar/days",
        response=list[CalendarDayOut],
        auth=None,
        summary="Holidays, days off and working weekend days of a year",
    )(calendar_days_get)
    return router


router = register(Router(tags=["calendar"]))
