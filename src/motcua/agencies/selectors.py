# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of agencies and role scopes. Every view, API and report asks these, never the models.

Scope rule: a role assignment at agency A covers A itself, and A's whole subtree when
``include_descendants`` is set. A user's scope for a set of roles is the union of those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from motcua.agencies.models import STAFF_ROLES, Agency, Role, RoleAssignment
from motcua.core import clock


def agency_subtree_q(path: str, *, prefix: str = "") -> Q:
    """Q matching the agency with ``path`` and all its descendants: one indexed prefix filter.

    On PostgreSQL ``LIKE 'path%'`` uses the varchar_pattern_ops index; on SQLite LIKE with an
    ESCAPE clause cannot use an index, so the same prefix is expressed as a binary range.
    """
    field = f"{prefix}path"
    if connection.vendor == "sqlite":
        upper = path[:-1] + chr(ord(path[-1]) + 1)
        return Q(**{f"{field}__gte": path, f"{field}__lt": upper})
    return Q(**{f"{field}__startswith": path})


def agency_list(*, valid_on: dt.date | None = None) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("unit").order_by("path")
    if valid_on is not None:
        qs = qs.valid_on(valid_on)
    return qs


def agency_get(*, identifier: str) -> Agency | None:
    return Agency.objects.select_related("unit").filter(identifier=identifier).first()


def agency_subtree(*, agency: Agency, valid_on: dt.date | None = None) -> QuerySet[Agency]:
    return agency_list(valid_on=valid_on).filter(agency_subtree_q(agency.path))


def role_assignments_active(
    *, user: Any, day: dt.date | None = None, roles: Iterable[str] | None = None
) -> QuerySet[RoleAssignment]:
    """The user's assignments in force on ``day`` (today by default)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return RoleAssignment.objects.none()
    qs = RoleAssignment.objects.filter(user=user).valid_on(day or clock.today())
    if roles is not None:
        qs = qs.filter(role__in=list(roles))
    return qs.select_related("agency")


def user_roles(*, user: Any, day: dt.date | None = None) -> set[str]:
    return set(role_assignments_active(user=user, day=day).values_list("role", flat=True))


def user_has_role(*, user: Any, roles: Iterable[str], day: dt.date | None = None) -> bool:
    return role_assignments_active(user=user, day=day, roles=roles).exists()


def is_staff_member(*, user: Any, day: dt.date | None = None) -> bool:
    """True when the user holds any official role today (desk access)."""
    return user_has_role(user=user, roles=STAFF_ROLES, day=day)


def agency_scope_q(
    *,
    user: Any,
    roles: Iterable[str] | None = None,
    day: dt.date | None = None,
    prefix: str = "",
    assignments: Iterable[RoleAssignment] | None = None,
) -> Q:
    """Q over agencies (or over a relation to Agency via ``prefix``) that the user's roles cover.

    Returns a Q that matches nothing when the user has no matching role. ``assignments``: the
    user's assignments in force (``role_assignments_active`` with ``select_related("agency")``)
    when the caller builds several scopes at once, so that they are read once, not per scope.
    """
    q = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    wanted = set(roles or STAFF_ROLES)
    if assignments is None:
        assignments = role_assignments_active(user=user, day=day, roles=wanted)
    for ra in assignments:
        if ra.agency is None or ra.role not in wanted:
            continue
        if ra.include_descendants:
            q |= agency_subtree_q(ra.agency.path, prefix=prefix)
        else:
            q |= Q(**{f"{prefix}pk": ra.agency.pk})
    return q


def agency_list_in_scope(
    *, user: Any, roles: Iterable[str] | None = None, day: dt.date | None = None
) -> QuerySet[Agency]:
    """Agencies the user may act on for ``roles`` (all staff roles by default)."""
    return Agency.objects.filter(agency_scope_q(user=user, roles=roles, day=day)).order_by("path")


def role_assignment_list_visible(*, user: Any) -> QuerySet[RoleAssignment]:
    """Role assignments a system administrator may see: those at agencies in their scope."""
    scope = agency_scope_q(user=user, roles=[Role.SYSTEM_ADMIN], prefix="agency__")
    return (
        RoleAssignment.objects.filter(scope)
        .select_related("user", "agency", "granted_by")
        .order_by("agency__path", "user__username", "role")
    )


def agency_in_scope(
    *, user: Any, agency: Agency, roles: Iterable[str], day: dt.date | None = None
) -> bool:
    """True when one of the user's ``roles`` in force on ``day`` covers ``agency``."""
    scope = agency_scope_q(user=user, roles=roles, day=day)
    return Agency.objects.filter(scope, pk=agency.pk).exists()


def agency_children(*, agency: Agency, valid_on: dt.date | None = None) -> QuerySet[Agency]:
    """Direct sub-agencies of ``agency`` (in force on ``valid_on`` when given)."""
    return agency_subtree(agency=agency, valid_on=valid_on).filter(depth=agency.depth + 1)
