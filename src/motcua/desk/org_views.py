# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages for system administrators: administrative units and the agency tree.

Thin views: parse, call one service, show its ``DomainError`` details on the form, redirect.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from motcua.agencies.selectors import agency_get
from motcua.agencies.services import (
    admin_unit_create,
    admin_unit_update,
    agency_create,
    agency_update,
)
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.desk.access import system_admin_required
from motcua.desk.forms import (
    AgencyCreateForm,
    AgencyEditForm,
    AgencyFilterForm,
    UnitCreateForm,
    UnitEditForm,
    UnitFilterForm,
)
from motcua.desk.views import PER_PAGE, admin_agencies
from motcua.units.models import UnitLevel
from motcua.units.selectors import unit_get, unit_list

AGENCY_FIELDS = [
    "name_vi",
    "name_en",
    "short_name",
    "kind",
    "unit_code",
    "receives_dossiers",
    "address",
    "phone",
    "email",
]


def _level_choices() -> list[tuple[str, str]]:
    return [(level.code, level.name_vi) for level in UnitLevel.objects.order_by("rank")]


@require_safe
@system_admin_required
def unit_list_view(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET or None, levels=_level_choices())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    valid_on = data.get("valid_on") or clock.today()
    parent = None
    if data.get("parent"):
        parent = unit_get(code=data["parent"], on=valid_on)
        if parent is None:
            form.add_error("parent", _("No administrative unit has this code on that date."))
    page = None
    if not form.errors:
        units = unit_list(
            valid_on=valid_on, parent=parent, level=data.get("level") or None, q=data.get("q")
        )
        page = Paginator(units, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "desk/unit_list.html", {"form": form, "page": page, "valid_on": valid_on}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def unit_create_view(request: HttpRequest) -> HttpResponse:
    form = UnitCreateForm(request.POST or None, levels=_level_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = admin_unit_create(
                actor=request.user,
                code=data["code"],
                name=data["name"],
                unit_type=data["unit_type"],
                level_code=data["level_code"],
                parent_code=data["parent_code"] or None,
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Administrative unit %(unit)s created.") % {"unit": unit})
            return redirect("desk:unit_list")
    return render(request, "desk/unit_form.html", {"form": form, "unit": None})


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def unit_edit_view(request: HttpRequest, code: str, valid_from: str) -> HttpResponse:
    try:
        start = dt.date.fromisoformat(valid_from)
    except ValueError:
        raise Http404 from None
    unit = unit_get(code=code, on=start)
    if unit is None or unit.valid_from != start:
        raise Http404
    initial = {"name": unit.name, "unit_type": unit.unit_type, "valid_to": unit.valid_to}
    form = UnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = admin_unit_update(
                actor=request.user,
                unit=unit,
                name=data["name"],
                unit_type=data["unit_type"],
                valid_to=data["valid_to"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Administrative unit %(unit)s saved.") % {"unit": unit})
            return redirect("desk:unit_list")
    return render(request, "desk/unit_form.html", {"form": form, "unit": unit})


@require_safe
@system_admin_required
def agency_list_view(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    agencies = admin_agencies(request.user, day=data.get("valid_on"))
    if data.get("kind"):
        agencies = agencies.filter(kind=data["kind"])
    rows = list(agencies)
    base = min((a.depth for a in rows), default=1)
    tree = [(agency, agency.depth - base + 1) for agency in rows]
    return render(request, "desk/agency_list.html", {"form": form, "tree": tree})


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def agency_create_view(request: HttpRequest) -> HttpResponse:
    parents = admin_agencies(request.user)
    form = AgencyCreateForm(
        request.POST or None, parents=parents, initial={"valid_from": clock.today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = agency_create(
                actor=request.user,
                parent_identifier=data["parent_identifier"] or None,
                identifier=data["identifier"],
                identifier_is_demo=data["identifier_is_demo"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                **{name: data[name] or _blank(name) for name in AGENCY_FIELDS},
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Agency %(agency)s created.") % {"agency": agency})
            return redirect("desk:agency_list")
    return render(request, "desk/agency_form.html", {"form": form, "agency": None})


def _blank(name: str) -> Any:
    return False if name == "receives_dossiers" else (None if name == "unit_code" else "")


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def agency_edit_view(request: HttpRequest, identifier: str) -> HttpResponse:
    agency = agency_get(identifier=identifier)
    if agency is None or not admin_agencies(request.user).filter(pk=agency.pk).exists():
        raise Http404
    initial = {name: getattr(agency, name, "") for name in AGENCY_FIELDS if name != "unit_code"}
    initial["unit_code"] = agency.unit.code if agency.unit else ""
    initial["valid_to"] = agency.valid_to
    form = AgencyEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] or _blank(name) for name in AGENCY_FIELDS}
        changes["valid_to"] = data["valid_to"]
        try:
            agency = agency_update(actor=request.user, agency=agency, **changes)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Agency %(agency)s saved.") % {"agency": agency})
            return redirect("desk:agency_list")
    return render(request, "desk/agency_form.html", {"form": form, "agency": agency})
