# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages of dossiers (issue 5 item 9): role inboxes, the workbench, counter reception.

Every page starts from ``dossiers.selectors`` (``dossier_list_visible`` decides what an official
sees: another agency's dossier is a 404). Each action posts to its own URL, calls ONE service with
the dossier's ``version`` and redirects with a message; errors come back beside the fields. With
htmx the forms swap only the workbench section; without JavaScript they post and reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.agencies.models import Role
from motcua.agencies.selectors import role_assignments_active
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core import clock
from motcua.core.documents import render_kind
from motcua.core.errors import Conflict, DomainError, NotFound
from motcua.core.forms import apply_domain_error
from motcua.desk.access import staff_required
from motcua.desk.dossier_forms import CounterReceptionForm, DossierActionForm, ProcedureChoiceForm
from motcua.desk.views import PER_PAGE
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, EventType
from motcua.dossiers.receipts import control_slip_context, letter_context, receipt_context
from motcua.dossiers.selectors import (
    INBOXES,
    dossier_actions_for,
    dossier_get_visible,
    dossier_list_visible,
    dossier_timeline,
    inbox,
    inbox_counts,
)
from motcua.dossiers.services.pinned import parts_of
from motcua.dossiers.workflow.engine import (
    ACTION_LABELS,
    CLOCK_RUNNING,
    STATE_LABELS,
    Action,
    State,
)

INBOX_LABELS = {
    "to_receive": gettext_lazy("To receive"),
    "to_forward": gettext_lazy("To forward"),
    "to_process": gettext_lazy("To process"),
    "to_approve": gettext_lazy("To approve"),
    "to_return": gettext_lazy("To return"),
    "due_soon": gettext_lazy("Due soon"),
    "overdue": gettext_lazy("Overdue"),
}

SERVICES: dict[Action, Callable[..., Dossier]] = {
    Action.RECEIVE: services.dossier_receive,
    Action.REFUSE: services.dossier_refuse,
    Action.REQUEST_SUPPLEMENT_AT_RECEIPT: services.dossier_request_supplement_at_receipt,
    Action.SUPPLEMENT_AT_RECEIPT: services.dossier_supplement_at_receipt,
    Action.FORWARD: services.dossier_forward,
    Action.TRANSFER: services.dossier_transfer,
    Action.ASSIGN: services.step_assign,
    Action.COMPLETE_STEP: services.step_complete,
    Action.RETURN_STEP: services.step_return,
    Action.CONSULT: services.dossier_consult,
    Action.REQUEST_SUPPLEMENT: services.dossier_request_supplement,
    Action.SUPPLEMENT_RECEIVED: services.dossier_supplement_received,
    Action.WAIT_FINANCIAL: services.dossier_wait_financial,
    Action.FINANCIAL_PAID: services.dossier_financial_paid,
    Action.EXTEND: services.dossier_extend,
    Action.REJECT: services.dossier_reject,
    Action.APPROVE: services.dossier_approve,
    Action.RESULT_READY: services.dossier_result_ready,
    Action.RETURN_RESULT: services.dossier_return_result,
    Action.REQUEST_WITHDRAWAL: services.dossier_request_withdrawal,
    Action.STOP: services.dossier_stop,
    Action.CANCEL: services.dossier_cancel,
}
# Actions whose service takes the papers handed in (none from these small forms).
WITH_DOCUMENTS = {Action.SUPPLEMENT_AT_RECEIPT}

# Printable documents: kind → (label, event type of the letter, or None for receipt/slip).
PRINTS: dict[str, tuple[Any, str | None]] = {
    "receipt": (gettext_lazy("Receipt"), None),
    "control_slip": (gettext_lazy("Control slip"), None),
    "refusal": (gettext_lazy("Refusal"), EventType.REFUSED),
    "supplement_request": (gettext_lazy("Supplement request"), None),
    "apology": (gettext_lazy("Apology and new appointment"), EventType.EXTENDED),
    "stop_notice": (gettext_lazy("Stop notice"), EventType.STOPPED),
}
SUPPLEMENT_EVENTS = (EventType.SUPPLEMENT_REQUESTED, EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT)


def sla_badge(d: Dossier, now: Any) -> tuple[str, str]:
    """(css class, label) of the dossier's deadline situation."""
    if d.status in {s.value for s in CLOCK_RUNNING} and d.due_at is not None:
        if d.due_at < now:
            return "sla-overdue", _("Overdue")
        if d.watch_mark == "due_soon":
            return "sla-due-soon", _("Due soon")
        return "sla-on-time", _("On time")
    if d.sla_class:
        return f"sla-{d.sla_class.replace('_', '-')}", str(d.sla_class)
    return "sla-none", ""


def ref_of(d: Dossier) -> str:
    """The URL key of a dossier: its code, or ``id-<pk>`` before receipt issues one."""
    return d.code or f"id-{d.pk}"


def _get_or_404(request: HttpRequest, code: str) -> Dossier:
    try:
        if code.startswith("id-") and code[3:].isdigit():
            return dossier_get_visible(user=request.user, pk=int(code[3:]))
        return dossier_get_visible(user=request.user, code=code)
    except NotFound:
        raise Http404 from None


@require_safe
@staff_required
def dossier_inbox_view(request: HttpRequest) -> HttpResponse:
    box = request.GET.get("box", "")
    if box not in INBOXES:
        box = ""
    qs = inbox(user=request.user, name=box) if box else dossier_list_visible(user=request.user)
    qs = qs.select_related("procedure_version__procedure").order_by("due_at", "-pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    now = clock.now()
    rows = [
        {
            "dossier": d,
            "ref": ref_of(d),
            "status": STATE_LABELS.get(State(d.status), d.status),
            "badge": sla_badge(d, now),
        }
        for d in page
    ]
    counts = inbox_counts(user=request.user)
    boxes = [{"name": n, "label": INBOX_LABELS[n], "count": counts[n]} for n in INBOXES]
    return render(
        request,
        "desk/dossier_inbox.html",
        {"boxes": boxes, "box": box, "page": page, "rows": rows},
    )


def _actions_for(user: Any, d: Dossier) -> list[Action]:
    return dossier_actions_for(user=user, dossier=d)


def _workbench(
    request: HttpRequest,
    d: Dossier,
    *,
    bound: DossierActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = []
    for action in _actions_for(request.user, d):
        form = (
            bound
            if bound is not None and bound.action == action
            else DossierActionForm(action=action, initial={"version": d.version})
        )
        forms.append({"action": action, "label": ACTION_LABELS[action], "form": form})
    printable = _printable(d)
    context = {
        "dossier": d,
        "ref": ref_of(d),
        "status_label": STATE_LABELS.get(State(d.status), d.status),
        "badge": sla_badge(d, clock.now()),
        "papers": d.documents.select_related("component").order_by("pk"),
        "steps": d.steps.select_related("agency", "assignee").order_by("pk"),
        "events": dossier_timeline(dossier=d),
        "forms": forms,
        "prints": [{"kind": k, "label": PRINTS[k][0]} for k in printable],
    }
    return render(request, "desk/dossier_workbench.html", context, status=status)


def _printable(d: Dossier) -> list[str]:
    kinds = ["receipt", "control_slip"] if d.code else []
    types = set(d.events.values_list("type", flat=True))
    if EventType.REFUSED in types:
        kinds.append("refusal")
    if types & set(SUPPLEMENT_EVENTS):
        kinds.append("supplement_request")
    if EventType.EXTENDED in types:
        kinds.append("apology")
    if EventType.STOPPED in types:
        kinds.append("stop_notice")
    return kinds


@require_safe
@staff_required
def dossier_workbench_view(request: HttpRequest, code: str) -> HttpResponse:
    return _workbench(request, _get_or_404(request, code))


@require_POST
@staff_required
def dossier_action_view(request: HttpRequest, code: str, action: str) -> HttpResponse:
    try:
        act = Action(action)
    except ValueError:
        raise Http404 from None
    d = _get_or_404(request, code)
    form = DossierActionForm(request.POST, action=act)
    failed = 200 if getattr(request, "htmx", False) else 422
    if not form.is_valid():
        return _workbench(request, d, bound=form, status=failed)
    kwargs = form.service_kwargs()
    if act in WITH_DOCUMENTS:
        kwargs["documents"] = []
    try:
        SERVICES[act](
            actor=request.user, dossier=d.pk, version=form.cleaned_data["version"], **kwargs
        )
    except DomainError as exc:
        if isinstance(exc, Conflict) and exc.code == "stale_version":
            form.add_error(
                None, _("This dossier was changed by someone else. Reload the page and try again.")
            )
        else:
            apply_domain_error(form, exc)
        return _workbench(request, d, bound=form, status=failed)
    messages.success(request, _("%(action)s: done.") % {"action": ACTION_LABELS[act]})
    return redirect("desk:dossier_workbench", code=ref_of(d))


# --- Printing ------------------------------------------------------------------------------


def _header(ctx: dict[str, Any], moment: Any) -> dict[str, Any]:
    day = timezone.localdate(moment) if moment else clock.today()
    return {"agency": ctx["agency"], "parent_agency": "", "number": "", "place": "", "date": day}


def _common(ctx: dict[str, Any]) -> dict[str, Any]:
    return {
        "header": _header(ctx, ctx["received_at"]),
        "dossier_code": ctx["code"] or "",
        "procedure_name": ctx["procedure_name"],
        "applicant": {k: ctx["applicant"][k] for k in ("name", "address", "phone", "email")},
        "lookup_url": ctx["lookup_url"],
        "received_at": ctx["received_at"],
    }


def _print_context(d: Dossier, kind: str) -> dict[str, Any]:
    """A ``receipts`` context reshaped into the keys of ``core.documents`` for ``kind``."""
    if kind == "control_slip":
        ctx = control_slip_context(d)
        return {
            **_common(ctx),
            "appointment_at": ctx["due_at"],
            "handovers": [
                {
                    "step": r["name"],
                    "giver": r["assignee"],
                    "receiver": r["agency"],
                    "handed_at": r["started_at"],
                    "due_at": r["due_at"],
                    "timeliness": r["timeliness"] or None,
                    "note": r["outcome"],
                }
                for r in ctx["rows"]
            ],
        }
    if kind == "receipt":
        ctx = receipt_context(d)
        return {
            **_common(ctx),
            "receiving_unit": ctx["agency"],
            "papers": [
                {"name": p["name"], "originals": p["originals"] or 0, "copies": p["copies"] or 0}
                for p in ctx["documents"]
            ],
            "channel": ctx["channel"],
            "appointment_at": ctx["due_at"],
            "result_place": ctx["agency"],
            "lookup_secret": ctx["lookup_secret"],
            "officer_name": ctx["officer"],
        }
    if kind == "supplement_request":
        ctx = letter_context(d, EventType.SUPPLEMENT_REQUESTED)
        if ctx["event"] is None:
            ctx = letter_context(d, EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT)
    else:
        ctx = letter_context(d, str(PRINTS[kind][1]))
    event = ctx["event"] or {"payload": {}, "occurred_at": None}
    payload = event["payload"]
    base = {**_common(ctx), "officer_name": ctx["officer"]}
    signer = {"title": "", "name": ctx["officer"], "authority": ""}
    if kind == "refusal":
        return {**base, "reasons": [payload.get("reason", "")]}
    if kind == "supplement_request":
        items = [{"paper": r, "reason": ""} for r in payload.get("reasons", [])]
        return {**base, "items": items}
    if kind == "apology":
        return {
            **base,
            "old_appointment_at": _moment(payload.get("old_due_at")),
            "new_appointment_at": _moment(payload.get("due_at")),
            "reason": payload.get("reason", ""),
            "signer": signer,
        }
    return {
        **base,
        "requested_at": event["occurred_at"],
        "reason": payload.get("reason", ""),
        "signer": signer,
    }


def _moment(value: Any) -> Any:
    return parse_datetime(value) if isinstance(value, str) else value


@require_safe
@staff_required
def dossier_print_view(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    d = _get_or_404(request, code)
    if kind not in _printable(d):
        raise Http404
    context = _print_context(d, kind)
    if not d.code:  # refused or sent back at receipt: no code, nothing to look up
        context["lookup_url"] = ""
    elif not context["lookup_url"].startswith(("http://", "https://")):  # no PUBLIC_BASE_URL
        context["lookup_url"] = request.build_absolute_uri(context["lookup_url"])
    pdf = render_kind(kind, context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{d.code}-{kind}.pdf"'
    return response


# --- Counter reception ---------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def dossier_receive_view(request: HttpRequest) -> HttpResponse:
    """Step 1 chooses the procedure (GET ``?procedure=CODE``); step 2 posts the dossier."""
    choice = ProcedureChoiceForm(request.GET or None)
    version = None
    if choice.is_bound and choice.is_valid():
        code = choice.cleaned_data["procedure"].strip()
        version = procedure_version_in_force(code=code, on=clock.today())
        if version is None:
            choice.add_error("procedure", _("No version of this procedure is in force today."))
    if version is None:
        return render(request, "desk/dossier_receive.html", {"choice": choice, "form": None})
    agencies = [
        ra.agency
        for ra in role_assignments_active(user=request.user, roles=[Role.RECEPTION_OFFICER])
        if ra.agency is not None
    ]
    form = CounterReceptionForm(
        request.POST or None,
        request.FILES or None,
        components=parts_of(version).documents,
        agencies=agencies,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        documents = [
            services.DocumentIn(
                component_id=c.pk, file=data[f"doc_{c.pk}"], scanned_at_receipt=True
            )
            for c in form.components
            if data.get(f"doc_{c.pk}")
        ]
        try:
            d = services.dossier_receive_at_counter(
                actor=request.user,
                procedure_version=version,
                applicant=services.ApplicantIn(
                    name=data["applicant_name"],
                    id_number=data["applicant_id_number"],
                    phone=data["applicant_phone"],
                ),
                channel=data["channel"],
                receiving_agency=data["receiving_agency"],
                documents=documents,
                idempotency_key=str(data["idempotency_key"]),
            )
        except DomainError as exc:
            apply_domain_error(
                form,
                exc,
                field_map={"applicant.name": "applicant_name", "channel": "channel"},
            )
            if "documents" in exc.details:  # list of missing papers: say what the list is
                form.add_error(None, str(exc.message))
        else:
            messages.success(
                request, _("Dossier %(code)s received. Print the receipt.") % {"code": d.code}
            )
            return redirect("desk:dossier_workbench", code=d.code)
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request,
        "desk/dossier_receive.html",
        {"choice": choice, "form": form, "version": version},
        status=status,
    )
