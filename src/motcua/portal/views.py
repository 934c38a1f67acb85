# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public portal pages, applicant registration and the site-wide error handlers.

Reads go through selectors only; registration calls the account services, which validate.
"""

from __future__ import annotations

from typing import Any

from allauth import app_settings as allauth_settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.middleware import HtmxDetails

from motcua.accounts.services import citizen_register, organisation_register
from motcua.agencies.selectors import agency_list as select_agencies
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.portal.forms import (
    AgencyFilterForm,
    BusinessRegistrationForm,
    CitizenRegistrationForm,
    UnitLookupForm,
)
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


# --- Registration ------------------------------------------------------------------------

SENSITIVE = ("password1", "password2", "personal_id")


def _registration_context() -> dict[str, Any]:
    return {
        "login_url": reverse("account_login"),
        "SOCIALACCOUNT_ENABLED": allauth_settings.SOCIALACCOUNT_ENABLED,
    }


@require_safe
@never_cache
def signup_choice(request: HttpRequest) -> HttpResponse:
    """Choose between a citizen and a business account (also served at /accounts/signup/)."""
    return render(request, "account/signup.html", _registration_context())


@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def register_citizen(request: HttpRequest) -> HttpResponse:
    """A citizen creates an applicant account; ``citizen_register`` checks and saves everything."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = CitizenRegistrationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            user = citizen_register(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                full_name=data["full_name"],
                personal_id=data["personal_id"],
                date_of_birth=data["date_of_birth"],
                gender=data["gender"],
                phone=data["phone"],
                address_unit=data["address_unit"],
                address_detail=data["address_detail"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc, field_map=form.FIELD_MAP)
        else:
            return _signed_up(request, user)
    context = {**_registration_context(), "form": form}
    return render(request, "portal/register_citizen.html", context)


@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def register_business(request: HttpRequest) -> HttpResponse:
    """An organisation creates an applicant account with its tax code."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = BusinessRegistrationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            user = organisation_register(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                name=data["name"],
                tax_code=data["tax_code"],
                representative_name=data["representative_name"],
                phone=data["phone"],
                address_unit=data["address_unit"],
                address_detail=data["address_detail"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc, field_map=form.FIELD_MAP)
        else:
            return _signed_up(request, user)
    context = {**_registration_context(), "form": form}
    return render(request, "portal/register_business.html", context)


def _signed_up(request: HttpRequest, user: Any) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request,
        _("Your account has been created and you are signed in. Welcome, %(name)s.")
        % {"name": user.full_name or user.get_username()},
    )
    return redirect("portal:home")


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
