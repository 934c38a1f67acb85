# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shared service plumbing: lock, version check, policy, transition, event, enqueue.

Every public service follows the same order (docs/ARCHITECTURE.md §3.3): ``lock`` →
``apply`` (table + policy + reason) → mutate → ``commit`` (event + save + outbox task).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.agencies.selectors import role_assignments_active
from motcua.core import clock, outbox
from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from motcua.core.prepared import prepared_cursor
from motcua.core.rows import from_row
from motcua.core.writes import Writes
from motcua.dossiers.events import event_append
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierStep,
    RuleSet,
    StepKind,
    StepStatus,
)
from motcua.dossiers.policies import Grant, can_perform
from motcua.dossiers.services.pinned import parts_of, rule_set_get, version_get
from motcua.dossiers.workflow import deadlines as wd
from motcua.dossiers.workflow.engine import (
    Action,
    Scope,
    Transition,
    national_status,
    transition,
)
from motcua.workcal.deadlines import WorkCalendar, add_working_time
from motcua.workcal.selectors import calendar_snapshot, calendar_version_sql

# Catalogue time limits are per catalogue channel; a kiosk submission is an electronic one.
CATALOG_CHANNEL = {"direct": "in_person", "postal": "postal", "online": "online", "kiosk": "online"}


def now() -> dt.datetime:
    return clock.now()


_LOCK_SQL: dict[str, str] = {}
_FIELDS = [f for f in Dossier._meta.concrete_fields if not f.primary_key]
_NAMES = [f.name for f in _FIELDS]
# One C-level call reads every column value: ``commit`` compares them with those ``lock`` saw.
_VALUES = operator.attrgetter(*(f.attname for f in _FIELDS))
_AGENCY_FIELDS = list(Agency._meta.concrete_fields)


def _lock_sql() -> str:
    """The dossier row ``FOR UPDATE`` with both of its agencies joined, built once per vendor.

    Raw SQL instead of the ORM: compiling a select of this 60-column model (with joins) costs
    ~1.5 ms of CPU per call on the reference machine (docs/performance.md); joining the two
    agencies saves the separate ``in_bulk`` query (~1 ms) on every action. ``FOR UPDATE OF``
    locks the dossier row only, not the agencies. The working-day calendar's version comes in
    the same row (six columns, ``workcal.selectors.calendar_version_sql``): most actions compute
    a deadline, and asking for it separately cost a round trip each time.
    """
    vendor = connection.vendor
    sql = _LOCK_SQL.get(vendor)
    if sql is None:
        quote = connection.ops.quote_name
        cols = [f"d.{quote(f.column)}" for f in Dossier._meta.concrete_fields]
        for alias in ("r", "c"):
            cols += [f"{alias}.{quote(f.column)}" for f in _AGENCY_FIELDS]
        cols.append("cv.*")
        dossiers = quote(Dossier._meta.db_table)
        agencies = quote(Agency._meta.db_table)
        sql = (
            f"SELECT {', '.join(cols)} FROM {dossiers} d "  # noqa: S608 - our own names
            f"JOIN {agencies} r ON r.{quote('id')} = d.{quote('receiving_agency_id')} "
            f"JOIN {agencies} c ON c.{quote('id')} = d.{quote('competent_agency_id')} "
            f"CROSS JOIN ({calendar_version_sql()}) cv "
            f"WHERE d.{quote('id')} = %s"
        )
        if connection.features.has_select_for_update:  # SQLite: IMMEDIATE serialises writers
            of = connection.features.has_select_for_update_of
            sql += " FOR UPDATE OF d" if of else " FOR UPDATE"
        _LOCK_SQL[vendor] = sql
    return sql


def lock(dossier: Dossier | int, expected_version: int | None = None) -> Dossier:
    """The dossier row, locked until the end of the transaction; stale ``version`` → 409.

    Post: ``rule_set``, ``procedure_version`` and both agencies are loaded (the first two from
    the pinned cache: they never change once in force; the agencies fresh, in the same query),
    and the loaded values are remembered so that ``commit`` writes only the changed columns.
    """
    pk = dossier if isinstance(dossier, int) else dossier.pk
    with prepared_cursor() as cursor:
        cursor.execute(_lock_sql(), [pk])
        row = cursor.fetchone()
    if row is None:
        raise NotFound(_("No such dossier."))
    n, m = len(Dossier._meta.concrete_fields), len(_AGENCY_FIELDS)
    found: Dossier = from_row(Dossier, row[:n], using=connection.alias)
    if expected_version is not None and found.version != expected_version:
        raise Conflict(
            _("The dossier was changed by someone else (version %(now)s, you had %(had)s).")
            % {"now": found.version, "had": expected_version},
            code="stale_version",
            details={"version": [str(found.version)]},
        )
    found.receiving_agency = from_row(Agency, row[n : n + m], using=connection.alias)
    found.competent_agency = (
        found.receiving_agency  # one object when they are the same agency, as ``in_bulk`` gave
        if found.competent_agency_id == found.receiving_agency_id
        else from_row(Agency, row[n + m : n + 2 * m], using=connection.alias)
    )
    found._calendar_version = tuple(row[n + 2 * m :])  # type: ignore[attr-defined]
    found.rule_set = rule_set_get(found.rule_set_id)
    found.procedure_version = version_get(found.procedure_version_id)
    found._loaded = _VALUES(found)  # type: ignore[attr-defined]
    return found


