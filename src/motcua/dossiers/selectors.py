# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of dossiers. ``dossier_list_visible`` is THE one selector deciding visibility; every
list, detail, action, API and report starts from it (issue 5 §6).

Officials see dossiers whose receiving or competent agency, or the agency of one of their steps,
lies in the scope of one of their roles (``agencies.selectors.agency_scope_q``); applicants see
their own; anonymous users see none. Public lookup (Circular 01/2018/TT-VPCP Art 16; Decree
61/2018 Art 17(3)) returns only code, procedure name, status and appointment; the full timeline
needs the lookup secret printed on the receipt.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import RoleAssignment
from motcua.agencies.selectors import agency_scope_q, role_assignments_active
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, StepKind, StepStatus
from motcua.dossiers.services._common import may_apply, open_step_paths
from motcua.dossiers.workflow.engine import (
    CLOCK_RUNNING_VALUES,
    Action,
    State,
    allowed_actions,
    transition,
)


def _assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments in force today, read once per list or inbox."""
    return list(role_assignments_active(user=user))


def _visible(user: Any, assignments: list[RoleAssignment]) -> QuerySet[Dossier]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    if user.is_superuser:
        return Dossier.objects.all()

    def scope(prefix: str) -> Q:
        return agency_scope_q(user=user, prefix=prefix, assignments=assignments)

    steps = DossierStep.objects.filter(scope("agency__"), dossier=OuterRef("pk"))
    q = (
        Q(applicant=user)
        | scope("receiving_agency__")
        | scope("competent_agency__")
        | Q(Exists(steps))
    )
    return Dossier.objects.filter(q)


def dossier_list_visible(*, user: Any) -> QuerySet[Dossier]:
    return _visible(user, _assignments(user))


def dossier_get_visible(*, user: Any, pk: int | None = None, code: str | None = None) -> Dossier:
    qs = dossier_list_visible(user=user).select_related(
        "procedure_version__procedure", "receiving_agency", "competent_agency", "rule_set"
    )
    found = qs.filter(pk=pk).first() if pk is not None else qs.filter(code=code).first()
    if found is None:
        raise NotFound(_("No such dossier."))
    return found


def dossier_pk_visible(*, user: Any, pk: int | None = None, code: str | None = None) -> int:
    """The id of a dossier ``user`` may see (the same selector), without loading the row: what
    an action needs before the service locks and reads it."""
    qs = dossier_list_visible(user=user)
    qs = qs.filter(pk=pk) if pk is not None else qs.filter(code=code)
    found = qs.values_list("pk", flat=True).first()
    if found is None:
        raise NotFound(_("No such dossier."))
    return int(found)


def dossier_timeline(*, dossier: Dossier) -> QuerySet[DossierEvent]:
    return DossierEvent.objects.filter(dossier=dossier).select_related("actor", "agency")


def _open_steps(
    user: Any, roles: tuple[str, ...], assignments: list[RoleAssignment]
) -> QuerySet[DossierStep]:
    scope = agency_scope_q(user=user, roles=roles, prefix="agency__", assignments=assignments)
    return DossierStep.objects.filter(
        Q(assignee=user) | Q(assignee__isnull=True, role__in=roles) & scope,
        status__in_literal=[StepStatus.OPEN.value],  # the condition of ``step_open_*``
        kind__in=[StepKind.PROCESS, StepKind.CONSULT],
    )


def inbox(*, user: Any, name: str, at: dt.datetime | None = None) -> QuerySet[Dossier]:
    """One role inbox: ``to_receive``, ``to_forward``, ``to_process``, ``to_approve``,
    ``to_return``, ``due_soon``, ``overdue`` (all within ``dossier_list_visible``)."""
    return _inbox(user, name, at or clock.now(), _assignments(user))


def _inbox(
    user: Any, name: str, at: dt.datetime, assignments: list[RoleAssignment]
) -> QuerySet[Dossier]:
    base = _visible(user, assignments)
    reception = agency_scope_q(
        user=user,
        roles=["reception_officer"],
        prefix="receiving_agency__",
        assignments=assignments,
    )
    if name == "to_receive":
        return base.filter(reception, status=State.SUBMITTED)
    if name == "to_forward":
        return base.filter(reception, status=State.RECEIVED)
    if name == "to_return":
        return base.filter(reception, status=State.RESULT_READY)
    # The open steps are few (partial indexes ``step_open_*``): the two inboxes below read them
    # once as an uncorrelated ``IN`` that both databases build first. The overdue and due-soon
    # inboxes write the running-clock condition exactly as ``dossier_running_order_idx`` does,
    # so that the page walks that small index in list order.
    running = list(CLOCK_RUNNING_VALUES)
    if name == "to_process":
        steps = _open_steps(user, ("handler",), assignments).values("dossier_id")
        return base.filter(pk__in=steps, status=State.PROCESSING)
    if name == "to_approve":
        approver = agency_scope_q(
            user=user, roles=["approver"], prefix="competent_agency__", assignments=assignments
        )
        steps = _open_steps(user, ("approver",), assignments).values("dossier_id")
        return base.filter(
            (approver & Q(sub_state__in=["to_assign", "awaiting_decision"])) | Q(pk__in=steps),
            status=State.PROCESSING,
        )
    if name == "overdue":
        return base.filter(status__in_literal=running, due_at__lt=at)
    if name == "due_soon":
        return base.filter(status__in_literal=running, due_at__gte=at, watch_mark="due_soon")
    raise NotFound(_("Unknown inbox %(name)s.") % {"name": name})


INBOXES = (
    "to_receive",
    "to_forward",
    "to_process",
    "to_approve",
    "to_return",
    "due_soon",
    "overdue",
)


def inbox_counts(*, user: Any, at: dt.datetime | None = None) -> dict[str, int]:
    at, assignments = at or clock.now(), _assignments(user)
    return {name: _inbox(user, name, at, assignments).count() for name in INBOXES}


def dossier_list_overdue(*, user: Any, at: dt.datetime | None = None) -> QuerySet[Dossier]:
    return inbox(user=user, name="overdue", at=at)


@dataclass(frozen=True)
class PublicStatus:
    code: str
    procedure_name: str
    national_status: int
    status: str
    due_at: dt.datetime | None


def dossier_public_lookup(*, code: str) -> PublicStatus:
    """What anyone may know from the code alone (no personal data)."""
    row = (
        Dossier.objects.filter(code=code.strip())
        .values(
            "code", "procedure_version__procedure__name_vi", "national_status", "status", "due_at"
        )
        .first()
    )
    if row is None:
        raise NotFound(_("No dossier has this code."))
    return PublicStatus(
        code=row["code"] or "",
        procedure_name=row["procedure_version__procedure__name_vi"],
        national_status=row["national_status"],
        status=row["status"],
        due_at=row["due_at"],
    )


def dossier_public_timeline(*, code: str, secret: str) -> list[dict[str, Any]]:
    """The timeline (type, moment, agency) with the lookup secret from the receipt."""
    d = Dossier.objects.filter(code=code.strip()).first()
    if d is None or not secrets.compare_digest(d.lookup_secret.encode(), secret.encode()):
        raise NotFound(_("No dossier has this code and lookup secret."))
    return [
        {
            "seq": e.seq,
            "type": e.type,
            "occurred_at": e.occurred_at,
            "agency": e.agency.name_vi if e.agency else "",
        }
        for e in dossier_timeline(dossier=d)
    ]


def dossier_actions_for(*, user: Any, dossier: Dossier) -> list[Action]:
    """The actions of the transition table ``user`` may apply to ``dossier`` now.

    The same check the services make before acting (``services._common.may_apply``), so the
    desk and the API offer exactly the actions that will not be refused for lack of a role.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    open_paths = open_step_paths(dossier)
    return [
        action
        for action in allowed_actions(dossier.status)
        if may_apply(dossier, transition(dossier.status, action), user, open_paths=open_paths)
    ]


