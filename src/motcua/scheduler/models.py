# SPDX-License-Identifier: AGPL-3.0-or-later
"""One row per job run: the unique (job, slot) pair is the lock that makes two schedulers on
two hosts safe without leader election (docs/ARCHITECTURE.md §1.2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    job = models.CharField(_("job"), max_length=100)
    slot = models.BigIntegerField(_("slot"))  # floor(unix time / every_seconds)
    enqueued_at = models.DateTimeField(_("enqueued at"))
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-enqueued_at"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_job_slot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.job}@{self.slot}"