def adopt(d: Dossier) -> Dossier:
    """A dossier row this transaction has just inserted: no other transaction can see it, so it
    needs no row lock; remember the loaded values like ``lock`` does (``commit`` then writes
    only the columns changed afterwards)."""
    d._loaded = _VALUES(d)  # type: ignore[attr-defined]
    return d


def grants_of(user: Any) -> list[Grant]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached: list[Grant] | None = getattr(user, "_dossier_grants", None)
    if cached is None:
        cached = [
            Grant(ra.role, ra.agency.path, ra.include_descendants)
            for ra in role_assignments_active(user=user, roles=None)
            if ra.agency is not None
        ]
        user._dossier_grants = cached
    return cached


def require_actor(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to act on dossiers."))


def open_step_paths(d: Dossier) -> list[str]:
    return list(
        DossierStep.objects.filter(dossier=d, status=StepStatus.OPEN).values_list(
            "agency__path", flat=True
        )
    )


def may_apply(
    d: Dossier, tr: Transition, actor: Any, *, open_paths: list[str] | None = None
) -> bool:
    """The policy check of ``apply`` (``policies.can_perform``) with the actor's facts.

    ``open_paths`` (agencies of the open steps) is read only when needed unless given.
    """
    facts: dict[str, Any] = {
        "transition": tr,
        "grants": grants_of(actor),
        "is_superuser": bool(getattr(actor, "is_superuser", False)),
        "is_applicant": d.applicant_id is not None and d.applicant_id == actor.pk,
        "receiving_path": d.receiving_agency.path,
    }
    if can_perform(**facts, competent_paths=[d.competent_agency.path]):
        return True
    if tr.scope != Scope.COMPETENT:  # a liên thông agency may act on its own open step
        return False
    paths = open_step_paths(d) if open_paths is None else open_paths
    return can_perform(**facts, competent_paths=paths)


def apply(d: Dossier, action: Action, actor: Any, *, reason: str = "") -> Transition:
    """Check the table, the policy and the reason; move ``d`` to the next state (unsaved)."""
    require_actor(actor)
    tr = transition(d.status, action)
    if not may_apply(d, tr, actor):
        raise PermissionDenied(_("You may not do this on this dossier."))
    if tr.reason_required and not reason.strip():
        message = _("Give the reason.")
        raise ValidationFailed(message, details={"reason": [str(message)]})
    d.status = tr.next.value
    d.national_status = national_status(tr.next)
    d.version += 1
    return tr


def commit(
    d: Dossier,
    event_type: str,
    actor: Any,
    *,
    agency: Agency | None = None,
    payload: Mapping[str, Any] | None = None,
    writes: Writes | None = None,
) -> DossierEvent:
    """Append the event, save the dossier and, when the event notifies anyone, enqueue the
    outbox task, all in this transaction (with ``writes`` the action's own pending writes go
    in the same statement).

    A locked dossier's three writes go together (``core.writes``: one statement on
    PostgreSQL): the event, the changed columns (with the new chain head) and the task, which
    names the event by (dossier, sequence) because its key is not known before the insert.
    """
    from motcua.dossiers.tasks import NOTIFYING_EVENTS, notifications_record

    notifies = event_type in NOTIFYING_EVENTS
    loaded: tuple[Any, ...] | None = getattr(d, "_loaded", None)
    if loaded is None:  # not read through ``lock``/``adopt``: the ORM saves every column
        if writes is not None:
            writes.send()
        event = event_append(
            dossier=d, type=event_type, actor=actor, agency=agency, payload=payload
        )
        d.save()
        if notifies:
            outbox.enqueue(notifications_record, dossier_id=d.pk, seq=event.seq)
        return event
    writes = writes or Writes()
    event = event_append(
        dossier=d, type=event_type, actor=actor, agency=agency, payload=payload, writes=writes
    )
    now = _VALUES(d)
    changed = [name for name, a, b in zip(_NAMES, now, loaded, strict=True) if a != b]
    writes.update(d, [*changed, "updated_at"])  # only the changed columns
    if notifies:
        outbox.enqueue(notifications_record, writes=writes, dossier_id=d.pk, seq=event.seq)
    writes.send()
    d._loaded = _VALUES(d)  # type: ignore[attr-defined]
    return event


def calendar_of(agency: Agency, d: Dossier | None = None) -> WorkCalendar:
    """The working-day calendar of ``agency``; with a locked ``d``, at the calendar version its
    lock read (no separate query)."""
    return calendar_snapshot(agency=agency, version=getattr(d, "_calendar_version", None))


_RULE_SET_ON: dict[dt.date, RuleSet] = {}


def rule_set_on(day: dt.date) -> RuleSet:
    """The rule set in force on ``day`` (rows change only by migration: memoised per day)."""
    found = _RULE_SET_ON.get(day)
    if found is None:
        found = (
            RuleSet.objects.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )
        if found is None:
            raise ValidationFailed(_("No rule set is in force on %(day)s.") % {"day": day})
        _RULE_SET_ON[day] = found
    return found


def time_limit(d: Dossier) -> tuple[Decimal | None, str]:
    """The pinned version's legal time limit for the dossier's channel (case first)."""
    wanted = CATALOG_CHANNEL[d.channel]
    rows = [
        r
        for r in parts_of(d.procedure_version).time_limits
        if r.amount is not None and r.unit and (r.case_id is None or r.case_id == d.case_id)
    ]
    rows.sort(key=lambda r: (r.channel != wanted, r.channel != "in_person", r.case_id is None))
    return (rows[0].amount, rows[0].unit) if rows else (None, "")


def recompute_due(d: Dossier, cal: WorkCalendar | None = None) -> dt.datetime | None:
    """The appointment from its inputs (receipt, limit, pauses, restart); kept after extension."""
    if d.extended or d.received_at is None:
        return d.due_at
    return wd.appointment(
        cal or calendar_of(d.receiving_agency, d),
        d.received_at,
        d.time_limit_amount,
        d.time_limit_unit,
        pauses=wd.pauses_from_json(d.pauses),
        restart_at=d.restart_at,
    )


def step_due(d: Dossier, step: DossierStep, amount: Decimal, unit: str) -> dt.datetime:
    """A step's due moment from its start, on its agency's calendar, skipping dossier pauses."""
    restart = d.restart_at if d.restart_at and d.restart_at > step.started_at else None
    return add_working_time(
        calendar_of(step.agency, d),
        step.started_at,
        amount,
        unit,
        pauses=wd.pauses_from_json(d.pauses),
        restart_at=restart,
    )


def iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


# --- Prepared statements of the hot path (``core.rows`` explains why they are not ORM) -------


def _step_states(d: Dossier) -> list[tuple[int, str, str]]:
    """(id, kind, status) of every step of ``d``: a handful of rows, read by the dossier index.

    The filtering happens here rather than in SQL on purpose: with a ``status`` condition the
    planner may prefer a partial "open steps" index, which holds every open step of the province
    (and, until vacuum, the dead entries of every step closed since), over the dossier's own
    few rows; measured on PostgreSQL at 0.6–4 ms a call instead of 0.03 ms.
    """
    with prepared_cursor() as cursor:
        cursor.execute(
            'SELECT "id", "kind", "status" FROM "dossiers_dossierstep" WHERE "dossier_id" = %s',
            [d.pk],
        )
        return [(pk, kind, status) for pk, kind, status in cursor.fetchall()]


def has_open_process_step(d: Dossier) -> bool:
    """True when a process step of ``d`` is still open."""
    return any(
        kind == StepKind.PROCESS.value and status == StepStatus.OPEN.value
        for _, kind, status in _step_states(d)
    )


def close_open_steps(d: Dossier, *, at: dt.datetime, outcome: str) -> int:
    """Cancel every open step of ``d`` at ``at`` with ``outcome`` (the dossier is finishing)."""
    open_ids = [pk for pk, _, status in _step_states(d) if status == StepStatus.OPEN.value]
    if not open_ids:
        return 0
    marks = ", ".join(["%s"] * len(open_ids))
    with prepared_cursor() as cursor:
        cursor.execute(
            'UPDATE "dossiers_dossierstep" SET "status" = %s, "finished_at" = %s, "outcome" = %s '  # noqa: S608
            f'WHERE "id" IN ({marks})',
            [
                StepStatus.CANCELLED.value,
                connection.ops.adapt_datetimefield_value(at),
                outcome,
                *open_ids,
            ],
        )
        return int(cursor.rowcount)


def held_components(d: Dossier) -> list[int | None]:
    """The components of the papers ``d`` already holds."""
    with prepared_cursor() as cursor:
        cursor.execute(
            'SELECT "component_id" FROM "dossiers_dossierdocument" WHERE "dossier_id" = %s',
            [d.pk],
        )
        return [row[0] for row in cursor.fetchall()]
