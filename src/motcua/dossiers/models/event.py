# SPDX-License-Identifier: AGPL-3.0-or-later
"""The legal history of a dossier (append-only, hash-chained).

``DossierEvent`` rows are written only by ``motcua.dossiers.events.event_append``; UPDATE and
DELETE are refused by database triggers (migration 0003) on SQLite and PostgreSQL. The control
slip (Phiếu kiểm soát, Circular 01/2018 Mẫu 05) and the logbook are views over these rows.
Notifications of an event are recorded by the ``notifications`` domain (``dossiers.tasks``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted online")
    RECEIVED = "received", _("Received")
    REFUSED = "refused", _("Refused at receipt")
    SUPPLEMENT_REQUESTED_AT_RECEIPT = (
        "supplement_requested_at_receipt",
        _("Supplement requested at receipt"),
    )
    SUPPLEMENTED_AT_RECEIPT = "supplemented_at_receipt", _("Supplemented at receipt")
    FORWARDED = "forwarded", _("Forwarded")
    TRANSFERRED = "transferred", _("Transferred to another agency")
    ASSIGNED = "assigned", _("Assigned")
    STEP_COMPLETED = "step_completed", _("Step completed")
    STEP_RETURNED = "step_returned", _("Step returned")
    CONSULTED = "consulted", _("Consultation sent")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SUPPLEMENT_RECEIVED = "supplement_received", _("Supplement received")
    FINANCIAL_REQUESTED = "financial_requested", _("Financial obligation requested")
    FINANCIAL_PAID = "financial_paid", _("Financial obligation paid")
    EXTENDED = "extended", _("Extended with apology")
    REJECTED = "rejected", _("Rejected after appraisal")
    APPROVED = "approved", _("Approved")
    RESULT_READY = "result_ready", _("Result ready")
    RETURNED = "returned", _("Result returned")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Withdrawal requested")
    STOPPED = "stopped", _("Stopped")
    CANCELLED = "cancelled", _("Cancelled")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("Deadline recomputed")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class DossierEvent(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=40, choices=EventType.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField()
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["dossier_id", "seq"]
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.type}"
