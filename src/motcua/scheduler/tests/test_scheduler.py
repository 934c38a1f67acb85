# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scheduler: one run per (job, slot), enqueued in the same transaction; catch-up once."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.core.clock import VN_TZ
from motcua.scheduler.models import ScheduledRun
from motcua.scheduler.services import Job, jobs_from_settings, seconds_to_next_slot, tick

pytestmark = pytest.mark.django_db
SWEEP = Job("sweep", "motcua.notifications.tasks.sweep", 30)
WATCH = Job("watch", "motcua.dossiers.tasks.deadline_watch", 300)
T0 = dt.datetime(2026, 3, 10, 9, 0, 5, tzinfo=VN_TZ)


def test_configured_jobs_are_the_deadline_watch_and_the_sweep() -> None:
    jobs = {j.name: j for j in jobs_from_settings()}
    assert jobs["deadline_watch"].every_seconds == 300
    assert jobs["notifications_sweep"].every_seconds == 30


def test_a_tick_enqueues_each_job_once_per_slot() -> None:
    first = tick(jobs=[SWEEP, WATCH], at=T0)
    assert [o.enqueued for o in first] == [True, True]
    again = tick(jobs=[SWEEP, WATCH], at=T0 + dt.timedelta(seconds=10))
    assert [o.enqueued for o in again] == [False, False]
    assert ScheduledRun.objects.count() == 2
    paths = sorted(DBTaskResult.objects.values_list("task_path", "queue_name"))
    assert paths == [
        ("motcua.dossiers.tasks.deadline_watch", "deadlines"),
        ("motcua.notifications.tasks.sweep", "notifications"),
    ]
    run = ScheduledRun.objects.get(job="sweep")
    assert run.task_id and run.slot == int(T0.timestamp()) // 30


def test_a_second_scheduler_losing_the_race_enqueues_nothing() -> None:
    # The other host's row is already there: our insert hits the unique constraint.
    ScheduledRun.objects.create(job="sweep", slot=SWEEP.slot(T0), enqueued_at=T0)
    assert [o.enqueued for o in tick(jobs=[SWEEP], at=T0)] == [False]
    assert DBTaskResult.objects.count() == 0


def test_catch_up_after_downtime_runs_once_for_the_current_slot() -> None:
    tick(jobs=[SWEEP], at=T0)
    later = T0 + dt.timedelta(hours=3)  # 360 missed slots
    assert [o.enqueued for o in tick(jobs=[SWEEP], at=later)] == [True]
    assert ScheduledRun.objects.count() == 2
    assert DBTaskResult.objects.count() == 2


def test_enqueue_and_run_row_roll_back_together() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        tick(jobs=[SWEEP], at=T0)
        raise RuntimeError
    assert ScheduledRun.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_bad_job_configuration_is_refused_at_start() -> None:
    with pytest.raises(ImproperlyConfigured):
        jobs_from_settings([{"name": "x", "task": "motcua.core.clock.now", "every_seconds": 5}])
    with pytest.raises(ImproperlyConfigured):
        jobs_from_settings([{"name": "x", "every_seconds": 5}])


def test_next_slot_boundary() -> None:
    at = dt.datetime.fromtimestamp(1_000_010, tz=VN_TZ)
    assert seconds_to_next_slot([SWEEP, WATCH], at) == pytest.approx(
        10
    )  # 1_000_010 = 33333·30 + 20


def test_run_scheduler_once_command() -> None:
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "enqueued deadline_watch" in out.getvalue()
    # One run per configured job in the current slot.
    assert ScheduledRun.objects.count() == len(settings.SCHEDULER_JOBS)


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_racing_for_a_slot_enqueue_once() -> None:
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs two concurrent database connections (run with PostgreSQL)")
    barrier = threading.Barrier(2)
    outcomes: list[bool] = []

    def scheduler() -> None:
        try:
            barrier.wait()
            outcomes.extend(o.enqueued for o in tick(jobs=[SWEEP], at=T0))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == [False, True]
    assert ScheduledRun.objects.count() == 1 and DBTaskResult.objects.count() == 1
