# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of administrative units: validation only, **no authorisation**.

``units`` sits below ``agencies`` and cannot ask who holds which role, so these functions
trust their caller. Interfaces must call the authorised wrappers
``agencies.services.admin_unit_create`` / ``admin_unit_update`` instead.

Legal basis: units change only by law (Law 72/2025/QH15; NA Standing Committee resolutions on
arranging units). A change is a new dated row or the closing of an old one, never a rewrite,
so historic dossiers keep resolving to the unit in force when they were received.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed
from motcua.core.models import periods_overlap
from motcua.core.text import nfc
from motcua.units.models import AdministrativeUnit, UnitLevel
from motcua.units.selectors import unit_get


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()

_CODE_RE = re.compile(r"^\d{1,10}$")


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _overlapping(
    *, code: str, valid_from: dt.date, valid_to: dt.date | None, exclude_pk: int | None = None
) -> bool:
    rows = AdministrativeUnit.objects.select_for_update().filter(code=code)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return any(
        periods_overlap(valid_from, valid_to, start, end)
        for start, end in rows.values_list("valid_from", "valid_to")
    )


def _covers(
    outer_from: dt.date, outer_to: dt.date | None, inner_from: dt.date, inner_to: dt.date | None
) -> bool:
    """True when the period [inner_from, inner_to] lies within [outer_from, outer_to]."""
    if inner_from < outer_from:
        return False
    if outer_to is None:
        return True
    return inner_to is not None and inner_to <= outer_to


def _set_history_user(unit: AdministrativeUnit, actor: Any) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        unit._history_user = actor  # type: ignore[attr-defined]


def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    unit_type: str,
    level_code: str,
    parent_code: str | None = None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> AdministrativeUnit:
    """Create a unit for a period. The caller has authorised ``actor``.

    Pre-conditions checked (ValidationFailed with field details, nothing saved): ``code`` is a
    GSO code (digits); name and type are given; ``level_code`` names a level; ``parent_code``
    names a unit of a higher level in force over the whole new period; ``valid_to`` is not
    before ``valid_from``; no other row with ``code`` overlaps the period.
    """
    errors: dict[str, list[str]] = {}
    code = (code or "").strip()
    name = _clean(name)
    unit_type = _clean(unit_type)
    if not _CODE_RE.match(code):
        errors.setdefault("code", []).append(str(_("A GSO code is 1 to 10 digits.")))
    if not name:
        errors.setdefault("name", []).append(str(_("This field is required.")))
    if not unit_type:
        errors.setdefault("unit_type", []).append(str(_("This field is required.")))
    level = UnitLevel.objects.filter(code=level_code).first()
    if level is None:
        errors.setdefault("level_code", []).append(str(_("Unknown administrative level.")))
    if valid_to is not None and valid_to < valid_from:
        errors.setdefault("valid_to", []).append(
            str(_("The end of validity cannot be before its start."))
        )

    parent = None
    if parent_code:
        parent = unit_get(code=parent_code, on=valid_from)
        if parent is None:
            errors.setdefault("parent_code", []).append(
                str(_("No administrative unit has this code on the start date."))
            )
        elif not _covers(parent.valid_from, parent.valid_to, valid_from, valid_to):
            errors.setdefault("parent_code", []).append(
                str(_("The parent unit is not in force for the whole period."))
            )
        elif level is not None and parent.level.rank >= level.rank:
            errors.setdefault("level_code", []).append(
                str(_("The level must be below the parent unit's level."))
            )

    with transaction.atomic():
        if (
            "code" not in errors
            and "valid_to" not in errors
            and _overlapping(code=code, valid_from=valid_from, valid_to=valid_to)
        ):
            errors.setdefault("valid_from", []).append(
                str(_("Another unit with this code is in force during this period."))
            )
        if errors:
            raise ValidationFailed(_("The administrative unit is not valid."), details=errors)
        unit = AdministrativeUnit(
            code=code,
            name=name,
            unit_type=unit_type,
            level=level,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
            source="manual",
        )
        _set_history_user(unit, actor)
        unit.save()
    return unit


def unit_update(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    name: str | None = None,
    unit_type: str | None = None,
    valid_to: dt.date | _Unset | None = UNSET,
) -> AdministrativeUnit:
    """Correct a unit's name or type, or close/reopen its period. The caller has authorised.

    ``valid_to`` left out means unchanged; ``None`` reopens the period. Checked
    (ValidationFailed, nothing saved): name/type not blank; ``valid_to`` not before
    ``valid_from``; no other row with the same code overlaps the new period; every child
    stays within the new period and the new period stays within the parent's.
    """
    with transaction.atomic():
        unit = AdministrativeUnit.objects.select_for_update().get(pk=unit.pk)
        errors: dict[str, list[str]] = {}
        if name is not None:
            unit.name = _clean(name)
            if not unit.name:
                errors.setdefault("name", []).append(str(_("This field is required.")))
        if unit_type is not None:
            unit.unit_type = _clean(unit_type)
            if not unit.unit_type:
                errors.setdefault("unit_type", []).append(str(_("This field is required.")))
        if not isinstance(valid_to, _Unset):
            errors.update(_validity_errors(unit, valid_to))
            unit.valid_to = valid_to
        if errors:
            raise ValidationFailed(_("The administrative unit is not valid."), details=errors)
        _set_history_user(unit, actor)
        unit.save()
    return unit


def _validity_errors(unit: AdministrativeUnit, valid_to: dt.date | None) -> dict[str, list[str]]:
    if valid_to is not None and valid_to < unit.valid_from:
        return {"valid_to": [str(_("The end of validity cannot be before its start."))]}
    if _overlapping(
        code=unit.code, valid_from=unit.valid_from, valid_to=valid_to, exclude_pk=unit.pk
    ):
        return {"valid_to": [str(_("Another unit with this code is in force during this period."))]}
    if valid_to is not None:
        outside = AdministrativeUnit.objects.filter(parent=unit).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=valid_to)
        )
        if outside.exists():
            return {"valid_to": [str(_("Some subordinate units are in force after this date."))]}
    parent = unit.parent
    if parent is not None and not _covers(
        parent.valid_from, parent.valid_to, unit.valid_from, valid_to
    ):
        return {"valid_to": [str(_("The parent unit is not in force for the whole period."))]}
    return {}
