# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Tết warning of the desk layout (system administrators, from 1 October)."""

from __future__ import annotations

from typing import Any

from django import template

from motcua.desk.access import is_system_admin
from motcua.workcal.selectors import TetStatus, calendar_next_tet_unconfirmed

register = template.Library()


@register.simple_tag(takes_context=True)
def tet_warning(context: Any) -> TetStatus | None:
    """Next year's Tết status when an administrator must act on it, else None.

    The selector returns before querying from January to September, so most desk pages pay
    only the role check that the sidebar makes anyway.
    """
    request = context.get("request")
    if request is None or not is_system_admin(request.user):
        return None
    return calendar_next_tet_unconfirmed()
