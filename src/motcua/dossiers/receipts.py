# SPDX-License-Identifier: AGPL-3.0-or-later
"""Data for the printed documents (rendered by ``core.pdf`` from ``templates/pdf/``).

Legal basis: Decree 61/2018/NĐ-CP Art 17 (receipt and appointment slip, refusal, supplement
request), Art 19 (apology, control slip); Circular 01/2018/TT-VPCP forms (Mẫu 01–06) and their
Circular 03/2025 successors (Mẫu 05 stop notice). The dossier's rule set names the form.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

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


def control_slip_context(dossier: Dossier) -> dict[str, Any]:
    """Control slip (Phiếu kiểm soát): each hand-over with giver, receiver agency, times and
    early/on-time/late. Keys: receipt keys plus ``rows`` [{name, agency, assignee, started_at,
    due_at, finished_at, outcome, timeliness}]."""
    ctx = receipt_context(dossier)
    ctx["rows"] = [
        {
            "name": s.name,
            "agency": s.agency.name_vi,
            "assignee": s.assignee.get_full_name() if s.assignee else "",
            "started_at": s.started_at,
            "due_at": s.due_at,
            "finished_at": s.finished_at,
            "outcome": s.outcome,
            "timeliness": s.sla_class,
        }
        for s in DossierStep.objects.filter(dossier=dossier).select_related("agency", "assignee")
    ]
    return ctx
