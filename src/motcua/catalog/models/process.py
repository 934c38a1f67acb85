# SPDX-License-Identifier: AGPL-3.0-or-later
"""The internal process template of a procedure version (quy trình nội bộ).

Legal basis: Decree 61/2018/NĐ-CP Art 17–20 (receipt at the one-stop, forwarding, processing by
the competent agency, return) and Art 19 (liên thông: per-agency time limits; electronic dossiers
go "to all participating agencies at once"), kept by Decree 118/2025/NĐ-CP; land–tax liên thông
per docs/DOMAIN.md §7. The sum of the norms on the critical path must fit the legal time limit
(``motcua.catalog.rules``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from motcua.agencies.models import Role
from motcua.catalog.constants import PerformerKind
from motcua.catalog.models.version import UNIT_CHOICES, ProcedureVersion


class ProcessStep(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    # Steps with the same group run in parallel branches; a branch's steps run in sequence.
    parallel_group = models.CharField(_("parallel group"), max_length=30, blank=True)
    branch = models.PositiveSmallIntegerField(_("branch"), default=1)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    performer = models.CharField(_("performer"), max_length=32, choices=PerformerKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixed agency"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    norm_amount = models.DecimalField(_("norm"), max_digits=8, decimal_places=2)
    norm_unit = models.CharField(_("norm unit"), max_length=16, choices=UNIT_CHOICES)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version_id", "order", "parallel_group", "branch", "id"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [
            models.CheckConstraint(condition=Q(norm_amount__gt=0), name="step_norm_positive"),
            models.CheckConstraint(
                condition=Q(performer="fixed_agency", agency__isnull=False)
                | (~Q(performer="fixed_agency") & Q(agency__isnull=True)),
                name="step_fixed_agency_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name_vi}"
