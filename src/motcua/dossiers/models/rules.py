# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dated rule sets: what differs between Decree 61/2018 + Circular 01/2018 and Decree 118/2025 +
Circular 03/2025. A dossier takes the set in force on its receipt date and keeps it (docs/DOMAIN.md
rule 2). Seeded by migration 0002.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import DatedModel


class SupplementScope(models.TextChoices):
    # Decree 61/2018 Art 15 (receipt: once, completely) and Art 19 (appraisal: within 3 WD).
    PER_STAGE = "per_stage", _("Per stage (receipt, appraisal)")
    # Decree 118/2025 Art 11: one-stop staff may request a supplement only once.
    PER_DOSSIER = "per_dossier", _("Per dossier")


class ClockRule(models.TextChoices):
    RESTART = "restart", _("Restart from zero (Decree 61/2018 Art 19)")
    PAUSE = "pause", _("Pause while waiting")


class RuleSet(DatedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    # Placeholders: {agency} {yymmdd} {yyyymmdd} {nnnn} {nnnnnnn} (any run of n = zero padding).
    code_pattern = models.CharField(_("dossier code pattern"), max_length=80)
    max_supplement_requests = models.PositiveSmallIntegerField(
        _("maximum supplement requests"), default=1
    )
    supplement_scope = models.CharField(
        _("supplement limit applies"), max_length=16, choices=SupplementScope.choices
    )
    supplement_clock = models.CharField(
        _("clock when the supplement arrives"), max_length=16, choices=ClockRule.choices
    )
    supplement_warning_working_days = models.PositiveSmallIntegerField(
        _("supplement during appraisal expected within (working days)"), default=3
    )
    forward_cutoff = models.TimeField(_("forwarding cut-off"))
    forms = models.JSONField(_("forms"), default=dict, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")

    def __str__(self) -> str:
        return self.name
