# SPDX-License-Identifier: AGPL-3.0-or-later
"""Housekeeping of the background machinery: finished django-tasks rows.

Every dossier action that notifies someone leaves a task row (four per dossier), and the
scheduler's jobs one per run (the notification sweep alone: 2,880 a day). Nothing reads them
once finished, so a province would otherwise keep millions of rows that slow the worker's queue
scans and the backups. Successful rows go after ``task_results_days``; failed ones are kept
longer (``failed_task_results_days``) for whoever investigates; both in
``settings.HOUSEKEEPING``. (Past scheduler slots are pruned by ``run_scheduler`` itself.)
Deletes run in batches, each its own short transaction, so the first run on a large database
holds no long locks. Idempotent: a second run deletes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core import clock

BATCH = 5000


def _in_batches(qs: QuerySet[Any]) -> int:
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(qs.values_list("pk", flat=True)[:BATCH])
            if not ids:
                return deleted
            count, _per_model = qs.model.objects.filter(pk__in=ids).delete()
            deleted += count


def housekeeping_prune(*, at: dt.datetime | None = None) -> dict[str, int]:
    """Delete old finished task rows; return the counts per kind."""
    at = at or clock.now()
    days = settings.HOUSEKEEPING
    finished = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=at - dt.timedelta(days=days["task_results_days"]),
    )
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED,
        finished_at__lt=at - dt.timedelta(days=days["failed_task_results_days"]),
    )
    return {
        "task_results": _in_batches(finished),
        "failed_task_results": _in_batches(failed),
    }
