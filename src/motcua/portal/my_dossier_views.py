# SPDX-License-Identifier: AGPL-3.0-or-later
""" "My dossiers": the applicant's list and detail, supplement, withdrawal, result download.

Legal basis: Circular 01/2018/TT-VPCP Art 16 (after signing in, the applicant follows the status
of their dossiers and gets their own electronic files); Decree 61/2018/NĐ-CP Art 19 (supplement),
Art 20 (return of results); Decree 118/2025/NĐ-CP Art 21 (withdrawal); Decree 45/2020/NĐ-CP
Art 14 (electronic results). Visibility comes from ``dossier_list_visible`` (THE selector):
the applicant's own dossiers only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.core.forms import apply_domain_error
from motcua.dossiers.draft_selectors import draft_list
from motcua.dossiers.models import DocumentKind, Dossier, EventType
from motcua.dossiers.selectors import dossier_get_visible, dossier_list_visible, dossier_timeline
from motcua.dossiers.services import DocumentIn
from motcua.dossiers.services import drafts as svc
from motcua.dossiers.workflow.engine import (
    CLOCK_RUNNING,
    STATE_LABELS,
    Action,
    State,
    allowed_actions,
)
from motcua.feedback import policies as feedback_policies
from motcua.feedback.selectors import evaluation_of
from motcua.portal.citizen_forms import SupplementForm, WithdrawalForm

HIDDEN_EVENTS = {EventType.DUE_SOON, EventType.OVERDUE}
SUPPLEMENT_STATES = {State.RECEIPT_SUPPLEMENT.value, State.APPRAISAL_SUPPLEMENT.value}
RESULT_STATES = {State.RESULT_READY.value, State.RETURNED.value}


def ref_of(d: Dossier) -> str:
    """The URL key of a dossier: its code, or ``id-<pk>`` before receipt issues one."""
    return d.code or f"id-{d.pk}"


def own_dossier(request: HttpRequest, ref: str) -> Dossier:
    """The signed-in applicant's dossier by code or ``id-<pk>``; anything else is 404."""
    try:
        if ref.startswith("id-") and ref[3:].isdigit():
            d = dossier_get_visible(user=request.user, pk=int(ref[3:]))
        else:
            d = dossier_get_visible(user=request.user, code=ref)
    except NotFound:
        raise Http404 from None
    if d.applicant_id != request.user.pk:  # officials use the desk, not "my dossiers"
        raise Http404
    return d


def sla_badge(d: Dossier, now: Any) -> tuple[str, str]:
    """(css class, label) of the dossier's deadline situation."""
    if State(d.status) in CLOCK_RUNNING and d.due_at is not None:
        if d.due_at < now:
            return "sla-overdue", _("Overdue")
        if d.watch_mark == "due_soon":
            return "sla-due-soon", _("Due soon")
        return "sla-on-time", _("On time")
    if d.sla_class == "late":
        return "sla-overdue", _("Settled late")
    if d.sla_class:
        return "sla-on-time", _("Settled on time")
    return "sla-none", ""


@login_required
@require_safe
def my_dossiers(request: HttpRequest) -> HttpResponse:
    qs = (
        dossier_list_visible(user=request.user)
        .filter(applicant_id=request.user.pk)
        .select_related("procedure_version__procedure", "receiving_agency")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    now = clock.now()
    rows = [
        {
            "dossier": d,
            "ref": ref_of(d),
            "status": STATE_LABELS[State(d.status)],
            "badge": sla_badge(d, now),
        }
        for d in page
    ]
    context = {"page": page, "rows": rows, "drafts": list(draft_list(owner=request.user)[:20])}
    return render(request, "portal/my/dossier_list.html", context)


def _detail_context(request: HttpRequest, d: Dossier, **extra: Any) -> dict[str, Any]:
    events = [e for e in dossier_timeline(dossier=d) if e.type not in HIDDEN_EVENTS]
    reasons: list[str] = []
    for e in reversed(events):
        if e.type in (EventType.SUPPLEMENT_REQUESTED, EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT):
            reasons = [str(r) for r in (e.payload or {}).get("reasons", [])]
            break
    documents = d.documents.exclude(kind=DocumentKind.INTERNAL).select_related("component")
    status = State(d.status)
    evaluation = evaluation_of(user=request.user, dossier=d)
    context: dict[str, Any] = {
        "dossier": d,
        "ref": ref_of(d),
        "status_label": STATE_LABELS[status],
        "badge": sla_badge(d, clock.now()),
        "events": events,
        "papers": [doc for doc in documents if doc.kind != DocumentKind.RESULT],
        "results": [doc for doc in documents if doc.kind == DocumentKind.RESULT]
        if d.status in RESULT_STATES
        else [],
        "supplement_reasons": reasons,
        "can_supplement": d.status in SUPPLEMENT_STATES,
        "can_withdraw": Action.REQUEST_WITHDRAWAL in allowed_actions(status),
        "can_evaluate": feedback_policies.may_evaluate(user=request.user, dossier=d),
        "evaluation": evaluation,
    }
    context.setdefault("supplement_form", SupplementForm(initial={"version": d.version}))
    context.setdefault("withdraw_form", WithdrawalForm(initial={"version": d.version}))
    context.update(extra)
    return context


@login_required
@require_safe
def my_dossier_detail(request: HttpRequest, ref: str) -> HttpResponse:
    d = own_dossier(request, ref)
    return render(request, "portal/my/dossier_detail.html", _detail_context(request, d))


@login_required
@require_POST
def my_dossier_supplement(request: HttpRequest, ref: str) -> HttpResponse:
    """The applicant uploads the supplement asked for (Decree 61/2018 Art 19)."""
    d = own_dossier(request, ref)
    form = SupplementForm(request.POST, request.FILES)
    if form.is_valid():
        documents = [DocumentIn(file=f, name=f.name) for f in form.cleaned_data["attachments"]]
        try:
            svc.applicant_supplement(
                actor=request.user,
                dossier=d,
                documents=documents,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            details = {"attachments": [m for v in exc.details.values() for m in v]}
            apply_domain_error(form, DomainError(exc.message, details=details or None))
        else:
            messages.success(request, _("The supplement has been sent."))
            return redirect("portal:my_dossier_detail", ref=ref_of(d))
    context = _detail_context(request, d, supplement_form=form)
    return render(request, "portal/my/dossier_detail.html", context, status=422)


@login_required
@require_POST
def my_dossier_withdraw(request: HttpRequest, ref: str) -> HttpResponse:
    """The applicant asks to withdraw the dossier (Decree 118/2025 Art 21)."""
    d = own_dossier(request, ref)
    form = WithdrawalForm(request.POST)
    if form.is_valid():
        try:
            svc.applicant_request_withdrawal(
                actor=request.user,
                dossier=d,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Your withdrawal request has been sent."))
            return redirect("portal:my_dossier_detail", ref=ref_of(d))
    context = _detail_context(request, d, withdraw_form=form)
    return render(request, "portal/my/dossier_detail.html", context, status=422)


@login_required
@require_safe
def my_dossier_document(request: HttpRequest, ref: str, document_id: int) -> FileResponse:
    """One of the applicant's own papers, or the electronic result once it is ready."""
    d = own_dossier(request, ref)
    doc = d.documents.exclude(kind=DocumentKind.INTERNAL).filter(pk=document_id).first()
    if doc is None or not doc.file:
        raise Http404
    if doc.kind == DocumentKind.RESULT and d.status not in RESULT_STATES:
        raise Http404
    response = FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.original_name, content_type=doc.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
