# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forwarding, transfer, assignment and the processing steps of the pinned process template.

Legal basis: Decree 61/2018/NĐ-CP Art 18 (forward the same working day, next morning after 15:00;
dossiers of another agency forwarded to it), Art 19 (assignment by the head of the competent
agency; every step recorded; consultation with a deadline; liên thông sequential with per-agency
limits, or electronic "to all participating agencies at once" naming the lead); Decree 118/2025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, AgencyKind
from motcua.catalog.constants import PerformerKind
from motcua.catalog.models import ProcessStep
from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from motcua.core.prepared import prepared_cursor
from motcua.core.rows import insert_row, select_rows, sql_literal
from motcua.core.writes import Writes
from motcua.dossiers.models import Dossier, DossierStep, EventType, StepKind, StepStatus
from motcua.dossiers.policies import can_act_on_step
from motcua.dossiers.services import _common as c
from motcua.dossiers.services.pinned import parts_of
from motcua.dossiers.workflow import deadlines as wd
from motcua.dossiers.workflow.engine import Action

_PERFORMER_KIND = {
    PerformerKind.TAX_AUTHORITY: AgencyKind.TAX_AUTHORITY,
    PerformerKind.LAND_REGISTRATION_OFFICE: AgencyKind.LAND_REGISTRATION_OFFICE,
}

# Fixed values in prepared statements are constants, not parameters (see _common).
_OPEN, _PROCESS = sql_literal(StepStatus.OPEN), sql_literal(StepKind.PROCESS)


def templates(d: Dossier) -> list[ProcessStep]:
    """The pinned template's steps after receipt (one-stop steps are the dossier's own actions)."""
    return [
        s for s in parts_of(d.procedure_version).steps if s.performer != PerformerKind.ONE_STOP_UNIT
    ]


def template_of(d: Dossier, template_id: int | None) -> ProcessStep | None:
    """The pinned template step (from the cache, not a query)."""
    return next((s for s in parts_of(d.procedure_version).steps if s.pk == template_id), None)


def tax_split_hours(d: Dossier) -> tuple[Decimal | None, Decimal]:
    """Land–tax: working hours before the tax step (appointment 1) and after it (appointment 2,
    counted from the proof of payment; docs/DOMAIN.md §7, rule 18). None without a tax step."""
    steps = parts_of(d.procedure_version).steps
    tax = [s for s in steps if s.performer == PerformerKind.TAX_AUTHORITY]
    if not tax:
        return None, Decimal(0)
    first = min(s.order for s in tax)
    hours = [(s.order, wd.norm_hours(s.norm_amount, s.norm_unit)) for s in steps]
    before = sum((h for o, h in hours if o < first), Decimal(0))
    after = sum((h for o, h in hours if o > first), Decimal(0))
    return before, after


def performer_agency(d: Dossier, t: ProcessStep) -> Agency:
    if t.performer == PerformerKind.FIXED_AGENCY and t.agency is not None:
        return t.agency
    kind = _PERFORMER_KIND.get(PerformerKind(t.performer))
    if kind is not None:
        found = Agency.objects.filter(kind=kind).order_by("path").first()
        if found is not None:
            return found
    return d.competent_agency


def start_steps(
    d: Dossier, batch: list[ProcessStep], at: dt.datetime, *, writes: Writes | None = None
) -> list[DossierStep]:
    """Open the given template steps at ``at``, each with its own deadline; the first branch of
    a parallel group leads. With ``writes``, the new steps go with the writes already collected
    (one statement on PostgreSQL), sent now: the caller names the new steps by their keys."""
    started = []
    for t in batch:
        step = DossierStep(
            dossier=d,
            template=t,
            kind=StepKind.PROCESS,
            order=t.order,
            name=t.name_vi,
            parallel_group=t.parallel_group,
            is_lead=bool(t.parallel_group) and t.branch == min(x.branch for x in batch),
            agency=performer_agency(d, t),
            role=t.role,
            started_at=at,
        )
        step.due_at = c.step_due(d, step, t.norm_amount, t.norm_unit)
        if writes is None:
            insert_row(step)
        else:
            writes.insert(step)
        started.append(step)
    if writes is not None and started:
        writes.send()
    return started


def _process_rows(d: Dossier) -> list[tuple[int | None, str]]:
    """(template, status) of the dossier's process steps: one prepared statement."""
    with prepared_cursor() as cursor:
        cursor.execute(
            'SELECT "template_id", "status" FROM "dossiers_dossierstep" '  # noqa: S608 - constants
            f'WHERE "dossier_id" = %s AND "kind" = {_PROCESS}',
            [d.pk],
        )
        return [(t, s) for t, s in cursor.fetchall()]


