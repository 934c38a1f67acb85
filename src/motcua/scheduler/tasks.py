# SPDX-License-Identifier: AGPL-3.0-or-later
"""Periodic housekeeping, enqueued daily by the scheduler (``settings.SCHEDULER_JOBS``)."""

from __future__ import annotations

from django_tasks import task

from motcua.scheduler.housekeeping import housekeeping_prune


@task(queue_name="default")
def housekeeping() -> dict[str, int]:
    return housekeeping_prune()
