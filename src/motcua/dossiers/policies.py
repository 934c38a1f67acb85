# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure predicates: may this user perform this transition on this dossier? (no ORM)

The facts (the user's role grants with their agency paths, the dossier's agency paths) are gathered
by ``services._common.grants_of`` and passed in. Agency scope is a materialised-path prefix, as in
``agencies.selectors.agency_scope_q``. Legal basis: Decree 61/2018/NĐ-CP Art 15–20 (who receives,
assigns, processes and returns: the one-stop unit, the head of the competent agency, the handler).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from motcua.dossiers.workflow.engine import Scope, Transition


@dataclass(frozen=True)
class Grant:
    role: str
    agency_path: str
    descendants: bool

    def covers(self, path: str) -> bool:
        return path == self.agency_path or (self.descendants and path.startswith(self.agency_path))


def has_role_at(grants: Iterable[Grant], roles: Iterable[str], paths: Iterable[str]) -> bool:
    wanted, where = frozenset(roles), list(paths)
    return any(g.role in wanted and any(g.covers(p) for p in where) for g in grants)


def can_perform(
    *,
    transition: Transition,
    grants: Iterable[Grant],
    is_superuser: bool,
    is_applicant: bool,
    receiving_path: str,
    competent_paths: Iterable[str],
) -> bool:
    """True when the actor may apply ``transition``.

    * receiving scope: one of the transition's roles at the receiving unit;
    * competent scope: one of the roles at the competent agency or at an open step's agency;
    * applicant scope: the applicant themself, or a reception officer at the receiving unit
      acting on their request (in person or by post, Decree 118/2025 Art 21).
    """
    if is_superuser:
        return True
    grants = list(grants)
    if transition.scope == Scope.RECEIVING:
        return has_role_at(grants, transition.roles, [receiving_path])
    if transition.scope == Scope.COMPETENT:
        return has_role_at(grants, transition.roles, competent_paths)
    return is_applicant or has_role_at(grants, {"reception_officer"}, [receiving_path])


def can_act_on_step(
    *, grants: Iterable[Grant], is_superuser: bool, is_assignee: bool, role: str, agency_path: str
) -> bool:
    """The assignee, or anyone with the step's role (or unit head) at the step's agency."""
    if is_superuser or is_assignee:
        return True
    return has_role_at(grants, {role, "approver"}, [agency_path])
