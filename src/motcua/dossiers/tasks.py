# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background tasks of the dossier domain (django-tasks; enqueued inside service transactions).

* ``notifications_record`` (queue ``notifications``): turns an event into outbox rows
  (``DossierNotification``: e-mail/SMS to the applicant, inbox entries for officials). The
  notifications issue delivers pending rows; nothing is sent from here.
* ``deadline_watch`` (queue ``deadlines``): marks due-soon/overdue steps and dossiers and records
  notifications for the assignee and the unit head; idempotent and catching up after downtime.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from motcua.dossiers.models import DossierEvent, DossierNotification, EventType

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


def record(
    *,
    dossier_id: int,
    event_id: int | None,
    kind: str,
    channel: str,
    recipient: str,
    user_id: int | None,
    key: str,
) -> bool:
    _row, created = DossierNotification.objects.get_or_create(
        dedupe_key=key[:160],
        defaults={
            "dossier_id": dossier_id,
            "event_id": event_id,
            "kind": kind,
            "channel": channel,
            "recipient": recipient[:255],
            "recipient_user_id": user_id,
        },
    )
    return created


@task(queue_name="notifications")
def notifications_record(event_id: int) -> dict[str, Any]:
    """Outbox rows for one event; running twice records nothing twice (``dedupe_key``)."""
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None:
        return {"event": event_id, "recorded": 0}
    d = event.dossier
    targets: list[tuple[str, str, int | None]] = []
    if event.type in APPLICANT_EVENTS:
        if d.applicant_email:
            targets.append(("email", d.applicant_email, None))
        if d.applicant_phone:
            targets.append(("sms", d.applicant_phone, None))
        if d.applicant_id:
            targets.append(("inbox", f"user:{d.applicant_id}", d.applicant_id))
    if event.type == EventType.ASSIGNED and event.payload.get("assignee"):
        user_id = int(event.payload["assignee"])
        targets.append(("inbox", f"user:{user_id}", user_id))
    recorded = sum(
        record(
            dossier_id=d.pk,
            event_id=event.pk,
            kind=event.type,
            channel=channel,
            recipient=recipient,
            user_id=user_id,
            key=f"event:{event.pk}:{channel}:{recipient}",
        )
        for channel, recipient, user_id in targets
    )
    return {"event": event_id, "recorded": recorded}


@task(queue_name="deadlines")
def deadline_watch() -> dict[str, int]:
    """Periodic watch (the scheduler of a later issue enqueues it; also a management command)."""
    from motcua.dossiers.services.watch import deadline_watch_run

    return deadline_watch_run()
