# SPDX-License-Identifier: AGPL-3.0-or-later
"""Deadline watch: due-soon and overdue marks with notifications (docs/DOMAIN.md rule 17;
Decree 61/2018 Art 19: the one-stop monitors and chases overdue dossiers; Circular 01/2018 report
II.06a classes), and recomputation of open appointments after a calendar change.

Idempotent: a mark only moves forward (none → due soon → overdue) and each notification has a
dedupe key, so running twice or after downtime records each alert once and catches up on all.
Alerts go through ``notifications.services.notify_event`` (inbox and e-mail of the assignee and
of the unit heads), in the transaction that moves the mark.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import Q

from motcua.agencies.models import Agency, RoleAssignment
from motcua.core import clock
from motcua.dossiers.events import event_append
from motcua.dossiers.models import Dossier, DossierStep, EventType, StepStatus, WatchMark
from motcua.dossiers.services import _common as c
from motcua.dossiers.tasks import dossier_context, moment, official_recipients
from motcua.dossiers.workflow.engine import CLOCK_RUNNING, OPEN
from motcua.notifications.services import notify_event
from motcua.workcal.deadlines import Timeliness, classify
from motcua.workcal.recompute import ChangedWindow, OpenDeadline

RANK = {"": 0, WatchMark.DUE_SOON: 1, WatchMark.OVERDUE: 2}
HORIZON = dt.timedelta(days=21)  # longer than any run of days off (Tết)


def _mark(cal: Any, due: dt.datetime, at: dt.datetime) -> str:
    cls = classify(cal, due, at=at)
    return {Timeliness.OVERDUE: WatchMark.OVERDUE, Timeliness.DUE_SOON: WatchMark.DUE_SOON}.get(
        cls, ""
    )


def unit_heads(agency: Agency, day: dt.date) -> list[int]:
    step = Agency.steplen
    ancestors = [agency.path[:i] for i in range(step, len(agency.path), step)]
    q = Q(agency=agency) | Q(agency__path__in=ancestors, include_descendants=True)
    return list(
        RoleAssignment.objects.valid_on(day)
        .filter(q, role="approver")
        .values_list("user_id", flat=True)
        .distinct()
    )


def deadline_watch_run(*, at: dt.datetime | None = None) -> dict[str, int]:
    at = at or clock.now()
    counts = {"steps": 0, "dossiers": 0, "notifications": 0}
    steps = (
        DossierStep.objects.filter(status=StepStatus.OPEN, due_at__lte=at + HORIZON)
        .exclude(watch_mark=WatchMark.OVERDUE)
        .select_related(
            "agency",
            "dossier__procedure_version__procedure",
            "dossier__competent_agency",
        )
    )
    for step in steps.iterator():
        if step.due_at is None:
            continue
        mark = _mark(c.calendar_of(step.agency), step.due_at, at)
        if RANK[mark] <= RANK[step.watch_mark]:
            continue
        with transaction.atomic():
            if DossierStep.objects.filter(pk=step.pk, watch_mark=step.watch_mark).update(
                watch_mark=mark
            ):
                counts["steps"] += 1
                users = set(unit_heads(step.agency, at.date()))
                if step.assignee_id:
                    users.add(step.assignee_id)
                counts["notifications"] += len(
                    notify_event(
                        kind=f"step_{mark}",
                        subject_ref=f"dossier:{step.dossier_id}",
                        context=dossier_context(
                            step.dossier, step=step.name, due_at=moment(step.due_at)
                        ),
                        recipients=official_recipients(sorted(users)),
                        event_key=f"step:{step.pk}:{mark}",
                        event_at=at,
                    )
                )
    dossiers = Dossier.objects.filter(
        status__in=[s.value for s in CLOCK_RUNNING], due_at__lte=at + HORIZON
    ).exclude(watch_mark=WatchMark.OVERDUE)
    for pk in dossiers.values_list("pk", flat=True):
        with transaction.atomic():
            d = c.lock(pk)
            if d.due_at is None or d.status not in CLOCK_RUNNING:
                continue
            mark = _mark(c.calendar_of(d.receiving_agency), d.due_at, at)
            if RANK[mark] <= RANK[d.watch_mark]:
                continue
            d.watch_mark, d.sla_class = mark, mark
            event_type = EventType.OVERDUE if mark == WatchMark.OVERDUE else EventType.DUE_SOON
            event_append(dossier=d, type=event_type, payload={"due_at": c.iso(d.due_at)})
            d.save(update_fields=["watch_mark", "sla_class", "event_seq", "event_hash"])
            counts["dossiers"] += 1
            counts["notifications"] += len(
                notify_event(
                    kind=f"dossier_{mark}",
                    subject_ref=f"dossier:{d.pk}",
                    context=dossier_context(d),
                    recipients=official_recipients(unit_heads(d.competent_agency, at.date())),
                    event_key=f"dossier:{d.pk}:{mark}",
                    event_at=at,
                )
            )
    return counts


def open_deadlines(window: ChangedWindow) -> list[OpenDeadline]:
    """Workcal provider: open appointments whose counting window contains a changed date."""
    first = dt.datetime.combine(window.first_date, dt.time(0), tzinfo=clock.VN_TZ)
    qs = Dossier.objects.filter(
        status__in=[s.value for s in OPEN],
        received_at__isnull=False,
        extended=False,
        due_at__gte=first,
    )
    if window.last_date is not None:
        last = dt.datetime.combine(window.last_date, dt.time(23, 59), tzinfo=clock.VN_TZ)
        qs = qs.filter(counting_from__lte=last)
    return [
        OpenDeadline(key=f"dossier:{pk}", recompute=functools.partial(due_recompute, pk))
        for pk in qs.values_list("pk", flat=True)
    ]


def due_recompute(pk: int, window: ChangedWindow) -> bool:
    """Recompute one appointment after a calendar change; DEADLINE_RECOMPUTED when it moved."""
    with transaction.atomic():
        d = c.lock(pk)
        new = c.recompute_due(d)
        if new == d.due_at:
            return False
        old, d.due_at = d.due_at, new
        event_append(
            dossier=d,
            type=EventType.DEADLINE_RECOMPUTED,
            payload={"old_due_at": c.iso(old), "due_at": c.iso(new), "change": window.change_id},
        )
        d.save(update_fields=["due_at", "event_seq", "event_hash"])
        return True
