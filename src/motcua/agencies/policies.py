# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure predicates for organisation data (agencies, administrative units). No database access.

Services gather the facts (is the actor a superuser, does a system-administrator role cover the
agency) through selectors and ask these; the desk and the API use the same predicates to decide
what to show.
"""

from __future__ import annotations

import re

# Electronic agency identifiers (mã định danh điện tử), QĐ 20/2020/QĐ-TTg and Circular
# 10/2016/TT-BTTTT, docs/DOMAIN.md §1.8. One list, so that every interface accepts the same shapes.
AGENCY_IDENTIFIER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # V1V2V3.Z1Z2.Y1Y2.MX1X2: level-4.level-3.level-2.level-1, e.g. 000.00.16.H51
    ("000.00.16.H51", re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")),
    # A ministry-level code with one sub-unit, as used by national systems, e.g. G09.20
    ("G09.20", re.compile(r"^[A-Z]\d{2}\.\d{2}$")),
)


def is_valid_agency_identifier(value: str) -> bool:
    """True when ``value`` has one of the documented identifier shapes."""
    return any(pattern.fullmatch(value) for _, pattern in AGENCY_IDENTIFIER_PATTERNS)


def can_edit_units(*, is_superuser: bool, is_system_admin: bool) -> bool:
    """Administrative units are province-wide data: any system administrator may correct them."""
    return is_superuser or is_system_admin


def can_create_agency(*, is_superuser: bool, is_root: bool, parent_in_admin_scope: bool) -> bool:
    """A root agency only by a superuser; a sub-agency by a system admin covering its parent."""
    if is_superuser:
        return True
    return not is_root and parent_in_admin_scope


def can_update_agency(*, is_superuser: bool, agency_in_admin_scope: bool) -> bool:
    """An agency by a superuser or a system administrator whose scope covers it."""
    return is_superuser or agency_in_admin_scope
