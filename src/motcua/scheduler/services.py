# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scheduler: interval jobs from ``settings.SCHEDULER_JOBS`` enqueued as django-tasks.

A job ``{name, task, every_seconds}`` belongs to slot ``floor(now / every_seconds)``. ``tick``
inserts ``ScheduledRun(job, slot)`` and enqueues the task in one transaction; a second scheduler
ticking the same slot hits the unique constraint and skips, and its transaction leaves no task.
After downtime the job runs once for the current slot, not once per missed slot: the jobs
themselves catch up (the deadline watch looks at every open dossier, the sweep at every due
message). The scheduler knows no domain: tasks are dotted paths.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string
from django_tasks.base import Task

from motcua.core import clock
from motcua.scheduler.models import ScheduledRun


@dataclass(frozen=True)
class Job:
    name: str
    task: str
    every_seconds: int

    def slot(self, at: dt.datetime) -> int:
        return int(at.timestamp()) // self.every_seconds


@dataclass(frozen=True)
class Outcome:
    job: str
    slot: int
    enqueued: bool


def jobs_from_settings(raw: list[dict[str, Any]] | None = None) -> list[Job]:
    """Parse ``SCHEDULER_JOBS``; a mistake is reported at start, not at the first tick."""
    jobs: list[Job] = []
    for item in settings.SCHEDULER_JOBS if raw is None else raw:
        try:
            job = Job(str(item["name"]), str(item["task"]), int(item["every_seconds"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"SCHEDULER_JOBS entry {item!r}: {exc}") from exc
        if job.every_seconds < 1:
            raise ImproperlyConfigured(f"SCHEDULER_JOBS {job.name}: every_seconds must be ≥ 1")
        if not isinstance(import_string(job.task), Task):
            raise ImproperlyConfigured(f"SCHEDULER_JOBS {job.name}: {job.task} is not a task")
        jobs.append(job)
    if len({j.name for j in jobs}) != len(jobs):
        raise ImproperlyConfigured("SCHEDULER_JOBS: job names must be unique")
    return jobs


def job_run(*, job: Job, at: dt.datetime) -> Outcome:
    """Enqueue ``job`` for its slot at ``at`` unless a scheduler already did (idempotent)."""
    slot = job.slot(at)
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=at)
            task: Task[..., Any] = import_string(job.task)
            result = task.enqueue()
            run.task_id = str(result.id)[:64]
            run.save(update_fields=["task_id"])
    except IntegrityError:
        return Outcome(job.name, slot, enqueued=False)
    return Outcome(job.name, slot, enqueued=True)


def tick(*, jobs: list[Job] | None = None, at: dt.datetime | None = None) -> list[Outcome]:
    at = at or clock.now()
    return [job_run(job=job, at=at) for job in (jobs if jobs is not None else jobs_from_settings())]


def seconds_to_next_slot(jobs: list[Job], at: dt.datetime) -> float:
    """Seconds until the earliest next slot boundary of any job."""
    now = at.timestamp()
    return min(((int(now) // j.every_seconds) + 1) * j.every_seconds - now for j in jobs)


def runs_prune(*, older_than: dt.timedelta = dt.timedelta(days=30)) -> int:
    deleted, _ = ScheduledRun.objects.filter(enqueued_at__lt=clock.now() - older_than).delete()
    return deleted
