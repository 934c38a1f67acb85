# SPDX-License-Identifier: AGPL-3.0-or-later
"""Processing steps of a dossier, each with its own deadline (Decree 61/2018 Art 18–19).

Steps are instantiated from the pinned ``catalog.ProcessStep`` template (process steps), or created
by actions (forwarding hand-off, consultation, transfer). A parallel group starts all its branches
at once and names the lead (Art 19: electronic liên thông "to all participating agencies at once").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    FORWARD = "forward", _("Forwarding hand-off")
    PROCESS = "process", _("Process step")
    CONSULT = "consult", _("Consultation")


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")


class WatchMark(models.TextChoices):
    NONE = "", _("Within time")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class DossierStep(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="steps")
    template = models.ForeignKey(
        "catalog.ProcessStep", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=StepKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=255)
    parallel_group = models.CharField(max_length=30, blank=True)
    is_lead = models.BooleanField(_("lead agency"), default=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=32)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=StepStatus.choices, default=StepStatus.OPEN)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    sla_class = models.CharField(max_length=16, blank=True)
    watch_mark = models.CharField(max_length=16, choices=WatchMark.choices, blank=True)

    class Meta:
        ordering = ["dossier_id", "id"]
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        indexes = [
            models.Index(fields=["status", "due_at"], name="step_status_due_idx"),
            models.Index(fields=["agency", "status"], name="step_agency_status_idx"),
            # Open steps only (a few thousand of millions): the to-process and to-approve
            # inboxes find "assigned to me" and "unassigned, my role, my agency" through them.
            models.Index(
                fields=["assignee"], condition=Q(status="open"), name="step_open_assignee_idx"
            ),
            models.Index(
                fields=["agency", "role"], condition=Q(status="open"), name="step_open_agency_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}/{self.order}: {self.name}"
