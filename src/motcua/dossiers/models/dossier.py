# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier (hồ sơ), its papers and the per-agency daily code counter.

Legal basis: Decree 61/2018/NĐ-CP Art 16 (channels), Art 17 (receipt, scanning, dossier code),
Art 26 and Circular 01/2018/TT-VPCP Art 19 (code structure); Decree 118/2025/NĐ-CP Art 15, 17;
Decree 309/2026 (kiosk). Rows are changed only through ``motcua.dossiers.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.dossiers.workflow.engine import CLOCK_RUNNING_VALUES, STATE_LABELS, State


class DossierChannel(models.TextChoices):
    DIRECT = "direct", _("In person")
    POSTAL = "postal", _("Postal service")
    ONLINE = "online", _("Online")
    KIOSK = "kiosk", _("Self-service kiosk")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]


class Dossier(TimeStampedModel):
    code = models.CharField(_("dossier code"), max_length=40, unique=True, null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "catalog.ProcedureCase", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Not indexed: two rows, never deleted; every index costs each non-HOT update of a dossier
    # (nine per lifecycle) a write (docs/performance.md).
    rule_set = models.ForeignKey(
        "dossiers.RuleSet", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Applicant: the account (when any) plus a snapshot as written on the application.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=16, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("applicant name"), max_length=255)
    applicant_id_number = models.CharField(_("ID number / tax code"), max_length=20, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    eform_data = models.JSONField(_("e-form data"), default=dict, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=DossierChannel.choices)
    # Looked up through dossier_recv_status_idx / dossier_comp_status_idx (agency first), so
    # the foreign keys need no index of their own.
    receiving_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    competent_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    status = models.CharField(_("status"), max_length=24, choices=STATE_CHOICES)
    sub_state = models.CharField(_("sub-state"), max_length=32, blank=True)
    national_status = models.PositiveSmallIntegerField(_("DVCQG status"))
    outcome = models.CharField(_("outcome"), max_length=16, blank=True)
    fees_due_vnd = models.BigIntegerField(_("fees due (VND)"), default=0)
    # Moments (all aware). The appointment is ``due_at``; its history is in the events.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    counting_from = models.DateTimeField(_("counting from"), null=True, blank=True)
    restart_at = models.DateTimeField(_("clock restarted at"), null=True, blank=True)
    pauses = models.JSONField(_("clock pauses"), default=list, blank=True)
    paused_since = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    time_limit_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    time_limit_unit = models.CharField(max_length=16, blank=True)
    # Searched with the status (dossier_status_due_idx, dossier_running_order_idx), never alone.
    due_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    tax_transfer_due_at = models.DateTimeField(
        _("appointment 1: transfer to the tax authority"), null=True, blank=True
    )
    forward_due_at = models.DateTimeField(_("forward by"), null=True, blank=True)
    finished_at = models.DateTimeField(_("processing finished at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    extended = models.BooleanField(_("extended with apology"), default=False)
    receipt_supplements = models.PositiveSmallIntegerField(default=0)
    appraisal_supplements = models.PositiveSmallIntegerField(default=0)
    early_return_notice = models.BooleanField(_("applicant told of early return"), default=False)
    sla_class = models.CharField(_("timeliness"), max_length=16, blank=True)
    watch_mark = models.CharField(max_length=16, blank=True)
    lookup_secret = models.CharField(max_length=32, editable=False)
    idempotency_scope = models.CharField(max_length=64, blank=True)
    idempotency_key = models.CharField(max_length=128, blank=True)
    # Head of the event hash chain, written only by ``events.event_append`` under the row lock.
    event_seq = models.PositiveIntegerField(default=0, editable=False)
    event_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_scope", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="dossier_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=Q(national_status__gte=1, national_status__lte=10),
                name="dossier_national_status_range",
            ),
        ]
        indexes = [
            models.Index(fields=["receiving_agency", "status"], name="dossier_recv_status_idx"),
            models.Index(fields=["competent_agency", "status"], name="dossier_comp_status_idx"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            # The list order (newest receipt, else submission; then id), exactly as the API's
            # keyset pages sort: a page of 50 reads the index in order instead of sorting every
            # visible row (docs/performance.md, "Dossier list").
            models.Index(
                Coalesce("received_at", "created_at").desc(),
                F("id").desc(),
                name="dossier_list_order_idx",
            ),
            # The same order over the dossiers whose clock runs (about 1 % of them): the
            # overdue, due-soon and to-process inboxes walk it instead of the whole list.
            models.Index(
                Coalesce("received_at", "created_at").desc(),
                F("id").desc(),
                condition=Q(status__in=CLOCK_RUNNING_VALUES),
                name="dossier_running_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"


class DocumentKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted paper")
    SUPPLEMENT = "supplement", _("Supplement")
    RESULT = "result", _("Result")
    INTERNAL = "internal", _("Internal (verification, opinion)")


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documents")
    component = models.ForeignKey(
        "catalog.RequiredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="dossiers/%Y/%m/", max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    mime = models.CharField(max_length=100)
    scanned_at_receipt = models.BooleanField(_("scanned at receipt"), default=False)
    reused_from_data_store = models.BooleanField(_("reused from the data store"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier_id", "id"]
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")

    def __str__(self) -> str:
        return self.original_name


class DossierCounter(models.Model):
    """Last number issued by an agency on a day (Circular 01/2018 Art 19: daily sequence)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.day}: {self.last}"
