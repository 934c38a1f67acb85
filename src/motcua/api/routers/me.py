# SPDX-License-Identifier: AGPL-3.0-or-later
"""The signed-in user: who they are and which roles they hold where."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Schema

from motcua.agencies.selectors import role_assignments_active
from motcua.api.auth import AUTH
from motcua.api.routers.base import ApiRouter

router = ApiRouter(tags=["me"])

ProfileKind = Literal["staff", "citizen", "organisation"]


class MyRoleOut(Schema):
    role: str
    agency: str | None
    agency_name: str | None
    include_descendants: bool
    valid_from: dt.date
    valid_to: dt.date | None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    profile_kind: ProfileKind | None
    roles: list[MyRoleOut]


@router.get("/me", response=MeOut, auth=AUTH, summary="The signed-in user")
def me(request: HttpRequest) -> Any:
    """The caller's account and the role assignments in force today."""
    user = request.auth  # type: ignore[attr-defined]
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "profile_kind": _profile_kind(user),
        "roles": [
            {
                "role": ra.role,
                "agency": ra.agency.identifier if ra.agency else None,
                "agency_name": ra.agency.name_vi if ra.agency else None,
                "include_descendants": ra.include_descendants,
                "valid_from": ra.valid_from,
                "valid_to": ra.valid_to,
            }
            for ra in role_assignments_active(user=user).order_by("role", "agency__path")
        ],
    }


def _profile_kind(user: Any) -> ProfileKind | None:
    # The reverse one-to-one accessors raise when absent; hasattr turns that into False.
    for attr, kind in (
        ("staff_profile", "staff"),
        ("citizen_profile", "citizen"),
        ("organisation_profile", "organisation"),
    ):
        if hasattr(user, attr):
            return kind  # type: ignore[return-value]
    return None
