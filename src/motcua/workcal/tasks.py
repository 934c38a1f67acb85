# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background recomputation of open deadlines after a calendar change (queue ``deadlines``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from motcua.core import clock
from motcua.workcal.models import CalendarChange, RecomputeStatus
from motcua.workcal.recompute import ChangedWindow, deadline_providers


@task(queue_name="deadlines")
def recompute_deadlines(change_id: int) -> dict[str, Any]:
    """Recompute every open deadline whose window contains the change, once.

    Idempotent: the change row is locked and a processed change is left alone, so a task run
    twice (a worker crash after commit, a manual re-enqueue) recomputes nothing twice. Until
    dossiers exist no provider is registered and the change is simply marked processed.
    """
    with transaction.atomic():
        change = CalendarChange.objects.select_for_update().filter(pk=change_id).first()
        if change is None or change.status == RecomputeStatus.PROCESSED:
            return {"change": change_id, "skipped": True}
        window = ChangedWindow(
            first_date=change.first_date,
            last_date=change.last_date,
            agency_id=change.agency_id,
            change_id=change.pk,
        )
        recomputed: dict[str, list[str]] = {}
        for name, provider in sorted(deadline_providers().items()):
            keys = []
            for deadline in provider(window):
                deadline.recompute(window)
                keys.append(deadline.key)
            recomputed[name] = keys
        change.recomputed = {
            "providers": sorted(recomputed),
            "deadlines": recomputed,
            "count": sum(len(v) for v in recomputed.values()),
        }
        change.status = RecomputeStatus.PROCESSED
        change.processed_at = clock.now()
        change.save(update_fields=["recomputed", "status", "processed_at"])
        return {"change": change_id, "count": change.recomputed["count"]}
