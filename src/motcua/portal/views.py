# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public portal pages and the site-wide error handlers. Reads go through selectors only."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from motcua.agencies.selectors import agency_list as select_agencies
from motcua.core import clock
from motcua.portal.forms import AgencyFilterForm, UnitLookupForm
from motcua.units.selectors import unit_get
from motcua.units.selectors import unit_list as select_units

UNITS_PER_PAGE = 50


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@require_safe
def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET or None)
    today = clock.today()
    agencies = select_agencies(valid_on=today)
    if form.is_valid() and form.cleaned_data["kind"]:
        agencies = agencies.filter(kind=form.cleaned_data["kind"])
    return render(
        request,
        "portal/agency_list.html",
        {"form": form, "agencies": agencies, "today": today},
    )


@require_safe
def unit_list(request: HtmxHttpRequest) -> HttpResponse:
    """Units in force on a date, filterable by name and parent; htmx swaps only the results."""
    form = UnitLookupForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "page": None}
    # A mistyped date or an unknown parent code is a form error beside the field, never a 500.
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    valid_on = data.get("valid_on") or clock.today()
    parent = None
    if data.get("parent"):
        parent = unit_get(code=data["parent"], on=valid_on)
        if parent is None:
            form.add_error("parent", _("No administrative unit has this code on that date."))
    if not form.errors:
        units = select_units(valid_on=valid_on, parent=parent, q=data.get("q") or None)
        context["valid_on"] = valid_on
        context["page"] = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    template = "portal/_unit_results.html" if request.htmx else "portal/unit_list.html"
    return render(request, template, context)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No request context: context processors would touch the session and the database,
    # which may be exactly what failed.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
