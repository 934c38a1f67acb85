# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk sidebar. Hiding a link is cosmetic: every view checks access itself."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.desk.access import is_system_admin

register = template.Library()

# (url name, section prefix of url names it stands for, label, system admins only)
_ITEMS = [
    ("desk:home", "home", _("Overview"), False),
    ("desk:staff_list", "staff_", _("Staff"), False),
    ("desk:unit_list", "unit_", _("Administrative units"), True),
    ("desk:agency_list", "agency_", _("Agencies"), True),
    ("desk:role_list", "role_", _("Role assignments"), True),
    ("desk:report_ii06a", "report_", _("Statistics"), False),
    ("desk:notification_templates", "notification_", _("Notifications"), True),
]


@register.simple_tag(takes_context=True)
def desk_nav(context: Any) -> list[dict[str, Any]]:
    request = context.get("request")
    if request is None:
        return []
    admin = is_system_admin(request.user)
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match is not None else ""
    return [
        {"url": reverse(name), "label": label, "current": (current or "").startswith(prefix)}
        for name, prefix, label, admin_only in _ITEMS
        if admin or not admin_only
    ]
