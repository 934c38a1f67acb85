# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of users and staff, scoped by role and agency (the one place that decides visibility)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.accounts.models import StaffProfile, User
from motcua.agencies.selectors import agency_scope_q


def staff_list_visible(*, user: Any) -> QuerySet[StaffProfile]:
    """Staff whose agency lies in the viewer's scope for any official role.

    A handler of department A sees A's staff (and sub-units' when their assignment includes
    descendants) but never department B's. Applicants and anonymous users see nobody.
    """
    return (
        StaffProfile.objects.filter(agency_scope_q(user=user, prefix="agency__"))
        .select_related("user", "agency")
        .order_by("agency__path", "user__username")
    )


def user_get(*, username: str) -> User | None:
    """The account with exactly this username, or None (callers decide what to reveal)."""
    return User.objects.filter(username=username).first()
