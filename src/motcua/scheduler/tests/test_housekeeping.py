# SPDX-License-Identifier: AGPL-3.0-or-later
"""Housekeeping deletes only task rows finished long enough ago, in batches; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core.clock import VN_TZ
from motcua.scheduler import housekeeping as hk
from motcua.scheduler.housekeeping import housekeeping_prune
from motcua.scheduler.services import jobs_from_settings
from motcua.scheduler.tasks import housekeeping

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=VN_TZ)


def _task_row(status: str, finished_days_ago: float | None) -> DBTaskResult:
    row = housekeeping.enqueue().id
    finished = None if finished_days_ago is None else NOW - dt.timedelta(days=finished_days_ago)
    DBTaskResult.objects.filter(pk=row).update(status=status, finished_at=finished)
    return DBTaskResult.objects.get(pk=row)


def test_old_finished_rows_go_and_everything_else_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hk, "BATCH", 2)  # several batches
    old_ok = [_task_row(TaskResultStatus.SUCCESSFUL, 31) for _ in range(5)]
    recent_ok = _task_row(TaskResultStatus.SUCCESSFUL, 29)
    failed_60 = _task_row(TaskResultStatus.FAILED, 60)
    failed_91 = _task_row(TaskResultStatus.FAILED, 91)
    waiting = _task_row(TaskResultStatus.READY, None)
    running = _task_row(TaskResultStatus.RUNNING, None)

    assert housekeeping_prune(at=NOW) == {"task_results": 5, "failed_task_results": 1}
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent_ok.pk, failed_60.pk, waiting.pk, running.pk}
    assert not left & {r.pk for r in old_ok} and failed_91.pk not in left
    assert housekeeping_prune(at=NOW) == {"task_results": 0, "failed_task_results": 0}


def test_housekeeping_runs_daily_from_the_scheduler() -> None:
    jobs = {j.name: j for j in jobs_from_settings()}
    assert jobs["housekeeping"].every_seconds == 86400
    assert jobs["housekeeping"].task == "motcua.scheduler.tasks.housekeeping"
