# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may see which figures: the same role × agency scope as ``dossier_list_visible``.

An official asks for a unit in their scope and gets its subtree (limited to their scope); a unit
outside it is refused (PermissionDenied → 403), never answered with an empty report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, Role
from motcua.agencies.selectors import agency_scope_q, agency_subtree_q
from motcua.catalog.models import Field, Procedure
from motcua.core.errors import PermissionDenied, ValidationFailed


@dataclass(frozen=True)
class Scope:
    unit: Agency
    agency_ids: list[int]


LEADER_ROLES = (Role.APPROVER, Role.SUPERVISOR, Role.SYSTEM_ADMIN)


def scope_agencies(*, user: Any, roles: Iterable[str] | None = None) -> list[Agency]:
    """The agencies whose figures ``user`` may see (with one of ``roles``), by tree order."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    qs = (
        Agency.objects.all()
        if user.is_superuser
        else Agency.objects.filter(agency_scope_q(user=user, roles=roles))
    )
    return list(qs.order_by("path"))


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details={field: [message]})


def report_scope(*, user: Any, unit: str | int | None, roles: Iterable[str] | None = None) -> Scope:
    """The unit asked for (default: the user's widest one) and the agency ids behind it."""
    allowed = scope_agencies(user=user, roles=roles)
    if not allowed:
        raise PermissionDenied(_("You have no agency whose figures you may see."))
    if unit in (None, ""):
        chosen = min(allowed, key=lambda a: (a.depth, a.path))
    else:
        try:
            pk = int(unit)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise _fail("unit", _("Unknown agency.")) from None
        found = Agency.objects.filter(pk=pk).first()
        if found is None:
            raise _fail("unit", _("Unknown agency."))
        if found.pk not in {a.pk for a in allowed}:
            raise PermissionDenied(_("This agency is outside your scope."))
        chosen = found
    allowed_ids = {a.pk for a in allowed}
    subtree = Agency.objects.filter(agency_subtree_q(chosen.path)).values_list("pk", flat=True)
    return Scope(chosen, [pk for pk in subtree if pk in allowed_ids])


def optional_id(
    data: Any, name: str, model: type[Field] | type[Procedure] | type[Agency]
) -> int | None:
    """An optional drill-down id that must exist (unknown → field error)."""
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    try:
        pk = int(raw)
    except ValueError:
        raise _fail(name, _("Unknown value.")) from None
    if not model.objects.filter(pk=pk).exists():
        raise _fail(name, _("Unknown value."))
    return pk
