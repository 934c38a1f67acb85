# SPDX-License-Identifier: AGPL-3.0-or-later
"""Clock-affecting actions: supplement during appraisal, financial obligation, extension.

Legal basis: Decree 61/2018/NĐ-CP Art 19 (supplement within 3 working days of receipt, time
restarts from zero on the complete supplement; apology and one new appointment no later than one
day before the due date); Decree 118/2025/NĐ-CP Art 11 (one supplement request per dossier);
land–tax liên thông (TTLT 88/2016/TTLT-BTC-BTNMT; docs/DOMAIN.md §7): time spent by the tax
authority and the payer is outside the land office's clock, appointment 2 counts from the proof of
payment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.models import ClockRule, Dossier, DossierStep, EventType, StepStatus
from motcua.dossiers.services import _common as c
from motcua.dossiers.services import documents as docs
from motcua.dossiers.services.documents import DocumentIn
from motcua.dossiers.services.intake import supplement_allowed
from motcua.dossiers.services.routing import tax_split_hours
from motcua.dossiers.workflow import deadlines as wd
from motcua.dossiers.workflow.engine import Action
from motcua.workcal.deadlines import add_working_time


def _pause(d: Dossier, at: dt.datetime) -> None:
    d.paused_since = at


def _resume(d: Dossier, at: dt.datetime, *, restart: bool) -> dict[str, Any]:
    """End the pause; recompute the appointment and the open steps' deadlines."""
    old, paused_since = d.due_at, d.paused_since
    if restart:
        d.restart_at = at
    elif d.paused_since is not None:
        d.pauses = [*d.pauses, wd.pause_to_json(d.paused_since, at)]
    d.paused_since = None
    if d.extended and not restart and paused_since is not None and d.due_at is not None:
        # The apology's appointment is fixed, not computed from the limit: move it by the pause.
        d.due_at = wd.shifted_by_pause(
            c.calendar_of(d.receiving_agency, d), d.due_at, paused_since, at
        )
    else:
        d.due_at = c.recompute_due(d)
    for step in DossierStep.objects.filter(dossier=d, status=StepStatus.OPEN).select_related(
        "template", "agency"
    ):
        if step.template is not None:
            step.due_at = c.step_due(d, step, step.template.norm_amount, step.template.norm_unit)
            step.save(update_fields=["due_at"])
    return {"old_due_at": c.iso(old), "due_at": c.iso(d.due_at)}


@transaction.atomic
def dossier_request_supplement(
    *, actor: Any, dossier: Dossier | int, reasons: list[str], version: int | None = None
) -> Dossier:
    """Supplement request during appraisal, through the one-stop, with reasons (Mẫu 02).

    Pre: state ``processing``; the rule set's limit not reached (Decree 118: one per dossier;
    Decree 61: one in this stage). Post: DVCQG 5, clock stopped; the event carries
    ``late_request`` when more than 3 working days have passed since the counting start.
    """
    d = c.lock(dossier, version)
    reasons = [r.strip() for r in reasons if r and r.strip()]
    c.apply(d, Action.REQUEST_SUPPLEMENT, actor, reason="; ".join(reasons))
    if not supplement_allowed(d, stage="appraisal"):
        raise Conflict(_("A supplement may be requested only once."), code="supplement_limit")
    at = c.now()
    late = bool(d.counting_from) and wd.supplement_request_late(
        c.calendar_of(d.receiving_agency, d),
        d.counting_from,  # type: ignore[arg-type]
        at,
        d.rule_set.supplement_warning_working_days,
    )
    d.appraisal_supplements += 1
    d.sub_state = "late_supplement_request" if late else ""
    _pause(d, at)
    c.commit(
        d,
        EventType.SUPPLEMENT_REQUESTED,
        actor,
        agency=d.competent_agency,
        payload={
            "reasons": reasons,
            "late_request": late,
            "clock": d.rule_set.supplement_clock,
            "form": d.rule_set.forms.get("supplement_request", ""),
        },
    )
    return d


