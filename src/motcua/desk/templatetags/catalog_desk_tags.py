# SPDX-License-Identifier: AGPL-3.0-or-later
"""The catalogue link of the desk sidebar. Cosmetic: every catalogue view checks access itself."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from motcua.desk.calendar_forms import UNIT_CHOICES
from motcua.desk.catalog_views import may_edit_catalogue

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_editor(context: Any) -> bool:
    """True when the signed-in user may edit the procedure catalogue."""
    request = context.get("request")
    return request is not None and may_edit_catalogue(request.user)


@register.filter
def unit_label(value: str) -> str:
    """The label of a deadline-engine unit (``working_day`` → "working days")."""
    return str(dict(UNIT_CHOICES).get(value, value or "—"))


@register.filter
def vnd(value: int | None) -> str:
    """An amount in VND with thousands grouped: 10.000 in Vietnamese, 10,000 in English."""
    if value is None:
        return "—"
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".") if (get_language() or "vi").startswith("vi") else grouped
