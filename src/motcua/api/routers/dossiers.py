# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossiers: list (filters, cursor pages), detail, timeline, public lookup and one POST per action.

Everything starts from ``dossiers.selectors.dossier_list_visible``: a dossier outside the caller's
scope is 404 (its existence is not revealed); a visible dossier the caller may not act on is 403
(the service's policy). Writes go only through ``dossiers.services``. Concurrency: each action
takes the version the caller last saw from ``If-Match`` (or the body's ``version``); a stale one
is 409 ``stale_version``; an action the state does not allow is 409 ``transition_not_allowed``
with ``details.state`` and ``details.allowed``. ``{ref}`` is the dossier code, or the numeric id
of a dossier not yet received (it has no code before receipt).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import DateTimeField, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query
from ninja.params.functions import Header
from ninja.responses import Status

from motcua.accounts.selectors import user_get
from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_get
from motcua.api.auth import AUTH
from motcua.api.renderers import UnicodeJSONRenderer
from motcua.api.routers import dossiers_schemas as s
from motcua.api.routers.base import ApiRouter
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers import services as sv
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import (
    dossier_actions_for,
    dossier_get_visible,
    dossier_list_visible,
    dossier_pk_visible,
    dossier_public_lookup,
    dossier_public_timeline,
    dossier_timeline,
    inbox,
)

router = ApiRouter(tags=["dossiers"], auth=AUTH)

IF_MATCH: Any = Header(None, alias="If-Match", description='Expected dossier version, e.g. "3"')
IDEMPOTENCY_KEY: Any = Header(
    None, alias="Idempotency-Key", max_length=128, description="A retry returns the same dossier"
)


# --- Reading ---------------------------------------------------------------------------------


def _visible(request: HttpRequest, ref: str) -> Dossier:
    user = request.auth  # type: ignore[attr-defined]
    if ref.isdigit():
        return dossier_get_visible(user=user, pk=int(ref))
    return dossier_get_visible(user=user, code=ref)


def _detail(
    request: HttpRequest, d: Dossier, response: HttpResponse | None = None, *, fresh: bool = True
) -> Any:
    """The detail of ``d`` as the caller sees it, with its ETag: read again through the
    visibility selector, or (``fresh=False``) as the service that just changed it under its row
    lock returns it, with its agencies, rule set and pinned version loaded. An action's answer is
    the latter: the selector decided before the action that the caller may act on this dossier,
    the row is what was just committed, and reading it again cost more than the action itself
    (docs/performance.md)."""
    if fresh:
        d = dossier_get_visible(user=request.auth, pk=d.pk)  # type: ignore[attr-defined]
    steps = list(d.steps.select_related("agency", "assignee").order_by("started_at", "id"))
    d.allowed_actions = [  # type: ignore[attr-defined]
        {"action": action, "label": s.action_label(action)}
        for action in dossier_actions_for(user=request.auth, dossier=d)  # type: ignore[attr-defined]
    ]
    d.steps_out = steps  # type: ignore[attr-defined]
    if response is not None:
        response["ETag"] = f'"{d.version}"'
    return d


def _cursor_decode(raw: str) -> tuple[dt.datetime, int]:
    try:
        moment, pk = json.loads(base64.urlsafe_b64decode(raw.encode() + b"==="))
        return dt.datetime.fromisoformat(moment), int(pk)
    except (ValueError, TypeError, binascii.Error):
        message = _("This cursor is not valid.")
        raise ValidationFailed(message, details={"cursor": [message]}) from None


def _cursor_encode(row: dict[str, Any]) -> str:
    raw = json.dumps([row["sort_at"].isoformat(), row["id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _filtered(user: Any, f: s.DossierFilter) -> QuerySet[Dossier]:
    qs = inbox(user=user, name=f.inbox) if f.inbox else dossier_list_visible(user=user)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.procedure:
        qs = qs.filter(procedure_version__procedure__code=f.procedure)
    if f.received_from:
        qs = qs.filter(received_at__date__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_at__date__lte=f.received_to)
    return qs


# Output field of a page row ← the value it is read from (one SELECT of only these columns).
LIST_VALUES = {
    "id": "id",
    "code": "code",
    "version": "version",
    "status": "status",
    "national_status": "national_status",
    "procedure_code": "procedure_version__procedure__code",
    "procedure_name": "procedure_version__procedure__name_vi",
    "applicant_name": "applicant_name",
    "channel": "channel",
    "receiving_agency": "receiving_agency__identifier",
    "competent_agency": "competent_agency__identifier",
    "submitted_at": "submitted_at",
    "received_at": "received_at",
    "due_at": "due_at",
    "sla_class": "sla_class",
}


@router.get(
    "/dossiers",
    response=s.DossierPageOut,
    summary="Dossiers in my scope",
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/json": {
                        "example": {
                            "items": [
                                {
                                    "id": 812,
                                    "code": "000.00.22.H56-261127-0003",
                                    "version": 4,
                                    "status": "processing",
                                    "status_label": "Đang xử lý",
                                    "national_status": 4,
                                    "procedure_code": "1.000894",
                                    "procedure_name": "Thủ tục đăng ký kết hôn",
                                    "applicant_name": "Nguyễn Văn An",
                                    "channel": "direct",
                                    "receiving_agency": "000.00.22.H56",
                                    "competent_agency": "000.00.22.H56",
                                    "submitted_at": "2026-11-27T09:02:11+07:00",
                                    "received_at": "2026-11-27T09:02:11+07:00",
                                    "due_at": "2026-12-02T09:02:11+07:00",
                                    "sla_class": "",
                                }
                            ],
                            "next_cursor": "WyIyMDI2LTExLTI3VDAyOjAyOjExKzAwOjAwIiwgODEyXQ",
                        }
                    }
                },
            }
        }
    },
)
def list_dossiers(request: HttpRequest, filters: Query[s.DossierFilter]) -> Any:
    """Newest first by receipt (submission for dossiers not yet received), then id.

    Pages are keyset pages: pass `next_cursor` back as `cursor`; at most 100 rows a page.
    """
    qs = _filtered(request.auth, filters)  # type: ignore[attr-defined]
    qs = qs.annotate(sort_at=Coalesce("received_at", "created_at", output_field=DateTimeField()))
    if filters.cursor:
        moment, pk = _cursor_decode(filters.cursor)
        qs = qs.filter(Q(sort_at__lt=moment) | Q(sort_at=moment, pk__lt=pk))
    # Only the printed columns, as plain values: the related rows otherwise carry e-form JSON
    # and long texts, and model instances cost more CPU than the query (docs/performance.md).
    values = qs.order_by("-sort_at", "-pk").values(*LIST_VALUES.values(), "sort_at")
    rows = list(values[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    items = [
        {
            **{out: row[src] for out, src in LIST_VALUES.items()},
            "status_label": s.state_label(row["status"]),
        }
        for row in rows
    ]
    page = {"items": items, "next_cursor": _cursor_encode(rows[-1]) if more else None}
    # Rendered by the API's own renderer without re-validating 50 rows through the schema: the
    # rows are built from ``LIST_VALUES`` above, and test_dossiers_api checks them against
    # ``DossierPageOut`` and the detail (a third of the CPU of a page otherwise).
    renderer = UnicodeJSONRenderer()
    return HttpResponse(
        renderer.render(request, page, response_status=200),
        content_type=f"{renderer.media_type}; charset={renderer.charset}",
    )


def _example(body: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI: an example request body for an action."""
    return {"requestBody": {"content": {"application/json": {"example": body}}}}


# Registered before `/dossiers/{ref}`: Django resolves in order, and the GET-only `{ref}` view
# would otherwise capture `/dossiers/online` and answer 405.
# --- Creation --------------------------------------------------------------------------------


@router.post(
    "/dossiers",
    response={200: s.DossierDetailOut, 201: s.DossierDetailOut},
    summary="Receive a dossier at the counter",
    openapi_extra=_example(
        {
            "procedure": "1.000894",
            "applicant": {"name": "Nguyễn Văn An", "phone": "0900000001"},
            "channel": "direct",
            "receiving_agency": "000.00.22.H56",
            "documents": [
                {"component_id": 31, "name": "to-khai.pdf", "content_base64": "JVBERi0xLjQK"}
            ],
        }
    ),
)
def receive_at_counter(
    request: HttpRequest,
    payload: s.ReceiveAtCounterIn,
    response: HttpResponse,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> Any:
    """Walk-in or postal dossier: recorded, checked and received (code, appointment) at once.

    201 with the new dossier; a retry with the same `Idempotency-Key` returns it with 200.
    """
    started = clock.now()
    competent = payload.competent_agency
    d = sv.dossier_receive_at_counter(
        actor=request.auth,  # type: ignore[attr-defined]
        procedure_version=_procedure_version(payload.procedure),
        applicant=_applicant(payload.applicant),
        channel=payload.channel,
        receiving_agency=_agency(payload.receiving_agency, "receiving_agency"),
        competent_agency=_agency(competent, "competent_agency") if competent else None,
        case_id=payload.case_id,
        summary=payload.summary,
        documents=_documents(payload.documents),
        idempotency_key=idempotency_key or "",
    )
    return Status(200 if d.created_at < started else 201, _detail(request, d, response))


@router.post(
    "/dossiers/online",
    response={200: s.DossierDetailOut, 201: s.DossierDetailOut},
    summary="Submit a dossier online",
    openapi_extra=_example(
        {
            "procedure": "1.000894",
            "applicant": {"name": "Nguyễn Văn An", "email": "an@example.vn"},
            "receiving_agency": "000.00.22.H56",
            "documents": [
                {"component_id": 31, "name": "to-khai.pdf", "content_base64": "JVBERi0xLjQK"}
            ],
        }
    ),
)
def submit_online(
    request: HttpRequest,
    payload: s.SubmitOnlineIn,
    response: HttpResponse,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> Any:
    """The signed-in applicant submits (DVCQG 1); a retry with the same key returns 200."""
    started = clock.now()
    competent = payload.competent_agency
    d = sv.dossier_submit_online(
        actor=request.auth,  # type: ignore[attr-defined]
        procedure_version=_procedure_version(payload.procedure),
        applicant=_applicant(payload.applicant),
        receiving_agency=_agency(payload.receiving_agency, "receiving_agency"),
        competent_agency=_agency(competent, "competent_agency") if competent else None,
        case_id=payload.case_id,
        eform_data=payload.eform_data,
        documents=_documents(payload.documents),
        summary=payload.summary,
        idempotency_key=idempotency_key or "",
    )
    return Status(200 if d.created_at < started else 201, _detail(request, d, response))


@router.get("/dossiers/{ref}", response=s.DossierDetailOut, summary="One dossier")
def get_dossier(request: HttpRequest, ref: str, response: HttpResponse) -> Any:
    """Detail with the steps and their due moments, and the actions the caller may take now.

    The `ETag` header carries the version to send back in `If-Match`.
    """
    return _detail(request, _visible(request, ref), response)


@router.get("/dossiers/{ref}/events", response=list[s.EventOut], summary="Timeline")
def list_events(request: HttpRequest, ref: str) -> Any:
    """Every event in order, with the hash chain (tamper evidence)."""
    return list(dossier_timeline(dossier=_visible(request, ref)))


@router.get(
    "/lookup/{code}",
    response=s.PublicLookupOut,
    auth=None,
    summary="Public status lookup",
    exclude_unset=True,
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/json": {
                        "example": {
                            "code": "000.00.22.H56-261127-0003",
                            "procedure_name": "Thủ tục đăng ký kết hôn",
                            "status": "processing",
                            "appointment": "2026-12-02T09:02:11+07:00",
                        }
                    }
                },
            }
        }
    },
)
def lookup(request: HttpRequest, code: str, query: Query[s.LookupQuery]) -> Any:
    """Anyone: code, procedure name, status and appointment only (no personal data).

    With `?secret=` (printed on the receipt) the timeline is added; a wrong secret is 404.
    """
    found = dossier_public_lookup(code=code)
    out: dict[str, Any] = {
        "code": found.code,
        "procedure_name": found.procedure_name,
        "status": found.status,
        "appointment": found.due_at,
    }
    if query.secret:
        out["timeline"] = dossier_public_timeline(code=code, secret=query.secret)
    return out


# --- Helpers for writes ----------------------------------------------------------------------


def _expected_version(if_match: str | None, body_version: int | None) -> int:
    if if_match:
        raw = if_match.strip().removeprefix("W/").strip('"')
        if raw.isdigit():
            return int(raw)
        message = _('If-Match must be the dossier version, e.g. "3".')
        raise ValidationFailed(message, details={"If-Match": [message]})
    if body_version is not None:
        return body_version
    message = _("Send the dossier version you last saw in If-Match or in the version field.")
    raise ValidationFailed(message, details={"version": [message]})


def _agency(identifier: str, field: str) -> Agency:
    found = agency_get(identifier=identifier)
    if found is None:
        message = _("No agency with this identifier.")
        raise ValidationFailed(message, details={field: [message]})
    return found


def _procedure_version(code: str) -> ProcedureVersion:
    found = procedure_version_in_force(code=code, on=clock.today())
    if found is None:
        message = _("No procedure with this code is in force today.")
        raise ValidationFailed(message, details={"procedure": [message]})
    return found


def _documents(items: list[s.DocumentBody]) -> list[sv.DocumentIn]:
    out = []
    for i, item in enumerate(items):
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            message = _("The content is not valid base64.")
            raise ValidationFailed(
                message, details={f"documents.{i}.content_base64": [message]}
            ) from None
        out.append(
            sv.DocumentIn(
                component_id=item.component_id,
                file=ContentFile(content, name=item.name),
                name=item.name,
            )
        )
    return out


def _applicant(body: s.ApplicantBody) -> sv.ApplicantIn:
    return sv.ApplicantIn(**body.model_dump())


# --- One endpoint per action -----------------------------------------------------------------


def _act(
    request: HttpRequest,
    ref: str,
    response: HttpResponse,
    if_match: str | None,
    payload: s.VersionedIn,
    service: Any,
    **kw: Any,
) -> Any:
    version = _expected_version(if_match, payload.version)
    user = request.auth  # type: ignore[attr-defined]
    pk = (
        dossier_pk_visible(user=user, pk=int(ref))
        if ref.isdigit()
        else dossier_pk_visible(user=user, code=ref)
    )
    done = service(actor=user, dossier=pk, version=version, **kw)
    return _detail(request, done, response, fresh=False)


def _action(
    path: str, summary: str, example: dict[str, Any]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return router.post(
        f"/dossiers/{{ref}}/{path}",
        response=s.DossierDetailOut,
        summary=summary,
        openapi_extra=_example(example),
    )


@_action("receive", "Receive an online submission", {"version": 1, "documents": []})
def receive(
    request: HttpRequest,
    ref: str,
    payload: s.DocumentsIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Check the papers, issue the code and the appointment (DVCQG 2)."""
    docs = _documents(payload.documents)
    return _act(request, ref, response, if_match, payload, sv.dossier_receive, documents=docs)


@_action("refuse", "Refuse at receipt", {"version": 1, "reason": "Không thuộc thẩm quyền."})
def refuse(
    request: HttpRequest,
    ref: str,
    payload: s.ReasonIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Refusal with the reason (Mẫu 03, DVCQG 3). The reason is required."""
    return _act(request, ref, response, if_match, payload, sv.dossier_refuse, reason=payload.reason)


@_action(
    "request-supplement-at-receipt",
    "Request a supplement at receipt",
    {"version": 1, "reasons": ["Thiếu bản sao giấy khai sinh."]},
)
def request_supplement_at_receipt(
    request: HttpRequest,
    ref: str,
    payload: s.ReasonsIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The complete list of what is missing, once (Mẫu 02)."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_request_supplement_at_receipt,
        reasons=payload.reasons,
    )


@_action("supplement-at-receipt", "Record the supplement at receipt", {"version": 2})
def supplement_at_receipt(
    request: HttpRequest,
    ref: str,
    payload: s.DocumentsIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The missing papers are handed in; the dossier goes back to the receipt check."""
    docs = _documents(payload.documents)
    return _act(
        request, ref, response, if_match, payload, sv.dossier_supplement_at_receipt, documents=docs
    )


@_action("forward", "Forward to the competent agency", {"version": 2})
def forward(
    request: HttpRequest,
    ref: str,
    payload: s.VersionedIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """DVCQG 4; the first steps of the pinned process open with their due moments."""
    return _act(request, ref, response, if_match, payload, sv.dossier_forward)


@_action(
    "transfer",
    "Transfer to the competent agency",
    {"version": 2, "to": "000.00.23.H56", "reason": "Thuộc thẩm quyền Sở Xây dựng."},
)
def transfer(
    request: HttpRequest,
    ref: str,
    payload: s.TransferIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Routing by competence; open steps restart at the new agency. The reason is required."""
    to = _agency(payload.to, "to")
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_transfer,
        to=to,
        reason=payload.reason,
    )


@_action("assign", "Assign a handler", {"version": 3, "assignee": "nguyenvanduc"})
def assign(
    request: HttpRequest,
    ref: str,
    payload: s.AssignIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The head of the competent agency assigns a step (the first open one by default)."""
    user = user_get(username=payload.assignee)
    if user is None:
        message = _("No user with this username.")
        raise ValidationFailed(message, details={"assignee": [message]})
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.step_assign,
        assignee=user,
        step_id=payload.step_id,
    )


@_action("complete-step", "Complete a step", {"version": 4, "outcome": "ok", "note": ""})
def complete_step(
    request: HttpRequest,
    ref: str,
    payload: s.CompleteStepIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Finish a step with its outcome; the next step(s) open."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.step_complete,
        outcome=payload.outcome,
        note=payload.note,
        step_id=payload.step_id,
    )


@_action(
    "return-step", "Return a step", {"version": 5, "reason": "Thiếu ý kiến thẩm định hiện trạng."}
)
def return_step(
    request: HttpRequest,
    ref: str,
    payload: s.ReturnStepIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Send the step back to the previous one, which reopens. The reason is required."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.step_return,
        reason=payload.reason,
        step_id=payload.step_id,
    )


@_action(
    "consult",
    "Consult another body, or send to several agencies at once (liên thông)",
    {
        "version": 4,
        "agency": "000.00.23.H56",
        "question": "Đề nghị cho ý kiến về quy hoạch.",
        "due_at": "2026-12-04T17:00:00+07:00",
    },
)
def consult(
    request: HttpRequest,
    ref: str,
    payload: s.ConsultIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """A consultation step with a deadline, or an electronic inter-agency send to several
    agencies at once naming the lead (Decree 61/2018 Art 19(3)–(4)); the question is required."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_consult,
        agency=_agency(payload.agency, "agency") if payload.agency else None,
        agencies=[_agency(a, "agencies") for a in payload.agencies],
        lead=_agency(payload.lead, "lead") if payload.lead else None,
        question=payload.question,
        due_at=payload.due_at,
    )


@_action(
    "request-supplement",
    "Request a supplement during appraisal",
    {"version": 4, "reasons": ["Bổ sung bản vẽ hiện trạng."]},
)
def request_supplement(
    request: HttpRequest,
    ref: str,
    payload: s.ReasonsIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The clock stops (DVCQG 5); at least one reason."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_request_supplement,
        reasons=payload.reasons,
    )


@_action("supplement-received", "Record the supplement", {"version": 5, "documents": []})
def supplement_received(
    request: HttpRequest,
    ref: str,
    payload: s.DocumentsIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The clock resumes or restarts per the dossier's rule set (DVCQG 4)."""
    docs = _documents(payload.documents)
    return _act(
        request, ref, response, if_match, payload, sv.dossier_supplement_received, documents=docs
    )


@_action(
    "wait-financial", "Wait for the financial obligation", {"version": 4, "amount_vnd": 500000}
)
def wait_financial(
    request: HttpRequest,
    ref: str,
    payload: s.WaitFinancialIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The clock stops (DVCQG 6)."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_wait_financial,
        amount_vnd=payload.amount_vnd,
    )


@_action("financial-paid", "Record the payment", {"version": 5, "proof": "BL-0001234"})
def financial_paid(
    request: HttpRequest,
    ref: str,
    payload: s.FinancialPaidIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Proof of payment: the clock resumes (land–tax: appointment 2)."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_financial_paid,
        proof=payload.proof,
    )


@_action(
    "extend",
    "New appointment with apology",
    {
        "version": 4,
        "reason": "Chờ kết quả đo đạc.",
        "new_due_at": "2026-12-09T17:00:00+07:00",
    },
)
def extend(
    request: HttpRequest,
    ref: str,
    payload: s.ExtendIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Once, at least one working day before the appointment (Mẫu 04). Reason required."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_extend,
        reason=payload.reason,
        new_due_at=payload.new_due_at,
    )


@_action("reject", "Reject after appraisal", {"version": 6, "reason": "Không đủ điều kiện."})
def reject(
    request: HttpRequest,
    ref: str,
    payload: s.ReasonIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Refusal recorded as the result (DVCQG 9). The reason is required."""
    return _act(request, ref, response, if_match, payload, sv.dossier_reject, reason=payload.reason)


@_action("approve", "Approve", {"version": 7})
def approve(
    request: HttpRequest,
    ref: str,
    payload: s.VersionedIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The competent person decides; no process step may still be open."""
    return _act(request, ref, response, if_match, payload, sv.dossier_approve)


@_action("result-ready", "Mark the result ready", {"version": 8, "documents": []})
def result_ready(
    request: HttpRequest,
    ref: str,
    payload: s.DocumentsIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The result reaches the one-stop and is stored (DVCQG 9)."""
    docs = _documents(payload.documents)
    return _act(request, ref, response, if_match, payload, sv.dossier_result_ready, documents=docs)


@_action("return-result", "Return the result", {"version": 9})
def return_result(
    request: HttpRequest,
    ref: str,
    payload: s.VersionedIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The result is handed to the applicant (DVCQG 10)."""
    return _act(request, ref, response, if_match, payload, sv.dossier_return_result)


@_action("request-withdrawal", "Request withdrawal", {"version": 4, "reason": "Không còn nhu cầu."})
def request_withdrawal(
    request: HttpRequest,
    ref: str,
    payload: s.OptionalReasonIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """The applicant (or the counter on their request) asks to withdraw; before a decision."""
    return _act(
        request,
        ref,
        response,
        if_match,
        payload,
        sv.dossier_request_withdrawal,
        reason=payload.reason,
    )


@_action("stop", "Stop (stop notice)", {"version": 5})
def stop(
    request: HttpRequest,
    ref: str,
    payload: s.VersionedIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Stop notice after a withdrawal request (Mẫu 05, DVCQG 8)."""
    return _act(request, ref, response, if_match, payload, sv.dossier_stop)


@_action("cancel", "Cancel", {"version": 3, "reason": "Nhập trùng hồ sơ."})
def cancel(
    request: HttpRequest,
    ref: str,
    payload: s.ReasonIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Any:
    """An officer cancels with a reason (DVCQG 8)."""
    return _act(request, ref, response, if_match, payload, sv.dossier_cancel, reason=payload.reason)


# Papers and printed forms register on this router (split for size).
from motcua.api.routers import dossiers_documents  # noqa: E402, F401
