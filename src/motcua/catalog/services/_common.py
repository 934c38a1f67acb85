# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shared helpers of the catalogue services: authorisation, locking, error building."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.selectors import user_has_role
from motcua.catalog import policies
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed


def authorise(actor: Any) -> None:
    """Raise PermissionDenied unless ``actor`` may edit the catalogue (``policies``)."""
    authenticated = bool(getattr(actor, "is_authenticated", False))
    is_superuser = authenticated and bool(getattr(actor, "is_superuser", False))
    editor = (
        authenticated
        and not is_superuser
        and user_has_role(user=actor, roles=policies.EDITOR_ROLES)
    )
    if not policies.can_edit_catalogue(is_superuser=is_superuser, is_catalogue_editor=editor):
        raise PermissionDenied(_("You are not allowed to change the procedure catalogue."))


def field_error(field: str, message: str, code: str = "validation_error") -> ValidationFailed:
    return ValidationFailed(message, code=code, details={field: [message]})


def lock_procedure(procedure: Procedure) -> Procedure:
    """The procedure row, locked: version writes of one procedure are serialised."""
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


def lock_draft(version: ProcedureVersion) -> ProcedureVersion:
    """The version, locked with its procedure; ValidationFailed unless it is a draft."""
    lock_procedure(version.procedure)
    fresh = ProcedureVersion.objects.select_for_update().filter(pk=version.pk).first()
    if fresh is None:
        raise NotFound(_("This version does not exist."))
    if not policies.can_edit_version(fresh.status):
        raise ValidationFailed(
            _("A published version cannot change; create a new draft instead."),
            code="version_immutable",
            details={"status": [_("Only drafts can be edited.")]},
        )
    return fresh
