# SPDX-License-Identifier: AGPL-3.0-or-later
"""Consultation and electronic inter-agency (liên thông) sends.

Legal basis: Decree 61/2018/NĐ-CP Art 19(3) (the processing agency consults other bodies with the
content and a deadline; their answer is recorded) and Art 19(4) (liên thông: sequential
hand-offs, each agency with its own time limit — these come from the pinned process template —
or an electronic send "to all participating agencies at once", naming the lead agency, every
agency recording its own result).

One service covers both: one agency is a consultation; several agencies are a parallel send in
one ``parallel_group`` with exactly one ``is_lead`` step. Each agency answers by completing its
own step (outcome recorded per step); the dossier's state does not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Dossier, DossierStep, EventType, StepKind
from motcua.dossiers.services import _common as c
from motcua.dossiers.workflow.engine import Action


def _targets(agency: Agency | None, agencies: Sequence[Agency]) -> list[Agency]:
    seen: dict[int, Agency] = {}
    for a in [*([agency] if agency is not None else []), *agencies]:
        seen.setdefault(a.pk, a)
    return list(seen.values())


@transaction.atomic
def dossier_consult(
    *,
    actor: Any,
    dossier: Dossier | int,
    question: str,
    due_at: dt.datetime,
    agency: Agency | None = None,
    agencies: Sequence[Agency] = (),
    lead: Agency | None = None,
    version: int | None = None,
) -> Dossier:
    """Consult one body, or send to several agencies at once naming the lead.

    Pre: the dossier is being processed; a question (content) and a deadline in the future; at
    least one agency; with several agencies, ``lead`` is one of them.
    Post: one open consult step per agency (same ``parallel_group`` and one lead when several),
    each with ``due_at``; one ``consulted`` event listing the steps. Nothing is saved when any
    input is refused.
    """
    d = c.lock(dossier, version)
    c.apply(d, Action.CONSULT, actor, reason=question)
    at = c.now()
    targets = _targets(agency, agencies)
    errors: dict[str, list[str]] = {}
    if not targets:
        errors["agency"] = [str(_("Choose at least one agency."))]
    if due_at <= at:
        errors["due_at"] = [str(_("The deadline must be in the future."))]
    if len(targets) > 1 and (lead is None or lead.pk not in {a.pk for a in targets}):
        errors["lead"] = [str(_("Name the lead agency among the agencies sent to."))]
    if errors:
        raise ValidationFailed(_("Check the consultation."), details=errors)
    group = f"consult-{d.event_seq + 1}" if len(targets) > 1 else ""
    steps = [
        DossierStep.objects.create(
            dossier=d,
            kind=StepKind.CONSULT,
            name=question[:255],
            agency=a,
            role="handler",
            started_at=at,
            due_at=due_at,
            parallel_group=group,
            is_lead=bool(group) and lead is not None and a.pk == lead.pk,
        )
        for a in targets
    ]
    payload: dict[str, Any] = {
        "step": steps[0].pk,
        "agency": targets[0].identifier,
        "due_at": c.iso(due_at),
    }
    if group:
        payload |= {
            "steps": [s.pk for s in steps],
            "agencies": [a.identifier for a in targets],
            "lead": lead.identifier if lead is not None else "",
        }
    c.commit(d, EventType.CONSULTED, actor, agency=d.competent_agency, payload=payload)
    return d
