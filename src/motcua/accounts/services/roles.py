# SPDX-License-Identifier: AGPL-3.0-or-later
"""Role grants and ends: who holds which role at which agency, and when (never deleted)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts import policies
from motcua.accounts.models import StaffProfile
from motcua.accounts.services._common import (
    INVALID,
    FieldErrors,
    admin_paths,
    authorise_agency,
)
from motcua.agencies.models import STAFF_ROLES, Agency, Role, RoleAssignment
from motcua.core import clock
from motcua.core.errors import PermissionDenied, ValidationFailed

User = get_user_model()


def _check_role_period(
    errors: FieldErrors,
    *,
    user: Any,
    role: str,
    agency: Agency | None,
    valid_from: dt.date,
    valid_to: dt.date | None,
    exclude_pk: int | None = None,
) -> None:
    if valid_to is not None and valid_to < valid_from:
        errors.add("valid_to", _("The end date must not be before the start date."))
        return
    if agency is not None:
        if not agency.is_valid_on(valid_from):
            errors.add("agency", _("This agency is not in force on the start date."))
        elif agency.valid_to is not None and (valid_to is None or valid_to > agency.valid_to):
            errors.add(
                "valid_to",
                _("The agency ceases on %(date)s; the assignment must end by then.")
                % {"date": agency.valid_to.isoformat()},
            )
    clash = RoleAssignment.objects.filter(user=user, role=role, agency=agency).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if valid_to is not None:
        clash = clash.filter(valid_from__lte=valid_to)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        errors.add(
            "valid_from",
            _("The user already holds this role at this agency during part of this period."),
        )


@transaction.atomic
def role_assign(
    *,
    actor: Any,
    user: Any,
    role: str,
    agency: Agency | None,
    include_descendants: bool = False,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Grant ``role`` to ``user`` at ``agency`` for ``[valid_from, valid_to]`` (inclusive).

    Legal basis: Decree 61/2018/NĐ-CP Art 11-12 as amended by Decree 118/2025/NĐ-CP (officials of
    the one-stop unit are appointed by the head of their agency); here the grant is recorded by a
    system administrator in scope.
    Pre: staff roles name an agency in force on ``valid_from`` and the user has a StaffProfile;
    the applicant role names none; ``valid_to >= valid_from``; no other assignment of the same
    (user, role, agency) overlaps. The actor covers the agency (and, to include descendants,
    covers the whole subtree). Post: one RoleAssignment with ``granted_by = actor``.
    """
    valid_from = valid_from or clock.today()
    errors = FieldErrors()
    if role not in Role.values:
        errors.add("role", _("Choose a role from the list."))
        errors.raise_if_any()
    if role in STAFF_ROLES:
        if agency is None:
            message = _("A staff role must be given at an agency.")
            raise ValidationFailed(INVALID, details={"agency": [str(message)]})
        authorise_agency(actor, agency, include_descendants=include_descendants)
        if not StaffProfile.objects.filter(user_id=user.pk).exists():
            errors.add("user", _("Only officials with a staff profile can hold a staff role."))
    else:
        if not policies.can_manage_applicant_roles(
            admin_paths=admin_paths(actor), is_superuser=bool(actor.is_superuser)
        ):
            raise PermissionDenied(_("You may not manage applicant accounts."))
        if agency is not None:
            errors.add("agency", _("The applicant role is not given at an agency."))
        include_descendants = False
    # Serialises concurrent grants to the same user so the overlap check below stays true.
    User.objects.select_for_update().filter(pk=user.pk).first()
    _check_role_period(
        errors, user=user, role=role, agency=agency, valid_from=valid_from, valid_to=valid_to
    )
    errors.raise_if_any()
    return RoleAssignment.objects.create(
        user=user,
        role=role,
        agency=agency,
        include_descendants=include_descendants,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=actor,
    )


@transaction.atomic
def role_end(*, actor: Any, assignment: RoleAssignment, valid_to: dt.date) -> RoleAssignment:
    """End (or move the end of) a role assignment: it stays in force up to ``valid_to`` inclusive.

    Rows are closed, never deleted, so the history of who could act when is kept.
    Pre: the actor could grant this assignment; ``valid_to >= assignment.valid_from``; the new
    period does not overlap another assignment of the same (user, role, agency).
    Post: ``assignment.valid_to == valid_to``.
    """
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.agency is not None:
        authorise_agency(
            actor, assignment.agency, include_descendants=assignment.include_descendants
        )
    elif not policies.can_manage_applicant_roles(
        admin_paths=admin_paths(actor), is_superuser=bool(actor.is_superuser)
    ):
        raise PermissionDenied(_("You may not manage applicant accounts."))
    errors = FieldErrors()
    if valid_to is None:
        errors.add("valid_to", _("Enter the last day of the assignment."))
        errors.raise_if_any()
    if valid_to < assignment.valid_from:
        errors.add("valid_to", _("The end date must not be before the start date."))
        errors.raise_if_any()
    agency = assignment.agency
    if agency is not None and agency.valid_to is not None and valid_to > agency.valid_to:
        errors.add(
            "valid_to",
            _("The agency ceases on %(date)s; the assignment must end by then.")
            % {"date": agency.valid_to.isoformat()},
        )
    clash = (
        RoleAssignment.objects.filter(
            user_id=assignment.user_id, role=assignment.role, agency=assignment.agency
        )
        .exclude(pk=assignment.pk)
        .filter(valid_from__gt=assignment.valid_from, valid_from__lte=valid_to)
    )
    if clash.exists():
        errors.add(
            "valid_to",
            _("The user already holds this role at this agency during part of this period."),
        )
    errors.raise_if_any()
    assignment.valid_to = valid_to
    assignment.save(update_fields=["valid_to", "updated_at"])
    return assignment
