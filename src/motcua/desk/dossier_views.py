# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages of dossiers (issue 5 item 9): role inboxes, the workbench, counter reception.

Every page starts from ``dossiers.selectors`` (``dossier_list_visible`` decides what an official
sees: another agency's dossier is a 404). Each action posts to its own URL, calls its service with
the dossier's ``version`` and redirects with a message; errors come back beside the fields and
nothing is saved. With htmx the forms swap only the workbench section (uploads are multipart);
without JavaScript they post and reload. Pickers come from the selectors: open steps
(``dossier_open_steps``), the handlers of a step (``step_performers``, Decree 61/2018 Art 19(1)),
agencies in force (forwarding preselects the competent agency; sending elsewhere is a transfer
then the forwarding, in one transaction, Art 18). Papers handed in with an action (scans at
receipt, supplements, the result file) are checked by ``services.documents`` (Art 17(1), 20).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.agencies.models import Agency, Role
from motcua.agencies.selectors import role_assignments_active
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, NotFound
from motcua.core.forms import apply_domain_error
from motcua.desk.access import staff_required
from motcua.desk.dossier_forms import (
    UPLOAD_ACTIONS,
    CounterReceptionForm,
    DossierActionForm,
    ProcedureChoiceForm,
)
from motcua.desk.views import PER_PAGE
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.receipts import printable_kinds
from motcua.dossiers.selectors import (
    INBOXES,
    dossier_actions_for,
    dossier_get_visible,
    dossier_list_visible,
    dossier_open_steps,
    dossier_timeline,
    inbox,
    inbox_counts,
    step_performers,
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
# Printable documents (``receipts.printable_kinds`` says which exist for a dossier).
PRINTS: dict[str, Any] = {
    "receipt": gettext_lazy("Receipt"),
    "control_slip": gettext_lazy("Control slip"),
    "refusal": gettext_lazy("Refusal"),
    "supplement_request": gettext_lazy("Supplement request"),
    "apology": gettext_lazy("Apology and new appointment"),
    "stop_notice": gettext_lazy("Stop notice"),
}
# Papers handed in at the counter are scanned there (Decree 61/2018 Art 17(1)).
SCANNED = {Action.RECEIVE, Action.SUPPLEMENT_AT_RECEIPT}


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


def _pickers(d: Dossier, actions: list[Action]) -> dict[str, Any]:
    """The choices the offered action forms need (open steps, handlers, agencies, papers)."""
    steps = list(dossier_open_steps(dossier=d)) if actions else []
    performers = (
        {s.pk: list(step_performers(step=s)) for s in steps} if Action.ASSIGN in actions else {}
    )
    components = parts_of(d.procedure_version).documents
    held = (
        set(d.documents.values_list("component_id", flat=True))
        if Action.RECEIVE in actions
        else set()
    )
    return {
        "steps": steps,
        "performers": performers,
        "agencies": Agency.objects.valid_on(clock.today()).order_by("name_vi"),
        "competent": d.competent_agency,
        "components": components,
        "missing": [c for c in components if c.pk not in held],
    }


def _workbench(
    request: HttpRequest,
    d: Dossier,
    *,
    bound: DossierActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = dossier_actions_for(user=request.user, dossier=d)
    pickers = _pickers(d, actions)
    forms = []
    for action in actions:
        form = (
            bound
            if bound is not None and bound.action == action
            else DossierActionForm(action=action, initial={"version": d.version}, **pickers)
        )
        forms.append({"action": action, "label": ACTION_LABELS[action], "form": form})
    context = {
        "dossier": d,
        "ref": ref_of(d),
        "status_label": STATE_LABELS.get(State(d.status), d.status),
        "badge": sla_badge(d, clock.now()),
        "papers": d.documents.select_related("component").order_by("pk"),
        "steps": d.steps.select_related("agency", "assignee").order_by("pk"),
        "events": dossier_timeline(dossier=d),
        "forms": forms,
        "prints": [{"kind": k, "label": PRINTS[k]} for k in printable_kinds(d)],
    }
    return render(request, "desk/dossier_workbench.html", context, status=status)


@require_safe
@staff_required
def dossier_workbench_view(request: HttpRequest, code: str) -> HttpResponse:
    return _workbench(request, _get_or_404(request, code))


def _show_error(form: DossierActionForm, exc: DomainError, papers: list[str]) -> None:
    """The service's error beside the fields; a paper's error beside the file input."""
    if isinstance(exc, Conflict) and exc.code == "stale_version":
        form.add_error(
            None, _("This dossier was changed by someone else. Reload the page and try again.")
        )
        return
    if "documents" in exc.details:  # the complete list of missing mandatory papers
        missing = ", ".join(m for m in exc.details["documents"] if m)
        form.add_error(None, f"{exc.message} {missing}".strip())
        return
    details = {k: [m or str(exc.message) for m in v] for k, v in exc.details.items()}
    field_map = {f"documents.{i}": name for i, name in enumerate(papers)}
    apply_domain_error(form, type(exc)(exc.message, details=details), field_map=field_map)


def _run(act: Action, user: Any, d: Dossier, form: DossierActionForm) -> None:
    """One service call (forwarding elsewhere than the competent agency: transfer, then forward,
    in one transaction — Decree 61/2018 Art 18)."""
    kwargs = form.service_kwargs()
    version = form.cleaned_data["version"]
    if act in UPLOAD_ACTIONS:
        kwargs["documents"] = [
            services.DocumentIn(
                component_id=component, file=f, name=f.name, scanned_at_receipt=act in SCANNED
            )
            for _field, component, f in form.papers()
        ]
    if act == Action.FORWARD:
        to, reason = kwargs.pop("to", None), kwargs.pop("reason", "")
        with transaction.atomic():
            if to is not None and to != d.competent_agency:
                services.dossier_transfer(
                    actor=user, dossier=d.pk, to=to, reason=reason, version=version
                )
                version += 1
            services.dossier_forward(actor=user, dossier=d.pk, version=version)
        return
    SERVICES[act](actor=user, dossier=d.pk, version=version, **kwargs)


@require_POST
@staff_required
def dossier_action_view(request: HttpRequest, code: str, action: str) -> HttpResponse:
    try:
        act = Action(action)
    except ValueError:
        raise Http404 from None
    d = _get_or_404(request, code)
    pickers = _pickers(d, [act])
    form = DossierActionForm(request.POST, request.FILES, action=act, **pickers)
    failed = 200 if getattr(request, "htmx", False) else 422
    if not form.is_valid():
        return _workbench(request, d, bound=form, status=failed)
    try:
        _run(act, request.user, d, form)
    except DomainError as exc:
        _show_error(form, exc, [name for name, _c, _f in form.papers()])
        return _workbench(request, d, bound=form, status=failed)
    messages.success(request, _("%(action)s: done.") % {"action": ACTION_LABELS[act]})
    return redirect("desk:dossier_workbench", code=ref_of(d))


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
