# SPDX-License-Identifier: AGPL-3.0-or-later
"""Procedure versions and their parts: legal basis, cases, documents, fees, time limits.

Legal basis: Decree 118/2025/NĐ-CP (a dossier is handled under the rules published for its
procedure; docs/DOMAIN.md rule 2: "a dossier keeps the rule-set version in force when it was
received"); Decree 61/2018/NĐ-CP Art 15–17 (published list of papers, originals/copies, fees and
time limit), Art 22 (fee collection); Decree 224/2026/NĐ-CP Art 14 (full-online by default,
partial-online with a published legal reason), Art 18(4) (reusable data: citizens provide data
only once).

A version is ``draft`` → ``published`` → ``retired``. Published versions of one procedure never
overlap in time (checked by the services under a row lock on the procedure) and are immutable:
editing a rule means publishing a new version.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from motcua.catalog.constants import (
    Channel,
    DocumentRequirement,
    FeeCollectedAt,
    FeeKind,
    ServiceMode,
    VersionOrigin,
    VersionStatus,
)
from motcua.core.models import TimeStampedModel
from motcua.workcal.deadlines import Unit

UNIT_CHOICES = [(u.value, u.value.replace("_", " ")) for u in Unit]


class ProcedureVersion(TimeStampedModel):
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("procedure"),
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    origin = models.CharField(
        _("origin"), max_length=16, choices=VersionOrigin.choices, default=VersionOrigin.MANUAL
    )
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    # Blank only on imported versions: the national source does not state the mode.
    service_mode = models.CharField(
        _("service mode"), max_length=20, choices=ServiceMode.choices, blank=True
    )
    partial_online_reason = models.TextField(_("legal reason for partial online"), blank=True)
    paper_result_required = models.BooleanField(_("paper result required"), default=False)
    inter_agency = models.BooleanField(_("inter-agency (liên thông)"), default=False)
    financial_obligation = models.BooleanField(_("financial obligation (NVTC)"), default=False)
    eform = models.JSONField(_("e-form definition"), default=dict, blank=True)
    decision_number = models.CharField(_("publication decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("publication decision date"), null=True, blank=True)
    steps_text = models.TextField(_("sequence of steps (text)"), blank=True)
    requirements_text = models.TextField(_("conditions (text)"), blank=True)
    legal_basis_raw = models.TextField(_("legal basis (source text)"), blank=True)
    documents_raw = models.TextField(_("documents (source text)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["procedure_id", "number"]
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=False, effective_to__gte=models.F("effective_from")),
                name="version_to_after_from",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(effective_from__isnull=False),
                name="version_published_has_start",
            ),
        ]
        indexes = [
            models.Index(
                fields=["procedure", "status", "effective_from"], name="version_in_force_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id} v{self.number} ({self.status})"

    def is_in_force_on(self, day: dt.date) -> bool:
        return (
            self.status == VersionStatus.PUBLISHED
            and self.effective_from is not None
            and self.effective_from <= day
            and (self.effective_to is None or day <= self.effective_to)
        )


class _VersionPart(models.Model):
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["version_id", "position", "id"]


class LegalBasis(_VersionPart):
    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="legal_bases",
        verbose_name=_("version"),
    )
    number = models.CharField(_("document number"), max_length=100, blank=True)
    title = models.TextField(_("title"))

    class Meta(_VersionPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return self.number or self.title[:60]


class ProcedureCase(_VersionPart):
    """A variant (trường hợp) of a procedure with its own documents or time limit."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="cases", verbose_name=_("version")
    )
    key = models.SlugField(_("key"), max_length=50)
    name_vi = models.TextField(_("name (Vietnamese)"))
    name_en = models.TextField(_("name (English)"), blank=True)

    class Meta(_VersionPart.Meta):
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="case_key_unique")]

    def __str__(self) -> str:
        return self.name_vi[:80]


class RequiredDocument(_VersionPart):
    """A paper of the dossier (thành phần hồ sơ, ``MaThanhPhanHoSo``)."""

    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("version"),
    )
    case = models.ForeignKey(
        ProcedureCase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("case"),
    )
    code = models.CharField(_("component code"), max_length=60, blank=True)
    name = models.TextField(_("name"))
    group = models.TextField(_("group heading (source)"), blank=True)
    originals = models.PositiveSmallIntegerField(_("originals"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), null=True, blank=True)
    quantity_raw = models.CharField(_("quantity (source text)"), max_length=100, blank=True)
    requirement = models.CharField(
        _("requirement"),
        max_length=16,
        choices=DocumentRequirement.choices,
        default=DocumentRequirement.MANDATORY,
    )
    reusable = models.BooleanField(
        _("reusable from the personal data store"),
        default=False,
        help_text=_("Decree 224/2026 Art 18(4): data already held need not be provided again."),
    )
    template_file = models.FileField(
        _("template file"), upload_to="catalog/templates/", blank=True, max_length=255
    )
    template_name = models.CharField(_("template form name"), max_length=255, blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False)

    class Meta(_VersionPart.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name[:80]


class Fee(_VersionPart):
    """A fee or charge (phí, lệ phí; ``DanhSachLePhi``): an amount in VND or a schedule text."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="fees", verbose_name=_("version")
    )
    name = models.TextField(_("name"))
    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices, default=FeeKind.FEE)
    amount_vnd = models.BigIntegerField(_("amount (VND)"), null=True, blank=True)
    schedule_text = models.TextField(
        _("per schedule"),
        blank=True,
        help_text=_("When the amount depends on a schedule (e.g. set by the People's Council)."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=Channel.choices,
        blank=True,
        help_text=_("Empty when the fee applies to every channel."),
    )
    collected_at = models.CharField(
        _("collected"),
        max_length=16,
        choices=FeeCollectedAt.choices,
        default=FeeCollectedAt.RECEIPT,
    )
    raw = models.TextField(_("source text"), blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False)

    class Meta(_VersionPart.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_vnd__isnull=True) | Q(amount_vnd__gte=0),
                name="fee_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_vnd__isnull=False) | ~Q(schedule_text=""),
                name="fee_amount_or_schedule",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:80]


class TimeLimit(_VersionPart):
    """The legal time limit for one channel (``CachThucThucHien``: ThoiGian, DonViTinh)."""

    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="time_limits",
        verbose_name=_("version"),
    )
    case = models.ForeignKey(
        ProcedureCase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="time_limits",
        verbose_name=_("case"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2, null=True, blank=True)
    # Empty when the source does not say (e.g. "30 Ngày": working or calendar days?).
    unit = models.CharField(_("unit"), max_length=16, choices=UNIT_CHOICES, blank=True)
    raw = models.TextField(_("source text"), blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False)

    class Meta(_VersionPart.Meta):
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="time_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.amount} {self.unit}".strip()
