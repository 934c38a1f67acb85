# SPDX-License-Identifier: AGPL-3.0-or-later
"""The applicant's evaluation of a returned dossier.

Legal basis: Decree 61/2018/NĐ-CP Art 31 (evaluating the settlement of administrative procedures
by the one-stop mechanism); Circular 01/2018/TT-VPCP Art 13 (nine indicators scored 2/1/0) and
Art 14 (indicators 1, 2, 3, 4, 6, 7 are scored per dossier; the applicant gives 1, 3, 4 and 7;
2 comes from the system's record of each unit's time). One evaluation per applicant per dossier,
editable for 7 days after it was first given.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_CHOICES = [(2, "2"), (1, "1"), (0, "0")]


class Evaluation(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="evaluations"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations"
    )
    # Given by the applicant (Circular 01/2018 Art 13 indicators 1, 3, 4, 7).
    indicator_1 = models.PositiveSmallIntegerField(_("total time"), choices=SCORE_CHOICES)
    indicator_3 = models.PositiveSmallIntegerField(_("contacts needed"), choices=SCORE_CHOICES)
    indicator_4 = models.PositiveSmallIntegerField(_("bodies contacted"), choices=SCORE_CHOICES)
    indicator_7 = models.PositiveSmallIntegerField(_("staff attitude"), choices=SCORE_CHOICES)
    # Computed from the dossier's history (indicator 1 as recorded, and 2).
    computed_1 = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCORE_CHOICES)
    computed_2 = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCORE_CHOICES)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("given at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "applicant"], name="evaluation_one_per_applicant"
            ),
        ]

    def __str__(self) -> str:
        return f"evaluation of dossier {self.dossier_id}"
