# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fields (lĩnh vực) and procedures (thủ tục hành chính, TTHC): the stable identity of a procedure.

Legal basis: Decree 118/2025/NĐ-CP (publication of TTHC lists at the one-stop); Circular
01/2018/TT-VPCP Art 20 (sector code ``MX1X2-LV``); national TTHC code ``d.dddddd``
(docs/DOMAIN.md §5.3). What changes with the law (documents, fees, limits, process) lives in
``ProcedureVersion``; a procedure keeps only identity and descriptive data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from motcua.core.models import TimeStampedModel


class Field(TimeStampedModel):
    """A procedure field/sector (lĩnh vực).

    The sources give names only; such a field gets a stable generated code (``code_generated``)
    until the official ``MX1X2-LV`` code from the VPCP list is entered.
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    code_generated = models.BooleanField(
        _("generated code"),
        default=False,
        help_text=_("The code was generated from the name; it is not the official sector code."),
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return self.name_vi

    def save(self, *args: object, **kwargs: object) -> None:
        from motcua.core.text import fold_vi, nfc

        self.name_vi = nfc(self.name_vi)
        self.name_folded = fold_vi(self.name_vi)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Procedure(TimeStampedModel):
    """An administrative procedure, identified by its national code (unique)."""

    code = models.CharField(_("national code"), max_length=8, unique=True)
    name_vi = models.TextField(_("name (Vietnamese)"))
    name_en = models.TextField(_("name (English)"), blank=True)
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("field"),
    )
    levels = models.ManyToManyField(
        "units.UnitLevel",
        blank=True,
        related_name="procedures",
        verbose_name=_("implementing levels"),
    )
    # Levels as the source writes them, including those that are not local units ("Cấp bộ").
    levels_text = models.CharField(
        _("implementing levels (source text)"), max_length=255, blank=True
    )
    # Validated list of agencies.AgencyKind values (services.procedures).
    competent_agency_kinds = models.JSONField(_("competent agency kinds"), default=list, blank=True)
    # "|kind1|kind2|": lets every database filter by kind with one LIKE (JSON contains is not
    # available on SQLite).
    agency_kinds_key = models.CharField(max_length=400, blank=True, editable=False)
    competent_authority_text = models.TextField(_("competent authority (text)"), blank=True)
    implementing_agencies_text = models.TextField(_("implementing agencies (text)"), blank=True)
    applicant_types = models.JSONField(_("applicant types"), default=list, blank=True)
    # [{"name": str, "code": str}] — result documents (KetQuaThucHien: MaKetQua, TenKetQua).
    results = models.JSONField(_("results"), default=list, blank=True)
    issuing_ministry = models.CharField(_("issuing ministry"), max_length=255, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False, db_index=True)
    review_notes = models.TextField(_("review notes"), blank=True)
    # Hash of the imported source record(s): a re-import with the same hash changes nothing.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return f"{self.code} {self.name_vi}"

    def save(self, *args: object, **kwargs: object) -> None:
        kinds = [str(k) for k in self.competent_agency_kinds or []]
        self.agency_kinds_key = f"|{'|'.join(kinds)}|" if kinds else ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]