# --- Pickers of the desk and the API (issue 5 item 9) ----------------------------------------


def dossier_open_steps(*, dossier: Dossier) -> QuerySet[DossierStep]:
    """The dossier's open process and consultation steps (what complete/return/assign act on)."""
    return (
        DossierStep.objects.filter(
            dossier=dossier,
            status=StepStatus.OPEN,
            kind__in=[StepKind.PROCESS, StepKind.CONSULT],
        )
        .select_related("agency", "assignee")
        .order_by("order", "id")
    )


def step_performers(*, step: DossierStep, day: dt.date | None = None) -> QuerySet[Any]:
    """Active users holding the step's role (the handler role by default) where it covers the
    step's agency: at the agency itself, or at an ancestor with its sub-agencies (the scope rule
    of ``agencies.selectors``). The head assigns one of them (Decree 61/2018 Art 19(1))."""
    from django.contrib.auth import get_user_model

    from motcua.agencies.models import Agency, RoleAssignment

    agency = step.agency
    width = Agency.steplen
    ancestors = [agency.path[:i] for i in range(width, len(agency.path), width)]
    covers = Q(agency=agency) | Q(agency__path__in=ancestors, include_descendants=True)
    holders = (
        RoleAssignment.objects.valid_on(day or clock.today())
        .filter(covers, role=step.role or "handler")
        .values("user_id")
    )
    return (
        get_user_model()
        .objects.filter(pk__in=holders, is_active=True)
        .order_by("last_name", "first_name", "username")
    )
