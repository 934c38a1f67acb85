# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure predicates of the catalogue. No database access: services gather the facts.

Legal basis: Decree 118/2025/NĐ-CP and Circular 01/2018/TT-VPCP Art 8 (the provincial office
controls and publishes the TTHC list; catalogue administrators maintain it).
"""

from __future__ import annotations

from motcua.agencies.models import Role
from motcua.catalog.constants import PROCEDURE_CODE_RE, VersionStatus

EDITOR_ROLES: tuple[str, ...] = (Role.CATALOGUE_ADMIN, Role.SYSTEM_ADMIN)


def can_edit_catalogue(*, is_superuser: bool, is_catalogue_editor: bool) -> bool:
    """Superusers and holders of catalogue_admin or system_admin (any agency) edit the catalogue."""
    return is_superuser or is_catalogue_editor


def is_valid_procedure_code(code: str) -> bool:
    """National TTHC code ``d.dddddd`` (docs/DOMAIN.md §5.3)."""
    return bool(PROCEDURE_CODE_RE.match(code))


def can_edit_version(status: str) -> bool:
    """Only drafts change; a published version is immutable (a new draft replaces it)."""
    return status == VersionStatus.DRAFT


def can_retire_version(status: str) -> bool:
    return status == VersionStatus.PUBLISHED
