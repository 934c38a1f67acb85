# SPDX-License-Identifier: AGPL-3.0-or-later
"""Navigation helpers of the portal templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """The URL of ``name``, or "" when no such route exists (a feature not installed yet)."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""
