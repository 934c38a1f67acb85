# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background tasks of the dossier domain (django-tasks; enqueued inside service transactions).

* ``notifications_record`` (queue ``notifications``): enqueued by ``services._common.commit`` in
  the event's transaction (so it vanishes with a rolled-back event); turns the event into
  notification messages through ``notifications.services.notify_event``: the applicant on the
  portal inbox, by e-mail and by SMS as they chose, the assignee on assignment.
* ``data_store_keep`` (queue ``default``): enqueued by ``dossier_return_result``; keeps the
  result and reusable papers in the applicant's personal data store.
* ``deadline_watch`` (queue ``deadlines``): marks due-soon/overdue steps and dossiers and
  notifies the assignee and the unit heads; idempotent and catching up after downtime. The
  scheduler (``manage.py run_scheduler``) enqueues it every 5 minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, EventType
from motcua.notifications.services import Localized, Recipient, notify_event

# Events the applicant is told about (Decree 61/2018 Art 17, 19, 20; Decree 118/2025 Art 21).
APPLICANT_EVENTS = frozenset(
    {
        EventType.SUBMITTED,
        EventType.RECEIVED,
        EventType.REFUSED,
        EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT,
        EventType.SUPPLEMENT_REQUESTED,
        EventType.FINANCIAL_REQUESTED,
        EventType.EXTENDED,
        EventType.RESULT_READY,
        EventType.RETURNED,
        EventType.STOPPED,
        EventType.CANCELLED,
    }
)
# Events that notify anyone: only these enqueue ``notifications_record`` (a task for any other
# event would record nothing and cost a queue row and a worker round per action).
NOTIFYING_EVENTS = APPLICANT_EVENTS | {EventType.ASSIGNED}
EARLY_NOTE = _("The result is returned before the appointment.")


def moment(value: dt.datetime | str | None) -> str:
    """``HH:MM dd/mm/yyyy`` in Vietnam time, as printed on receipts."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if value else None
    return clock.localize(value).strftime("%H:%M %d/%m/%Y") if value else ""


def dossier_context(d: Dossier, **extra: Any) -> dict[str, Any]:
    """Template variables of ``notifications.kinds.VARIABLES`` for a dossier."""
    from motcua.dossiers.receipts import lookup_url

    procedure = d.procedure_version.procedure
    agency = d.competent_agency
    return {
        "recipient_name": d.applicant_name,
        "code": d.code or "",
        "procedure": Localized(procedure.name_vi, procedure.name_en),
        "agency": Localized(agency.name_vi, agency.name_en),
        "applicant_name": d.applicant_name,
        "due_at": moment(d.due_at),
        "lookup_url": lookup_url(d) if d.code else "",
        **extra,
    }


def event_context(event: DossierEvent) -> dict[str, Any]:
    d, p = event.dossier, event.payload or {}
    reason = p.get("reason") or "; ".join(p.get("reasons") or [])
    extra: dict[str, Any] = {"reason": reason}
    if event.type in {EventType.REFUSED, EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT}:
        extra["agency"] = Localized(d.receiving_agency.name_vi, d.receiving_agency.name_en)
    if p.get("amount_vnd") is not None:
        extra["amount"] = f"{int(p['amount_vnd']):,} ₫".replace(",", ".")
    if event.type == EventType.EXTENDED:
        extra["old_due_at"] = moment(p.get("old_due_at"))
        extra["due_at"] = moment(p.get("due_at"))
    early = p.get("early_return_notice") if event.type == EventType.RESULT_READY else p.get("early")
    extra["early_return_note"] = EARLY_NOTE if early else ""
    if event.type == EventType.ASSIGNED and p.get("step"):
        step = DossierStep.objects.filter(pk=p["step"]).only("name").first()
        extra["step"] = step.name if step else ""
    return dossier_context(d, **extra)


def applicant_recipients(d: Dossier) -> list[Recipient]:
    """Inbox (when the applicant has an account), e-mail and SMS to the dossier's contacts;
    ``notify_event`` drops the channels the applicant turned off."""
    user_id = d.applicant_id
    found: list[Recipient] = []
    if user_id:
        found.append((user_id, "inbox", f"user:{user_id}"))
    if d.applicant_email:
        found.append((user_id, "email", d.applicant_email))
    if d.applicant_phone:
        found.append((user_id, "sms", d.applicant_phone))
    return found


def official_recipients(user_ids: list[int]) -> list[Recipient]:
    from django.contrib.auth import get_user_model

    found: list[Recipient] = []
    for user_id, email in (
        get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "email")
    ):
        found.append((user_id, "inbox", f"user:{user_id}"))
        if email:
            found.append((user_id, "email", email))
    return found


@task(queue_name="notifications")
def notifications_record(
    event_id: int | None = None, dossier_id: int | None = None, seq: int | None = None
) -> dict[str, Any]:
    """Messages for one event, named by its key or by (dossier, sequence) as the services
    enqueue it; running twice records nothing twice (dedupe keys)."""
    chosen = (
        DossierEvent.objects.filter(pk=event_id)
        if event_id is not None
        else DossierEvent.objects.filter(dossier_id=dossier_id or 0, seq=seq or 0)
    )
    event = chosen.select_related(
        "dossier__procedure_version__procedure",
        "dossier__competent_agency",
        "dossier__receiving_agency",
    ).first()
    if event is None:
        return {"event": event_id, "recorded": 0}
    event_id = event.pk
    d = event.dossier
    recipients: list[Recipient] = []
    if event.type in APPLICANT_EVENTS:
        recipients += applicant_recipients(d)
    if event.type == EventType.ASSIGNED and event.payload.get("assignee"):
        recipients += official_recipients([int(event.payload["assignee"])])
    if not recipients:
        return {"event": event_id, "recorded": 0}
    context = event_context(event)
    if event.type == EventType.ASSIGNED:
        context["recipient_name"] = ""
    created = notify_event(
        kind=event.type,
        subject_ref=f"dossier:{d.pk}",
        context=context,
        recipients=recipients,
        event_key=f"event:{event.pk}",
        event_at=event.occurred_at,
    )
    return {"event": event_id, "recorded": len(created)}


@task(queue_name="deadlines")
def deadline_watch() -> dict[str, int]:
    """Periodic watch (enqueued by the scheduler; also ``manage.py dossier_deadline_watch``)."""
    from motcua.dossiers.services.watch import deadline_watch_run

    return deadline_watch_run()


@task(queue_name="default")
def data_store_keep(dossier_id: int) -> int:
    """Keep a returned dossier's electronic result and reusable papers in the applicant's data
    store (Decree 45/2020/NĐ-CP Art 16). Enqueued by ``dossier_return_result`` inside its
    transaction, so the work survives a crash right after the commit and never runs for a
    rolled-back return; idempotent (the same bytes are kept once), so a retry is harmless."""
    from motcua.dossiers.services.drafts import data_store_keep_from_dossier

    dossier = Dossier.objects.filter(pk=dossier_id).first()
    return 0 if dossier is None else data_store_keep_from_dossier(dossier=dossier)
