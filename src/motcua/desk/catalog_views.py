# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages of the procedure catalogue: the list, a new procedure, a procedure's page.

For catalogue administrators, system administrators and superusers (``catalogue_editor_required``;
the catalogue services authorise again). Views parse a form, call one service, show its
``ValidationFailed`` details beside the fields and redirect after a successful POST. The version
editor is in ``catalog_version_views``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.agencies.models import AgencyKind
from motcua.agencies.selectors import user_has_role
from motcua.catalog.policies import EDITOR_ROLES
from motcua.catalog.selectors import (
    field_list,
    procedure_get,
    procedure_list,
    version_list,
)
from motcua.catalog.services import procedure_create, procedure_update, version_create_draft
from motcua.core.errors import DomainError
from motcua.desk.catalog_forms import CatalogueFilterForm, ProcedureForm, apply_prefixed_error
from motcua.desk.views import PER_PAGE
from motcua.units.models import UnitLevel

View = Callable[..., HttpResponse]
HISTORY_LIMIT = 50
# Bookkeeping columns that say nothing to a reader of the history.
HISTORY_EXCLUDED = ("created_at", "updated_at", "agency_kinds_key", "source_hash")
HISTORY_TYPES = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


def may_edit_catalogue(user: Any) -> bool:
    """Superusers and holders of catalogue_admin or system_admin (``catalog.policies``)."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or user_has_role(user=user, roles=EDITOR_ROLES))
    )


def catalogue_editor_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_edit_catalogue(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class HistoryRow:
    date: Any
    user: str
    change: str
    fields: list[str]


def history_rows(records: Iterable[Any]) -> list[HistoryRow]:
    """simple-history records (newest first, one object) as who / when / what rows."""
    rows = list(records)
    out = []
    for i, record in enumerate(rows):
        previous = rows[i + 1] if i + 1 < len(rows) else record.prev_record
        fields: list[str] = []
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, excluded_fields=HISTORY_EXCLUDED)
            meta = record.instance_type._meta
            fields = [str(meta.get_field(name).verbose_name) for name in delta.changed_fields]
        user = record.history_user
        out.append(
            HistoryRow(
                date=record.history_date,
                user=user.get_username() if user is not None else _("system"),
                change=str(HISTORY_TYPES.get(record.history_type, record.history_type)),
                fields=fields,
            )
        )
    return out


def procedure_or_404(code: str) -> Any:
    procedure = procedure_get(code=code)
    if procedure is None:
        raise Http404
    return procedure


def _filtered(qs: QuerySet[Any], status: str) -> QuerySet[Any]:
    if not status:
        return qs
    if status == "review":
        return qs.filter(needs_review=True)
    model = qs.model
    if status == "none":
        return qs.filter(versions__isnull=True)
    wanted = model.objects.filter(versions__status=status).values("pk")
    return qs.filter(pk__in=wanted)


def _version_summary(procedure: Any) -> dict[str, Any]:
    versions = sorted(procedure.versions.all(), key=lambda v: v.number)
    return {
        "count": len(versions),
        "draft": any(v.status == "draft" for v in versions),
        "published": any(v.status == "published" for v in versions),
    }


def _procedure_form(data: Any = None, **kwargs: Any) -> ProcedureForm:
    return ProcedureForm(
        data, fields=field_list(), levels=UnitLevel.objects.order_by("rank"), **kwargs
    )


@require_safe
@catalogue_editor_required
def catalogue_list(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = _filtered(procedure_list(q=data.get("q") or ""), data.get("status") or "")
    page = Paginator(qs.prefetch_related("versions"), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(procedure, _version_summary(procedure)) for procedure in page]
    return render(request, "desk/catalog_list.html", {"form": form, "page": page, "rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@catalogue_editor_required
def procedure_create_view(request: HttpRequest) -> HttpResponse:
    form = _procedure_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            procedure = procedure_create(actor=request.user, data=form.data_for_service())
        except DomainError as exc:
            apply_prefixed_error(form, exc)
        else:
            messages.success(request, _("Procedure %(code)s created.") % {"code": procedure.code})
            return redirect("desk:catalog_procedure", code=procedure.code)
    return render(request, "desk/catalog_procedure_form.html", {"form": form, "procedure": None})


@require_http_methods(["GET", "HEAD", "POST"])
@catalogue_editor_required
def procedure_view(request: HttpRequest, code: str) -> HttpResponse:
    """The procedure's data (editable), its versions and who changed what."""
    procedure = procedure_or_404(code)
    form = _procedure_form(
        request.POST or None, initial=ProcedureForm.initial_for(procedure), edit=True
    )
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        data.pop("code", None)
        try:
            procedure_update(actor=request.user, procedure=procedure, data=data)
        except DomainError as exc:
            apply_prefixed_error(form, exc)
        else:
            messages.success(request, _("Procedure %(code)s saved.") % {"code": procedure.code})
            return redirect("desk:catalog_procedure", code=procedure.code)
    versions = list(version_list(procedure=procedure))
    return render(
        request,
        "desk/catalog_procedure.html",
        {
            "procedure": procedure,
            "form": form,
            "versions": versions,
            "has_draft": any(v.status == "draft" for v in versions),
            "agency_kinds": [
                dict(AgencyKind.choices).get(k, k) for k in procedure.competent_agency_kinds or []
            ],
            "history": history_rows(
                procedure.history.select_related("history_user")[:HISTORY_LIMIT]
            ),
        },
    )


@require_POST
@catalogue_editor_required
def version_create_view(request: HttpRequest, code: str) -> HttpResponse:
    """A new draft: a copy of the version in force (or the latest published), else empty."""
    procedure = procedure_or_404(code)
    try:
        draft = version_create_draft(actor=request.user, procedure=procedure)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("desk:catalog_procedure", code=procedure.code)
    messages.success(request, _("Draft version %(n)s created.") % {"n": draft.number})
    return redirect("desk:catalog_version", code=procedure.code, number=draft.number)
