# SPDX-License-Identifier: AGPL-3.0-or-later
"""Staff and role assignments, each seen only within the caller's agency scope."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from motcua.accounts.selectors import staff_list_visible, user_get
from motcua.accounts.services import role_assign, role_end
from motcua.agencies.models import Role
from motcua.agencies.selectors import agency_get, role_assignment_list_visible, user_has_role
from motcua.api.auth import AUTH
from motcua.api.routers.base import ApiRouter
from motcua.api.schemas import InputSchema, Pagination
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed

router = ApiRouter(tags=["staff"], auth=AUTH)


class StaffOut(Schema):
    username: str = Field(..., alias="user.username")
    full_name: str = Field(..., alias="user.full_name")
    agency: str = Field(..., alias="agency.identifier")
    agency_name: str = Field(..., alias="agency.name_vi")
    position: str
    staff_code: str


class RoleAssignmentOut(Schema):
    id: int
    username: str = Field(..., alias="user.username")
    role: Role
    agency: str | None
    include_descendants: bool
    valid_from: dt.date
    valid_to: dt.date | None
    granted_by: str | None

    @staticmethod
    def resolve_agency(obj: Any) -> str | None:
        return obj.agency.identifier if obj.agency_id else None

    @staticmethod
    def resolve_granted_by(obj: Any) -> str | None:
        return obj.granted_by.username if obj.granted_by_id else None


class RoleAssignIn(InputSchema):
    username: str = Field(..., min_length=1, max_length=150)
    role: Role
    agency: str | None = Field(None, max_length=40, description="Agency identifier")
    include_descendants: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class RoleEndIn(InputSchema):
    valid_to: dt.date


@router.get("/staff", response=list[StaffOut], summary="Staff in my scope")
@paginate(Pagination)
def list_staff(request: HttpRequest) -> Any:
    """Officials of the agencies the caller's roles cover; nobody else's."""
    return staff_list_visible(user=request.auth)  # type: ignore[attr-defined]


@router.get(
    "/role-assignments", response=list[RoleAssignmentOut], summary="Role assignments in my scope"
)
@paginate(Pagination)
def list_role_assignments(request: HttpRequest) -> Any:
    """Assignments at agencies the caller administers (system administrators only)."""
    return role_assignment_list_visible(user=request.auth)  # type: ignore[attr-defined]


@router.post("/role-assignments", response={201: RoleAssignmentOut}, summary="Give a user a role")
def create_role_assignment(request: HttpRequest, payload: RoleAssignIn) -> Any:
    actor = request.auth  # type: ignore[attr-defined]
    _require_administrator(actor)
    errors: dict[str, list[str]] = {}
    user = user_get(username=payload.username)
    if user is None:
        errors["username"] = [_("No user with this username.")]
    agency = None
    if payload.agency:
        agency = agency_get(identifier=payload.agency)
        if agency is None:
            errors["agency"] = [_("No agency with this identifier.")]
    if errors:
        raise ValidationFailed(_("The input is not valid."), details=errors)
    assignment = role_assign(
        actor=actor,
        user=user,
        role=payload.role,
        agency=agency,
        include_descendants=payload.include_descendants,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, assignment)


@router.post(
    "/role-assignments/{assignment_id}/end",
    response=RoleAssignmentOut,
    summary="End a role assignment",
)
def end_role_assignment(request: HttpRequest, assignment_id: int, payload: RoleEndIn) -> Any:
    """Close the assignment on ``valid_to`` (inclusive); rows are kept for history."""
    actor = request.auth  # type: ignore[attr-defined]
    assignment = role_assignment_list_visible(user=actor).filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound(_("No such role assignment."))
    return role_end(actor=actor, assignment=assignment, valid_to=payload.valid_to)


def _require_administrator(actor: Any) -> None:
    # Before resolving usernames: otherwise any signed-in user could probe which accounts exist.
    if not (actor.is_superuser or user_has_role(user=actor, roles=[Role.SYSTEM_ADMIN])):
        raise PermissionDenied(_("Only system administrators may manage role assignments."))