@transaction.atomic
def dossier_supplement_received(
    *,
    actor: Any,
    dossier: Dossier | int,
    documents: list[DocumentIn] | None = None,
    version: int | None = None,
) -> Dossier:
    """The complete supplement arrives: the time restarts from zero (Decree 61/2018 Art 19) or
    the paused clock resumes, per the dossier's rule set. Post: DVCQG 4, new appointment."""
    d = c.lock(dossier, version)
    c.apply(d, Action.SUPPLEMENT_RECEIVED, actor)
    n = docs.store(d, docs.check(documents or []), kind="supplement", actor=actor)
    restart = d.rule_set.supplement_clock == ClockRule.RESTART
    change = _resume(d, c.now(), restart=restart)
    d.sub_state = "supplement_received"
    c.commit(
        d,
        EventType.SUPPLEMENT_RECEIVED,
        actor,
        agency=d.receiving_agency,
        payload={**change, "documents": n, "restarted": restart},
    )
    return d


@transaction.atomic
def dossier_wait_financial(
    *, actor: Any, dossier: Dossier | int, amount_vnd: int | None = None, version: int | None = None
) -> Dossier:
    """Ask the applicant to meet the financial obligation: DVCQG 6, the clock stops."""
    d = c.lock(dossier, version)
    c.apply(d, Action.WAIT_FINANCIAL, actor)
    if amount_vnd is not None and amount_vnd < 0:
        raise ValidationFailed(_("The amount cannot be negative."), details={"amount_vnd": [""]})
    _pause(d, c.now())
    c.commit(
        d,
        EventType.FINANCIAL_REQUESTED,
        actor,
        agency=d.competent_agency,
        payload={"amount_vnd": amount_vnd, "tax_transfer_due_at": c.iso(d.tax_transfer_due_at)},
    )
    return d


@transaction.atomic
def dossier_financial_paid(
    *, actor: Any, dossier: Dossier | int, proof: str = "", version: int | None = None
) -> Dossier:
    """Proof of payment received: the clock resumes. Land–tax procedures (a tax-authority step in
    the template) get appointment 2 = proof moment + the norms after the tax step (rule 18)."""
    d = c.lock(dossier, version)
    c.apply(d, Action.FINANCIAL_PAID, actor)
    at = c.now()
    change = _resume(d, at, restart=False)
    before, after = tax_split_hours(d)
    if before is not None and not d.extended:
        d.due_at = add_working_time(c.calendar_of(d.receiving_agency, d), at, after, "working_hour")
        change["due_at"] = c.iso(d.due_at)
        change["appointment"] = 2
    c.commit(
        d,
        EventType.FINANCIAL_PAID,
        actor,
        agency=d.competent_agency,
        payload={**change, "proof": proof},
    )
    return d


@transaction.atomic
def dossier_extend(
    *,
    actor: Any,
    dossier: Dossier | int,
    reason: str,
    new_due_at: dt.datetime,
    version: int | None = None,
) -> Dossier:
    """Apology and one new appointment (Mẫu 04; Decree 61/2018 Art 19; DOMAIN rule 10).

    Pre: not extended before; at least one working day remains before the current due moment;
    ``new_due_at`` later than it. Post: ``due_at`` = ``new_due_at``, the applicant is notified
    (outbox), the old and new appointments are in the event (the due history).
    """
    d = c.lock(dossier, version)
    c.apply(d, Action.EXTEND, actor, reason=reason)
    if d.extended:
        raise Conflict(_("A new appointment may be given only once."), code="already_extended")
    if d.due_at is None:
        raise Conflict(_("The dossier has no appointment to extend."), code="no_due")
    if new_due_at <= d.due_at:
        message = _("The new appointment must be later than the current one.")
        raise ValidationFailed(message, details={"new_due_at": [str(message)]})
    at = c.now()
    if not wd.extension_still_possible(c.calendar_of(d.receiving_agency, d), at, d.due_at):
        raise Conflict(
            _("An extension must be asked at least one working day before the appointment."),
            code="extension_too_late",
        )
    old = d.due_at
    d.due_at, d.extended = new_due_at, True
    c.commit(
        d,
        EventType.EXTENDED,
        actor,
        agency=d.competent_agency,
        payload={
            "reason": reason,
            "old_due_at": c.iso(old),
            "due_at": c.iso(new_due_at),
            "form": d.rule_set.forms.get("apology", ""),
        },
    )
    return d
