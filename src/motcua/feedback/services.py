# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of evaluations: the applicant rates a returned dossier (Decree 61/2018/NĐ-CP Art 31;
Circular 01/2018/TT-VPCP Art 13–14). One evaluation per applicant per dossier, editable 7 days.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.dossiers.models import Dossier, DossierStep
from motcua.feedback import policies
from motcua.feedback.models import Evaluation

APPLICANT_INDICATORS = ("indicator_1", "indicator_3", "indicator_4", "indicator_7")


@transaction.atomic
def evaluation_give(
    *,
    actor: Any,
    dossier: Dossier,
    indicator_1: int,
    indicator_3: int,
    indicator_4: int,
    indicator_7: int,
    comment: str = "",
) -> Evaluation:
    """Create the applicant's evaluation, or change it within 7 days of the first one."""
    if not policies.may_evaluate(user=actor, dossier=dossier):
        raise PermissionDenied(_("Only the applicant can rate a dossier once it is returned."))
    scores = {
        "indicator_1": indicator_1,
        "indicator_3": indicator_3,
        "indicator_4": indicator_4,
        "indicator_7": indicator_7,
    }
    details = {
        name: [str(_("Choose 0, 1 or 2."))]
        for name, value in scores.items()
        if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 1, 2)
    }
    comment = (comment or "").strip()
    if len(comment) > 2000:
        details["comment"] = [str(_("At most 2000 characters."))]
    if details:
        raise ValidationFailed(_("Please correct the errors below."), details=details)
    now = clock.now()
    steps = DossierStep.objects.filter(dossier=dossier).values_list("finished_at", "due_at")
    computed = {
        "computed_1": policies.score_total_time(
            finished_at=dossier.finished_at, due_at=dossier.due_at
        ),
        "computed_2": policies.score_units_time(steps),
    }
    found = Evaluation.objects.select_for_update().filter(dossier=dossier, applicant=actor).first()
    if found is not None:
        if not policies.editable(created_at=found.created_at, now=now):
            raise Conflict(_("An evaluation can be changed for 7 days only."), code="closed")
        for name, value in {**scores, **computed}.items():
            setattr(found, name, value)
        found.comment, found.updated_at = comment, now
        found.save()
        return found
    try:
        with transaction.atomic():
            return Evaluation.objects.create(
                dossier=dossier,
                applicant=actor,
                comment=comment,
                created_at=now,
                updated_at=now,
                **scores,
                **computed,
            )
    except IntegrityError:
        raise Conflict(_("This dossier has already been rated."), code="duplicate") from None