def next_batch(
    d: Dossier,
    after: ProcessStep | None,
    rows: Iterable[tuple[int | None, str]] | None = None,
) -> list[ProcessStep]:
    """Template steps to open after ``after`` is done (None: the first ones).

    In a parallel group the next step of the same branch follows; when the group is finished the
    next single step or group starts, a group with the first step of each branch at once.
    ``rows``: the (template, status) of the process steps when the caller has them already.
    """
    steps = templates(d)
    rows = list(_process_rows(d) if rows is None else rows)
    done = {t for t, s in rows if s == StepStatus.DONE}
    open_ids = {t for t, s in rows if s == StepStatus.OPEN}
    if after is not None and after.parallel_group:
        following = [
            s
            for s in steps
            if s.parallel_group == after.parallel_group
            and s.branch == after.branch
            and s.order > after.order
            and s.pk not in done | open_ids
        ]
        if following:
            return [min(following, key=lambda s: s.order)]
    if open_ids:
        return []  # other branches (or a reopened step) still running
    pending = [s for s in steps if s.pk not in done]
    if not pending:
        return []
    first = min(pending, key=lambda s: s.order)
    if not first.parallel_group:
        return [first]
    heads: dict[int, ProcessStep] = {}
    for s in sorted(pending, key=lambda s: s.order):
        if s.parallel_group == first.parallel_group:
            heads.setdefault(s.branch, s)
    return list(heads.values())


@transaction.atomic
def dossier_forward(*, actor: Any, dossier: Dossier | int, version: int | None = None) -> Dossier:
    """Forward to the competent agency (Decree 61/2018 Art 18): DVCQG 4.

    The hand-off is recorded as a finished ``forward`` step whose deadline is the 15:00 rule's
    (``forward_due_at``), so the control slip shows it early/on time/late. Post: the first step(s)
    of the pinned template are open, each with its own due moment.
    """
    d = c.lock(dossier, version)
    c.apply(d, Action.FORWARD, actor)
    at = c.now()
    hand_off = DossierStep(
        dossier=d,
        kind=StepKind.FORWARD,
        name=str(_("Forwarding")),
        agency=d.receiving_agency,
        role="reception_officer",
        assignee=actor,
        started_at=d.received_at or at,
        due_at=d.forward_due_at,
        finished_at=at,
        status=StepStatus.DONE,
        outcome="forwarded",
        sla_class="late" if d.forward_due_at and at > d.forward_due_at else "on_time",
    )
    writes = Writes()  # the hand-off goes with the first steps, or with the event
    writes.insert(hand_off)
    opened = start_steps(d, next_batch(d, None), at, writes=writes)
    d.sub_state = "to_assign"
    c.commit(
        d,
        EventType.FORWARDED,
        actor,
        writes=writes,
        agency=d.receiving_agency,
        payload={
            "to": d.competent_agency.identifier,
            "forward_due_at": c.iso(d.forward_due_at),
            "on_time": hand_off.sla_class == "on_time",
            "steps": [s.pk for s in opened],
        },
    )
    return d


@transaction.atomic
def dossier_transfer(
    *, actor: Any, dossier: Dossier | int, to: Agency, reason: str, version: int | None = None
) -> Dossier:
    """Send the dossier to the agency that is competent (Decree 61/2018 Art 18): routing by
    competence, not by address. Open steps of the old agency are cancelled and restarted there."""
    d = c.lock(dossier, version)
    c.apply(d, Action.TRANSFER, actor, reason=reason)
    if to.pk == d.competent_agency_id:
        raise ValidationFailed(_("The dossier is already at that agency."), details={"to": [""]})
    previous = d.competent_agency
    d.competent_agency = to
    cancelled = list(DossierStep.objects.filter(dossier=d, status=StepStatus.OPEN))
    DossierStep.objects.filter(pk__in=[s.pk for s in cancelled]).update(
        status=StepStatus.CANCELLED, finished_at=c.now(), outcome="transferred"
    )
    if cancelled:
        start_steps(d, [s.template for s in cancelled if s.template is not None], c.now())
    c.commit(
        d,
        EventType.TRANSFERRED,
        actor,
        agency=previous,
        payload={"from": previous.identifier, "to": to.identifier, "reason": reason},
    )
    return d


def _open_step(d: Dossier, step_id: int | None, kind: str | None = None) -> DossierStep:
    qs = DossierStep.objects.select_related("agency").filter(dossier=d, status=StepStatus.OPEN)
    if kind:
        qs = qs.filter(kind=kind)
    step = qs.filter(pk=step_id).first() if step_id else qs.order_by("order", "id").first()
    if step is None:
        raise NotFound(_("No such open step."))
    return step


def _pick_open(d: Dossier, steps: list[DossierStep], step_id: int | None) -> DossierStep:
    """The open step ``step_id`` (or the first open one) among ``steps``, with its agency (the
    dossier's agencies come with the lock; another agency is read)."""
    step = next(
        (s for s in steps if s.status == StepStatus.OPEN and (step_id is None or s.pk == step_id)),
        None,
    )
    if step is None:
        raise NotFound(_("No such open step."))
    if step.agency_id == d.competent_agency_id:
        step.agency = d.competent_agency
    elif step.agency_id == d.receiving_agency_id:
        step.agency = d.receiving_agency
    else:
        step.agency = Agency.objects.get(pk=step.agency_id)
    return step


