# SPDX-License-Identifier: AGPL-3.0-or-later
"""Decision, result and the end of a dossier: reject, approve, result ready, return, withdrawal,
stop, cancel.

Legal basis: Decree 61/2018/NĐ-CP Art 19 (refusal after appraisal recorded as the result), Art 20
(return; early return allowed when the applicant is told in advance; results stored), Decree
118/2025/NĐ-CP Art 21 (withdrawal/stop only while no decision exists), Art 22; Circular 03/2025
Art 7 (stop notice, Mẫu 05). DVCQG 7 → 8, 9, 10.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import outbox
from motcua.core.clock import VN_TZ
from motcua.core.errors import Conflict
from motcua.core.rows import exists_for
from motcua.dossiers.models import Dossier, EventType
from motcua.dossiers.services import _common as c
from motcua.dossiers.services import documents as docs
from motcua.dossiers.services.documents import DocumentIn
from motcua.dossiers.workflow.engine import Action
from motcua.workcal.deadlines import classify


def _finish(d: Dossier) -> dict[str, Any]:
    at = c.now()
    d.finished_at = at
    if d.due_at is not None:
        d.sla_class = classify(c.calendar_of(d.receiving_agency, d), d.due_at, finished_at=at).value
    c.close_open_steps(d, at=at, outcome="closed")
    return {"finished_at": c.iso(at), "sla_class": d.sla_class}


@transaction.atomic
def dossier_reject(
    *, actor: Any, dossier: Dossier | int, reason: str, version: int | None = None
) -> Dossier:
    """Refusal after appraisal, within the time limit, recorded as the result (DVCQG 9)."""
    d = c.lock(dossier, version)
    c.apply(d, Action.REJECT, actor, reason=reason)
    d.outcome = "rejected"
    info = _finish(d)
    c.commit(
        d, EventType.REJECTED, actor, agency=d.competent_agency, payload={"reason": reason, **info}
    )
    return d


@transaction.atomic
def dossier_approve(*, actor: Any, dossier: Dossier | int, version: int | None = None) -> Dossier:
    """The competent person decides/signs. Pre: no process step still open."""
    d = c.lock(dossier, version)
    c.apply(d, Action.APPROVE, actor)
    if c.has_open_process_step(d):
        raise Conflict(_("Finish the open steps first."), code="open_steps")
    d.outcome, d.sub_state = "approved", "preparing_result"
    c.commit(d, EventType.APPROVED, actor, agency=d.competent_agency)
    return d


@transaction.atomic
def dossier_result_ready(
    *,
    actor: Any,
    dossier: Dossier | int,
    documents: list[DocumentIn] | None = None,
    version: int | None = None,
) -> Dossier:
    """The result reaches the one-stop and is stored (DVCQG 9). Ready before the appointment day →
    the applicant is told in advance of the early return (Decree 61/2018 Art 20)."""
    d = c.lock(dossier, version)
    c.apply(d, Action.RESULT_READY, actor)
    n = docs.store(d, docs.check(documents or []), kind="result", actor=actor)
    info = _finish(d)
    early = (
        d.due_at is not None
        and d.finished_at is not None
        and (d.finished_at.astimezone(VN_TZ).date() < d.due_at.astimezone(VN_TZ).date())
    )
    d.early_return_notice = early
    c.commit(
        d,
        EventType.RESULT_READY,
        actor,
        agency=d.competent_agency,
        payload={**info, "documents": n, "early_return_notice": early},
    )
    return d


@transaction.atomic
def dossier_return_result(
    *, actor: Any, dossier: Dossier | int, version: int | None = None
) -> Dossier:
    """Hand the result (or the refusal after appraisal) to the applicant (DVCQG 10)."""
    d = c.lock(dossier, version)
    c.apply(d, Action.RETURN_RESULT, actor)
    d.returned_at = c.now()
    early = d.due_at is not None and d.returned_at < d.due_at
    c.commit(
        d,
        EventType.RETURNED,
        actor,
        agency=d.receiving_agency,
        payload={"early": early, "notice_given": d.early_return_notice},
    )
    from motcua.dossiers.services.drafts import papers_to_keep
    from motcua.dossiers.tasks import data_store_keep

    # To the holder's data store (the rule's query compiled once: core.rows.exists_for).
    if d.applicant_id is not None and exists_for("papers_to_keep", papers_to_keep, d.pk):
        outbox.enqueue(data_store_keep, dossier_id=d.pk)
    return d


@transaction.atomic
def dossier_request_withdrawal(
    *, actor: Any, dossier: Dossier | int, reason: str = "", version: int | None = None
) -> Dossier:
    """The applicant asks to withdraw (DVCQG 7); only while no decision exists (the table allows
    it only before ``approved``)."""
    d = c.lock(dossier, version)
    c.apply(d, Action.REQUEST_WITHDRAWAL, actor)
    c.commit(
        d,
        EventType.WITHDRAWAL_REQUESTED,
        actor,
        agency=d.receiving_agency,
        payload={"reason": reason},
    )
    return d


@transaction.atomic
def dossier_stop(*, actor: Any, dossier: Dossier | int, version: int | None = None) -> Dossier:
    """Issue the stop notice (Circular 03/2025 Art 7, Mẫu 05): DVCQG 8, final."""
    d = c.lock(dossier, version)
    c.apply(d, Action.STOP, actor)
    info = _finish(d)
    d.outcome = "stopped"
    c.commit(
        d,
        EventType.STOPPED,
        actor,
        agency=d.receiving_agency,
        payload={**info, "form": d.rule_set.forms.get("stop_notice", "")},
    )
    return d


@transaction.atomic
def dossier_cancel(
    *, actor: Any, dossier: Dossier | int, reason: str, version: int | None = None
) -> Dossier:
    """An officer cancels the dossier with a reason (DVCQG 8), e.g. entered twice by mistake."""
    d = c.lock(dossier, version)
    c.apply(d, Action.CANCEL, actor, reason=reason)
    info = _finish(d)
    d.outcome = "cancelled"
    c.commit(
        d, EventType.CANCELLED, actor, agency=d.receiving_agency, payload={"reason": reason, **info}
    )
    return d
