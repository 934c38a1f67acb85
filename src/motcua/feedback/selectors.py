# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of evaluations (the applicant's own; Circular 01/2018/TT-VPCP Art 13)."""

from __future__ import annotations

from typing import Any

from motcua.dossiers.models import Dossier
from motcua.feedback.models import Evaluation


def evaluation_of(*, user: Any, dossier: Dossier) -> Evaluation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Evaluation.objects.filter(dossier=dossier, applicant=user).first()
