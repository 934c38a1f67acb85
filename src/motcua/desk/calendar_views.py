# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages of the working-day calendar: a year at a glance, special days, a due-date calculator.

Every official may read the calendar and compute due dates; only system administrators change
days, through the workcal services (which authorise again, log a ``CalendarChange`` and enqueue
the recomputation). Writes are POST-redirect-GET; a service error becomes a field error or a
message, never a 500.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_list
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.desk.access import is_system_admin, staff_required, system_admin_required
from motcua.desk.calendar_forms import DUE_FIELD_MAP, CalendarDayForm, CalendarYearForm, DueForm
from motcua.workcal.deadlines import DayKind, DueResult
from motcua.workcal.models import CalendarDay, CalendarDayKind
from motcua.workcal.selectors import (
    calendar_agency_get,
    calendar_day_list,
    calendar_due,
    calendar_snapshot,
    loaded_years,
)
from motcua.workcal.services import calendarday_confirm, calendarday_delete, calendarday_set

WEEKEND = "weekend"
WORKDAY = "workday"
# A short visible mark per kind of day; the full label is always given as text as well.
KIND_MARKS = {
    CalendarDayKind.HOLIDAY: pgettext_lazy("calendar mark", "HOL"),
    CalendarDayKind.COMPENSATORY: pgettext_lazy("calendar mark", "COMP"),
    CalendarDayKind.SWAPPED_DAY_OFF: pgettext_lazy("calendar mark", "OFF"),
    CalendarDayKind.WORKING_WEEKEND: pgettext_lazy("calendar mark", "WORK"),
    CalendarDayKind.NON_COUNTING_OPEN: pgettext_lazy("calendar mark", "OPEN"),
}
MAX_EXPLAINED_DAYS = 4000  # listing worked weekend days walks the range; bounded by 10 years


@dataclass(frozen=True)
class Cell:
    date: dt.date | None
    kind: str = ""
    name: str = ""
    label: str = ""
    mark: str = ""
    today: bool = False


@dataclass(frozen=True)
class Month:
    first: dt.date
    weeks: list[list[Cell]]


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def _day_name(name_vi: str, name_en: str) -> str:
    return (name_en or name_vi) if _english() else name_vi


