# SPDX-License-Identifier: AGPL-3.0-or-later
"""Data for the printed documents (rendered by ``core.pdf`` from ``templates/pdf/``).

Legal basis: Decree 61/2018/NĐ-CP Art 17 (receipt and appointment slip, refusal, supplement
request), Art 19 (apology, control slip); Circular 01/2018/TT-VPCP forms (Mẫu 01–06) and their
Circular 03/2025 successors (Mẫu 05 stop notice). The dossier's rule set names the form.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, EventType


def lookup_url(dossier: Dossier) -> str:
    """The public lookup URL carried by the QR code (no personal data)."""
    base = str(getattr(settings, "PUBLIC_BASE_URL", "")).rstrip("/")
    return f"{base}/tra-cuu/{dossier.code}"


def receipt_context(dossier: Dossier) -> dict[str, Any]:
    """Context of the receipt and appointment slip (Mẫu 01).

    Keys: ``form`` (form name per rule set), ``code``, ``lookup_url`` (for the QR code),
    ``lookup_secret`` (printed for the full timeline), ``agency`` (receiving unit name),
    ``agency_identifier``, ``competent_agency``, ``procedure_code``, ``procedure_name``,
    ``applicant`` {name, id_number, address, phone, email}, ``channel``, ``received_at``,
    ``due_at`` (appointment), ``tax_transfer_due_at`` (land–tax appointment 1 or None),
    ``documents`` [{name, originals, copies, scanned, reused}], ``fees_due_vnd``,
    ``officer`` (receiving officer's full name or ""). Moments are aware datetimes.
    """
    v = dossier.procedure_version
    received = (
        DossierEvent.objects.filter(dossier=dossier, type=EventType.RECEIVED)
        .select_related("actor")
        .first()
    )
    docs = [
        {
            "name": d.component.name if d.component else d.original_name,
            "originals": d.component.originals if d.component else None,
            "copies": d.component.copies if d.component else None,
            "scanned": d.scanned_at_receipt,
            "reused": d.reused_from_data_store,
        }
        for d in dossier.documents.select_related("component").filter(kind="submitted")
    ]
    return {
        "form": dossier.rule_set.forms.get("receipt", ""),
        "code": dossier.code,
        "lookup_url": lookup_url(dossier),
        "lookup_secret": dossier.lookup_secret,
        "agency": dossier.receiving_agency.name_vi,
        "agency_identifier": dossier.receiving_agency.identifier,
        "competent_agency": dossier.competent_agency.name_vi,
        "procedure_code": v.procedure.code,
        "procedure_name": v.procedure.name_vi,
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "address": dossier.applicant_address,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
        },
        "channel": dossier.channel,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "tax_transfer_due_at": dossier.tax_transfer_due_at,
        "documents": docs,
        "fees_due_vnd": dossier.fees_due_vnd,
        "officer": received.actor.get_full_name() if received and received.actor else "",
    }


def letter_context(dossier: Dossier, event_type: str) -> dict[str, Any]:
    """Context of refusal (Mẫu 03), supplement request (Mẫu 02), apology (Mẫu 04) and stop notice:
    the receipt keys plus ``event`` {type, occurred_at, payload} of the latest such event."""
    ctx = receipt_context(dossier)
    event = DossierEvent.objects.filter(dossier=dossier, type=event_type).order_by("-seq").first()
    ctx["event"] = (
        {"type": event.type, "occurred_at": event.occurred_at, "payload": event.payload}
        if event
        else None
    )
    return ctx


def _who(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def control_slip_context(dossier: Dossier) -> dict[str, Any]:
    """Control slip (Phiếu kiểm soát, Circular 01/2018 Mẫu 05 / Circular 03/2025 Mẫu 06): each
    hand-over with giver, receiver, times and early/on-time/late (Decree 61/2018 Art 19).

    Keys: receipt keys plus ``rows`` [{name, agency, assignee, giver, receiver, started_at,
    due_at, finished_at, outcome, timeliness}] in hand-over order. The giver of a step is whoever
    finished the step before it (the receiving officer for the forwarding), the receiver the
    step's assignee (or its agency while nobody is assigned).
    """
    ctx = receipt_context(dossier)
    steps = (
        DossierStep.objects.filter(dossier=dossier)
        .select_related("agency", "assignee")
        .order_by("started_at", "order", "id")
    )
    rows: list[dict[str, Any]] = []
    previous = ctx["officer"] or dossier.receiving_agency.name_vi
    for s in steps:
        assignee = _who(s.assignee)
        receiver = f"{assignee} ({s.agency.name_vi})" if assignee else s.agency.name_vi
        giver = previous
        if s.kind == "forward":
            giver = f"{assignee or previous} ({s.agency.name_vi})"
            receiver = dossier.competent_agency.name_vi
        rows.append(
            {
                "name": s.name,
                "agency": s.agency.name_vi,
                "assignee": assignee,
                "giver": giver,
                "receiver": receiver,
                "started_at": s.started_at,
                "due_at": s.due_at,
                "finished_at": s.finished_at,
                "outcome": s.outcome,
                "timeliness": s.sla_class,
            }
        )
        if s.kind != "consult" and s.status == "done":
            previous = receiver
    ctx["rows"] = rows
    return ctx


# --- The printable documents of a dossier (desk and API print the same) ----------------------

SUPPLEMENT_EVENTS = (EventType.SUPPLEMENT_REQUESTED, EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT)
LETTER_EVENTS = {
    "refusal": (EventType.REFUSED,),
    "supplement_request": SUPPLEMENT_EVENTS,
    "apology": (EventType.EXTENDED,),
    "stop_notice": (EventType.STOPPED,),
}
PRINT_KINDS = ("receipt", "control_slip", *LETTER_EVENTS)


def printable_kinds(dossier: Dossier) -> list[str]:
    """The documents that exist for ``dossier`` now: receipt and control slip once it has a
    code, each letter once its event happened (Decree 61/2018 Art 17, 19; Decree 118/2025 Art 21).
    """
    kinds = ["receipt", "control_slip"] if dossier.code else []
    types = set(DossierEvent.objects.filter(dossier=dossier).values_list("type", flat=True))
    kinds += [kind for kind, events in LETTER_EVENTS.items() if types & set(events)]
    return kinds


def _moment(value: Any) -> Any:
    return parse_datetime(value) if isinstance(value, str) else value


def _common(ctx: dict[str, Any]) -> dict[str, Any]:
    moment = ctx["received_at"]
    day = timezone.localdate(moment) if moment else clock.today()
    return {
        "header": {
            "agency": ctx["agency"],
            "parent_agency": "",
            "number": "",
            "place": "",
            "date": day,
        },
        "dossier_code": ctx["code"] or "",
        "procedure_name": ctx["procedure_name"],
        "applicant": {k: ctx["applicant"][k] for k in ("name", "address", "phone", "email")},
        "lookup_url": ctx["lookup_url"] if ctx["code"] else "",
        "received_at": ctx["received_at"],
    }


def document_context(dossier: Dossier, kind: str) -> dict[str, Any]:
    """The context of ``kind`` in the keys of ``core.documents`` (``render_kind``).

    ``lookup_url`` is empty for a dossier without a code (refused at the counter); it may be a
    path when ``PUBLIC_BASE_URL`` is unset (the caller makes it absolute).
    """
    if kind == "control_slip":
        ctx = control_slip_context(dossier)
        return {
            **_common(ctx),
            "appointment_at": ctx["due_at"],
            "handovers": [
                {
                    "step": r["name"],
                    "giver": r["giver"],
                    "receiver": r["receiver"],
                    "handed_at": r["started_at"],
                    "due_at": r["due_at"],
                    "timeliness": r["timeliness"] or None,
                    "note": r["outcome"],
                }
                for r in ctx["rows"]
            ],
        }
    if kind == "receipt":
        ctx = receipt_context(dossier)
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
    ctx = receipt_context(dossier)
    latest = (
        DossierEvent.objects.filter(dossier=dossier, type__in=LETTER_EVENTS[kind])
        .order_by("-seq")
        .first()
    )
    payload = latest.payload if latest else {}
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
    request = (  # the stop notice answers the applicant's withdrawal request
        DossierEvent.objects.filter(dossier=dossier, type=EventType.WITHDRAWAL_REQUESTED)
        .order_by("-seq")
        .first()
    )
    return {
        **base,
        "requested_at": request.occurred_at if request else (latest and latest.occurred_at),
        "reason": (request.payload.get("reason", "") if request else "")
        or payload.get("reason", ""),
        "signer": signer,
    }
