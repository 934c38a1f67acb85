# SPDX-License-Identifier: AGPL-3.0-or-later
"""Liveness and readiness report for ``GET /healthz``: the database and the task worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import DatabaseError, connection
from django_tasks_db.models import DBTaskResult

from motcua.core import clock

# A ready task waiting longer than this means no worker is draining the queue.
WORKER_STALL_AFTER = dt.timedelta(seconds=120)


def health_report() -> tuple[bool, dict[str, Any]]:
    """Return (healthy, report). Healthy means the database answers; the worker is reported."""
    report: dict[str, Any] = {"status": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = {"status": "ok", "vendor": connection.vendor}
    except DatabaseError as exc:
        report["status"] = "error"
        report["database"] = {"status": "error", "error": exc.__class__.__name__}
        return False, report
    report["worker"] = _worker_report()
    return True, report


def _worker_report() -> dict[str, Any]:
    current = clock.now()
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    last_finished = (
        DBTaskResult.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    status = "ok"
    if oldest is not None and current - oldest > WORKER_STALL_AFTER:
        status = "stalled"
    return {
        "status": status,
        "ready_tasks": ready.count(),
        "oldest_ready_enqueued_at": oldest.isoformat() if oldest else None,
        "last_finished_at": last_finished.isoformat() if last_finished else None,
    }