def _year_months(year: int, days: list[CalendarDay], today: dt.date) -> list[Month]:
    specials = {d.date: d for d in days}
    weeks_of = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar
    months = []
    for month in range(1, 13):
        weeks = []
        for week in weeks_of(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(Cell(date=None))
                    continue
                special = specials.get(day)
                if special is not None:
                    kind = CalendarDayKind(special.kind)
                    cell = Cell(
                        date=day,
                        kind=kind.value,
                        name=_day_name(special.name_vi, special.name_en),
                        label=str(kind.label),
                        mark=str(KIND_MARKS[kind]),
                        today=day == today,
                    )
                elif day.weekday() >= 5:
                    cell = Cell(date=day, kind=WEEKEND, label=_("Weekend"), today=day == today)
                else:
                    cell = Cell(date=day, kind=WORKDAY, today=day == today)
                row.append(cell)
            weeks.append(row)
        months.append(Month(first=dt.date(year, month, 1), weeks=weeks))
    return months


def _year_rows(year: int, agency: Agency | None) -> QuerySet[CalendarDay]:
    """Every row of the year, in effect or not, province-wide and the agency's own."""
    scope = Q(agency__isnull=True) | Q(agency=agency) if agency is not None else Q(agency=None)
    return (
        CalendarDay.objects.filter(scope, date__year=year)
        .select_related("agency", "confirmed_by")
        .order_by("date", "agency_id")
    )


def _calendar_url(year: int, agency: Agency | None = None, anchor: str = "") -> str:
    query = {"year": year} | ({"agency": agency.identifier} if agency is not None else {})
    return f"{reverse('desk:calendar')}?{urlencode(query)}{anchor}"


def _agencies() -> QuerySet[Agency]:
    return agency_list(valid_on=clock.today())


@require_safe
@staff_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    agencies = _agencies()
    data = {"year": request.GET.get("year") or today.year, "agency": request.GET.get("agency", "")}
    filter_form = CalendarYearForm(data, agencies=agencies)
    filter_form.is_valid()  # a bad value shows its error and falls back to the default
    year = filter_form.cleaned_data.get("year", today.year)
    agency = calendar_agency_get(identifier=filter_form.cleaned_data.get("agency") or None)
    days = calendar_day_list(year=year, agency=agency)
    due_form = DueForm(
        agencies=agencies,
        initial={
            "start_date": today,
            "start_time": "08:00",
            "amount": 5,
            "unit": "working_day",
            "agency": agency.identifier if agency is not None else "",
        },
    )
    return render(
        request,
        "desk/calendar.html",
        {
            "year": year,
            "agency": agency,
            "filter_form": filter_form,
            "months": _year_months(year, days, today),
            "rows": _year_rows(year, agency),
            "loaded": year in loaded_years(),
            "kinds": [(k, KIND_MARKS[k]) for k in CalendarDayKind],
            "previous_url": _calendar_url(year - 1, agency),
            "next_url": _calendar_url(year + 1, agency),
            "is_admin": is_system_admin(request.user),
            "due_form": due_form,
            "english": _english(),
        },
    )


def _worked_weekend_days(result: DueResult, agency: Agency | None) -> list[dict[str, Any]]:
    """Weekend days made working days between the counting start and the due date."""
    first, last = result.counting_from.date(), result.due.date()
    if (last - first).days > MAX_EXPLAINED_DAYS:
        return []
    snapshot = calendar_snapshot(agency=agency)
    out = []
    day = first
    while day <= last:
        spec = snapshot.special_day(day)
        if spec is not None and spec.kind == DayKind.WORKING_WEEKEND:
            out.append({"date": day, "name": _day_name(spec.name_vi, spec.name_en)})
        day += dt.timedelta(days=1)
    return out


def _explained(result: DueResult, agency: Agency | None) -> dict[str, Any]:
    minutes = result.working_minutes
    return {
        "result": result,
        "hours": (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize(),
        "days": (Decimal(minutes) / 480).quantize(Decimal("0.01")).normalize(),
        "skipped": [
            {
                "date": s.date,
                "name": _day_name(s.name_vi, s.name_en),
                "label": CalendarDayKind(s.kind.value).label,
            }
            for s in result.skipped
        ],
        "worked": _worked_weekend_days(result, agency),
    }


@require_safe
@staff_required
def calendar_due_view(request: HttpRequest) -> HttpResponse:
    """GET form, so a result can be bookmarked or sent to a colleague."""
    agencies = _agencies()
    bound = any(name in request.GET for name in DueForm.base_fields)
    form = DueForm(
        request.GET if bound else None,
        agencies=agencies,
        initial={"start_date": clock.today(), "start_time": "08:00", "unit": "working_day"},
    )
    explained: dict[str, Any] | None = None
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            agency = calendar_agency_get(identifier=data["agency"] or None)
            result = calendar_due(
                start=form.start(), amount=data["amount"], unit=data["unit"], agency=agency
            )
        except DomainError as exc:
            apply_domain_error(form, exc, field_map=DUE_FIELD_MAP)
        else:
            explained = _explained(result, agency)
    return render(request, "desk/calendar_due.html", {"due_form": form, "explained": explained})


def _day_or_404(pk: int) -> CalendarDay:
    day = CalendarDay.objects.select_related("agency").filter(pk=pk).first()
    if day is None:
        raise Http404
    return day


def _save_day(request: HttpRequest, form: CalendarDayForm, day: CalendarDay | None) -> Any:
    """Call ``calendarday_set``; returns the saved day, or None with the errors on ``form``."""
    data = form.cleaned_data
    try:
        agency = (
            day.agency
            if day is not None
            else calendar_agency_get(identifier=data["agency"] or None)
        )
        return calendarday_set(
            actor=request.user,
            date=day.date if day is not None else data["date"],
            kind=data["kind"],
            name_vi=data["name_vi"],
            name_en=data["name_en"],
            legal_basis=data["legal_basis"],
            agency=agency,
            confirmed=data["confirmed"],
            active=data["active"],
            swap_pair_date=data["swap_pair_date"],
        )
    except DomainError as exc:
        apply_domain_error(form, exc)
        return None


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def calendar_day_create(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {"active": True, "kind": CalendarDayKind.HOLIDAY}
    for key in ("date", "agency"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    form = CalendarDayForm(request.POST or None, agencies=_agencies(), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save_day(request, form, None)
        if saved is not None:
            messages.success(request, _("Day %(day)s saved.") % {"day": saved})
            return redirect(_calendar_url(saved.date.year, saved.agency, "#days"))
    return render(request, "desk/calendar_day_form.html", {"form": form, "day": None})


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def calendar_day_edit(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day_or_404(pk)
    form = CalendarDayForm(
        request.POST or None,
        agencies=_agencies(),
        initial={
            "date": day.date,
            "kind": day.kind,
            "name_vi": day.name_vi,
            "name_en": day.name_en,
            "legal_basis": day.legal_basis,
            "swap_pair_date": day.swap_pair_date,
            "agency": day.agency.identifier if day.agency is not None else "",
            "active": day.active,
            "confirmed": day.confirmed,
        },
    )
    # The row is keyed by its date and agency: to move a day, add the new one and delete this.
    form.fields["date"].disabled = True
    form.fields["agency"].disabled = True
    if request.method == "POST" and form.is_valid():
        saved = _save_day(request, form, day)
        if saved is not None:
            messages.success(request, _("Day %(day)s saved.") % {"day": saved})
            return redirect(_calendar_url(saved.date.year, saved.agency, "#days"))
    return render(request, "desk/calendar_day_form.html", {"form": form, "day": day})


@require_POST
@system_admin_required
def calendar_day_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day_or_404(pk)
    try:
        calendarday_confirm(actor=request.user, day=day)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Day %(day)s confirmed.") % {"day": day})
    return redirect(_calendar_url(day.date.year, day.agency, "#days"))


@require_POST
@system_admin_required
def calendar_day_switch(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a day in effect or out of effect (the way to remove a library day)."""
    day = _day_or_404(pk)
    active = not day.active
    try:
        calendarday_set(
            actor=request.user,
            date=day.date,
            kind=day.kind,
            name_vi=day.name_vi,
            name_en=day.name_en,
            legal_basis=day.legal_basis,
            agency=day.agency,
            confirmed=day.confirmed,
            active=active,
            swap_pair_date=day.swap_pair_date,
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        message = _("Day %(day)s is in effect.") if active else _("Day %(day)s is switched off.")
        messages.success(request, message % {"day": day})
    return redirect(_calendar_url(day.date.year, day.agency, "#days"))


@require_POST
@system_admin_required
def calendar_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day_or_404(pk)
    try:
        calendarday_delete(actor=request.user, day=day)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("desk:calendar_day_edit", pk=day.pk)
    messages.success(request, _("Day %(day)s deleted.") % {"day": day})
    return redirect(_calendar_url(day.date.year, day.agency, "#days"))
