# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages for officials: overview, staff and role assignments.

Views are thin: parse a form, call one service or selector, show its errors on the form, and
redirect after a successful POST. Who may do what is decided by ``access`` and the services.
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

from motcua.accounts.selectors import staff_list_visible
from motcua.accounts.services import role_assign, role_end, staff_create
from motcua.agencies.models import Role
from motcua.agencies.selectors import (
    agency_list,
    agency_list_in_scope,
    role_assignment_list_visible,
    role_assignments_active,
)
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.desk.access import is_system_admin, staff_required, system_admin_required
from motcua.desk.forms import RoleAssignForm, RoleEndForm, StaffCreateForm

PER_PAGE = 50


def admin_agencies(user: Any, *, day: dt.date | None = None) -> Any:
    """Agencies in operation on ``day`` (today) within the user's system_admin scope.

    A superuser operates the installation and sees the whole tree.
    """
    day = day or clock.today()
    if user.is_superuser:
        return agency_list(valid_on=day)
    scope = agency_list_in_scope(user=user, roles=[Role.SYSTEM_ADMIN])
    return agency_list(valid_on=day).filter(pk__in=scope.values("pk"))


def _pick(agencies: Any, identifier: str) -> Any:
    return agencies.filter(identifier=identifier).first() if identifier else None


@require_safe
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    assignments = role_assignments_active(user=request.user).order_by("agency__path", "role")
    return render(
        request,
        "desk/home.html",
        {"assignments": assignments, "is_admin": is_system_admin(request.user)},
    )


@require_safe
@staff_required
def staff_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(staff_list_visible(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "desk/staff_list.html",
        {"page": page, "is_admin": is_system_admin(request.user)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def staff_create_view(request: HttpRequest) -> HttpResponse:
    agencies = admin_agencies(request.user)
    form = StaffCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = staff_create(
                actor=request.user,
                username=data["username"],
                email=data["email"],
                full_name=data["full_name"],
                password=data["password"],
                agency=_pick(agencies, data["agency"]),
                position=data["position"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": user})
            return redirect("desk:staff_list")
    return render(request, "desk/staff_form.html", {"form": form})


@require_safe
@system_admin_required
def role_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(role_assignment_list_visible(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "desk/role_list.html", {"page": page, "today": clock.today()})


def _user_choices(request: HttpRequest) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    users: dict[str, Any] = {}
    choices: list[tuple[str, str]] = []
    for profile in staff_list_visible(user=request.user):
        key = str(profile.user.pk)
        if key not in users:
            users[key] = profile.user
            choices.append((key, f"{profile.user} ({profile.user.username}) · {profile.agency}"))
    return users, choices


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def role_create(request: HttpRequest) -> HttpResponse:
    users, user_choices = _user_choices(request)
    agencies = admin_agencies(request.user)
    form = RoleAssignForm(
        request.POST or None,
        users=user_choices,
        agencies=agencies,
        initial={"valid_from": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role_assign(
                actor=request.user,
                user=users[data["user"]],
                role=data["role"],
                agency=_pick(agencies, data["agency"]),
                include_descendants=data["include_descendants"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Role assigned."))
            return redirect("desk:role_list")
    return render(request, "desk/role_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@system_admin_required
def role_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = role_assignment_list_visible(user=request.user).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    form = RoleEndForm(request.POST or None, initial={"valid_to": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            role_end(
                actor=request.user, assignment=assignment, valid_to=form.cleaned_data["valid_to"]
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Role assignment ended."))
            return redirect("desk:role_list")
    return render(request, "desk/role_end.html", {"form": form, "assignment": assignment})
