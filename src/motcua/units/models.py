# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dated administrative units (đơn vị hành chính) and their old→new successions.

Legal basis: Law on Organisation of Local Government 72/2025/QH15 (two levels from 01/07/2025),
NA Resolution 202/2025/QH15 (Tây Ninh = former Tây Ninh + former Long An, code 80),
QĐ 19/2025/QĐ-TTg (commune codes). See docs/DOMAIN.md §9. Levels are rows, not constants: the
number of levels and their names changed in 2025 and may change again.

A GSO code alone does not identify a unit: 80 was Long An until 30/06/2025 and is Tây Ninh from
01/07/2025. A unit is (code, period); lookups always carry a date.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from motcua.core.models import DatedModel, DatedQuerySet, TimeStampedModel


class UnitLevel(models.Model):
    """A tier of local government (province, district, commune, ...). Data, not code."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    # Smaller is higher; only used for ordering, never to infer the number of levels.
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["rank"]
        verbose_name = _("administrative level")
        verbose_name_plural = _("administrative levels")

    def __str__(self) -> str:
        return self.name_vi


class AdministrativeUnitQuerySet(DatedQuerySet):
    pass


class AdministrativeUnit(TimeStampedModel, DatedModel):
    """One administrative unit for one period of validity (valid_from/valid_to inclusive)."""

    code = models.CharField(_("GSO code"), max_length=10, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    unit_type = models.CharField(_("unit type"), max_length=60)
    level = models.ForeignKey(
        UnitLevel, on_delete=models.PROTECT, related_name="units", verbose_name=_("level")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_period_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_from",
            ),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="unit_validity_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args: object, **kwargs: object) -> None:
        from motcua.core.text import fold_vi, nfc

        self.name = nfc(self.name)
        self.name_folded = fold_vi(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class UnitSuccession(models.Model):
    """An old unit merged, wholly or in part, into a new one (the GSO/NSO conversion table)."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.CASCADE,
        related_name="successions_out",
        verbose_name=_("old unit"),
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.CASCADE,
        related_name="successions_in",
        verbose_name=_("new unit"),
    )
    effective_on = models.DateField(_("effective on"))
    partial = models.BooleanField(_("partly merged"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["predecessor__code", "successor__code"]
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
