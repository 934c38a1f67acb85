# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure predicates deciding who may manage accounts and roles. No ORM: callers pass facts in.

Scope rule (agencies.selectors): an assignment at agency A covers A, and A's whole subtree when
``include_descendants`` is set. Agencies are identified here by their materialised path.
"""

from __future__ import annotations

from collections.abc import Iterable


def path_covers(*, admin_path: str, include_descendants: bool, agency_path: str) -> bool:
    """True when an assignment at ``admin_path`` covers the agency at ``agency_path``."""
    if admin_path == agency_path:
        return True
    return include_descendants and agency_path.startswith(admin_path)


def can_manage_agency_staff(
    *, admin_paths: Iterable[tuple[str, bool]], agency_path: str, is_superuser: bool = False
) -> bool:
    """May an administrator create staff and grant roles at the agency with ``agency_path``?

    ``admin_paths`` are ``(path, include_descendants)`` of the actor's system_admin assignments
    in force today. A superuser (the installation's operator) may always.
    """
    if is_superuser:
        return True
    return any(
        path_covers(admin_path=path, include_descendants=desc, agency_path=agency_path)
        for path, desc in admin_paths
    )


def can_grant_at_agency(
    *,
    admin_paths: Iterable[tuple[str, bool]],
    agency_path: str,
    include_descendants: bool = False,
    is_superuser: bool = False,
) -> bool:
    """May the actor grant a role at ``agency_path`` (and, if asked, over its whole subtree)?

    Granting ``include_descendants`` reaches sub-agencies the actor may not cover when their
    own assignment is at this agency only, so it needs an ancestor-or-self assignment that
    itself includes descendants: an administrator can never widen a scope beyond their own.
    """
    if is_superuser:
        return True
    if not include_descendants:
        return can_manage_agency_staff(admin_paths=admin_paths, agency_path=agency_path)
    return any(desc and agency_path.startswith(path) for path, desc in admin_paths)


def can_manage_applicant_roles(
    *, admin_paths: Iterable[tuple[str, bool]], is_superuser: bool = False
) -> bool:
    """May the actor grant or end the applicant role (which has no agency)?

    Any system administrator, whatever their agency, may: applicants are not tied to one.
    """
    return is_superuser or any(True for _ in admin_paths)