def _step_policy(actor: Any, step: DossierStep) -> None:
    if not can_act_on_step(
        grants=c.grants_of(actor),
        is_superuser=bool(actor.is_superuser),
        is_assignee=step.assignee_id == actor.pk,
        role=step.role,
        agency_path=step.agency.path,
    ):
        raise PermissionDenied(_("This step is not yours."))


@transaction.atomic
def step_assign(
    *,
    actor: Any,
    dossier: Dossier | int,
    assignee: Any,
    step_id: int | None = None,
    version: int | None = None,
) -> Dossier:
    """The head of the competent agency assigns a handler (Decree 61/2018 Art 19(1)).

    Pre: ``assignee`` holds the step's role where it covers the step's agency
    (``selectors.step_performers``), else a field error and nothing saved.
    """
    from motcua.dossiers.selectors import step_performers

    d = c.lock(dossier, version)
    c.apply(d, Action.ASSIGN, actor)
    step = _open_step(d, step_id)
    if not step_performers(step=step).filter(pk=assignee.pk).exists():
        message = _("This person does not handle that step.")
        raise ValidationFailed(message, details={"assignee": [str(message)]})
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    d.sub_state = "in_progress"
    c.commit(
        d,
        EventType.ASSIGNED,
        actor,
        agency=step.agency,
        payload={"step": step.pk, "assignee": assignee.pk},
    )
    return d


@transaction.atomic
def step_complete(
    *,
    actor: Any,
    dossier: Dossier | int,
    outcome: str,
    step_id: int | None = None,
    note: str = "",
    version: int | None = None,
) -> Dossier:
    """Finish a step with its outcome; open the next step(s) of the pinned template.

    Pre: an open step the actor may act on. Post: the step is done and classified early/on
    time/late; parallel branches open together, the group closes when every branch is done.
    """
    d = c.lock(dossier, version)
    c.apply(d, Action.COMPLETE_STEP, actor)
    if not outcome.strip():
        raise ValidationFailed(_("Give the outcome."), details={"outcome": [""]})
    # One query answers "which open step", "which template steps are done" and "is any step
    # still open" (three before; the lifecycle benchmark is bound by per-query CPU).
    steps = select_rows(
        DossierStep,
        f'"dossier_id" = %s AND ("status" = {_OPEN} OR "kind" = {_PROCESS})',
        [d.pk],
        order_by='"order", "id"',
    )
    step = _pick_open(d, steps, step_id)
    _step_policy(actor, step)
    at = c.now()
    step.status, step.finished_at, step.outcome, step.note = StepStatus.DONE, at, outcome, note
    if step.due_at is not None:
        step.sla_class = "late" if at > step.due_at else "on_time"
    # The step's update goes with the next steps' inserts, or else with the event
    # (``core.writes``); nothing below reads it back from the database.
    writes = Writes()
    writes.update(step, ["status", "finished_at", "outcome", "note", "sla_class"])
    template = template_of(d, step.template_id)
    process = [s for s in steps if s.kind == StepKind.PROCESS]
    opened = (
        []
        if step.kind == StepKind.CONSULT
        else start_steps(
            d,
            next_batch(d, template, [(s.template_id, s.status) for s in process]),
            at,
            writes=writes,
        )
    )
    still_open = bool(opened) or any(s.status == StepStatus.OPEN for s in process)
    d.sub_state = "in_progress" if still_open else "awaiting_decision"
    c.commit(
        d,
        EventType.STEP_COMPLETED,
        actor,
        writes=writes,
        agency=step.agency,
        payload={
            "step": step.pk,
            "name": step.name,
            "outcome": outcome,
            "on_time": step.sla_class != "late",
            "opened": [s.pk for s in opened],
        },
    )
    return d


@transaction.atomic
def step_return(
    *,
    actor: Any,
    dossier: Dossier | int,
    reason: str,
    step_id: int | None = None,
    version: int | None = None,
) -> Dossier:
    """Send the current step back to the previous one with a reason; the previous step reopens
    with a fresh deadline (its norm counted from now)."""
    d = c.lock(dossier, version)
    c.apply(d, Action.RETURN_STEP, actor, reason=reason)
    step = _open_step(d, step_id, StepKind.PROCESS)
    _step_policy(actor, step)
    previous = (
        DossierStep.objects.filter(
            dossier=d, kind=StepKind.PROCESS, status=StepStatus.DONE, order__lt=step.order
        )
        .select_related("template")
        .order_by("-order", "-id")
        .first()
    )
    if previous is None or previous.template is None:
        raise Conflict(_("There is no previous step to return to."), code="no_previous_step")
    at = c.now()
    step.status, step.finished_at, step.outcome, step.note = (
        StepStatus.RETURNED,
        at,
        "returned",
        reason,
    )
    step.save()
    reopened = start_steps(d, [previous.template], at)[0]
    reopened.assignee = previous.assignee
    reopened.save(update_fields=["assignee"])
    c.commit(
        d,
        EventType.STEP_RETURNED,
        actor,
        agency=step.agency,
        payload={"step": step.pk, "to": reopened.pk, "reason": reason},
    )
    return d
