# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of agencies, and the authorised entry points for administrative-unit writes.

Legal basis: Decree 118/2025/NĐ-CP Art 7–8 (provincial and commune Public Administration
Service Centres and one-stop units); electronic agency identifiers per QĐ 20/2020/QĐ-TTg
(docs/DOMAIN.md §1.8). Agencies are dated like units: an agency's period lies within its
parent's, and its administrative unit is the one in force when the agency starts.

Every service runs in one transaction, authorises first (PermissionDenied), then validates and
raises ValidationFailed with field details before writing anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies import policies
from motcua.agencies.models import Agency, AgencyKind, Role
from motcua.agencies.selectors import agency_in_scope, agency_subtree, user_has_role
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.units import services as unit_services
from motcua.units.models import AdministrativeUnit
from motcua.units.selectors import unit_get

UPDATABLE_FIELDS = frozenset(
    {
        "identifier",
        "identifier_is_demo",
        "name_vi",
        "name_en",
        "short_name",
        "kind",
        "unit_code",
        "valid_from",
        "valid_to",
        "receives_dossiers",
        "address",
        "phone",
        "email",
    }
)
_REQUIRED_ON_UPDATE = ("valid_from", "kind", "receives_dossiers", "identifier_is_demo")
_TEXT_FIELDS = ("identifier", "name_vi", "name_en", "short_name", "address", "phone", "email")


def _is_superuser(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_superuser", False))


def _is_system_admin(actor: Any) -> bool:
    return user_has_role(user=actor, roles=[Role.SYSTEM_ADMIN])


def _admin_covers(actor: Any, agency: Agency) -> bool:
    return agency_in_scope(user=actor, agency=agency, roles=[Role.SYSTEM_ADMIN])


def _deny() -> PermissionDenied:
    return PermissionDenied(_("You are not allowed to change this organisation data."))


def _add(errors: dict[str, list[str]], name: str, message: Any) -> None:
    errors.setdefault(name, []).append(str(message))


def _validate(
    values: dict[str, Any], *, parent: Agency | None, exclude_pk: int | None = None
) -> tuple[dict[str, list[str]], AdministrativeUnit | None]:
    """Field errors of an agency's values (after normalisation) and its resolved unit."""
    errors: dict[str, list[str]] = {}
    identifier = values["identifier"]
    if not policies.is_valid_agency_identifier(identifier):
        shapes = ", ".join(example for example, _p in policies.AGENCY_IDENTIFIER_PATTERNS)
        _add(
            errors,
            "identifier",
            _("An electronic agency identifier looks like %(shapes)s.") % {"shapes": shapes},
        )
    elif Agency.objects.filter(identifier=identifier).exclude(pk=exclude_pk).exists():
        _add(errors, "identifier", _("Another agency already has this identifier."))
    if not values["name_vi"]:
        _add(errors, "name_vi", _("This field is required."))
    if values["kind"] not in AgencyKind.values:
        _add(errors, "kind", _("Unknown kind of agency."))
    if values["email"]:
        try:
            validate_email(values["email"])
        except DjangoValidationError:
            _add(errors, "email", _("Enter a valid e-mail address."))

    valid_from: dt.date = values["valid_from"]
    valid_to: dt.date | None = values["valid_to"]
    if valid_to is not None and valid_to < valid_from:
        _add(errors, "valid_to", _("The end of validity cannot be before its start."))
    if parent is not None:
        if valid_from < parent.valid_from or (
            parent.valid_to is not None and valid_from > parent.valid_to
        ):
            _add(errors, "valid_from", _("The agency must start within its parent's period."))
        if parent.valid_to is not None and (valid_to is None or valid_to > parent.valid_to):
            _add(errors, "valid_to", _("The agency must end within its parent's period."))

    unit = None
    if values["unit_code"]:
        unit = unit_get(code=values["unit_code"], on=valid_from)
        if unit is None:
            _add(
                errors,
                "unit_code",
                _("No administrative unit has this code on the agency's start date."),
            )
    return errors, unit


@contextmanager
def _identifier_taken_is_a_field_error() -> Iterator[None]:
    """A concurrent request may take the identifier between our check and the write."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationFailed(
            _("The agency is not valid."),
            details={"identifier": [str(_("Another agency already has this identifier."))]},
        ) from None


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    for name in _TEXT_FIELDS:
        if name in values:
            values[name] = (values[name] or "").strip()
    if "unit_code" in values:
        values["unit_code"] = (values["unit_code"] or "").strip() or None
    return values


def agency_create_unchecked(
    *,
    actor: Any = None,
    parent_identifier: str | None = None,
    identifier: str,
    name_vi: str,
    name_en: str = "",
    short_name: str = "",
    kind: str,
    unit_code: str | None = None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    receives_dossiers: bool = False,
    identifier_is_demo: bool = False,
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Agency:
    """``agency_create`` without authorisation, for seeders and loaders (never interfaces)."""
    values = _normalise(
        {
            "identifier": identifier,
            "name_vi": name_vi,
            "name_en": name_en,
            "short_name": short_name,
            "kind": kind,
            "unit_code": unit_code,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "address": address,
            "phone": phone,
            "email": email,
        }
    )
    with transaction.atomic():
        parent = None
        if parent_identifier:
            # Locking the parent serialises treebeard's path allocation among its children.
            parent = (
                Agency.objects.select_for_update()
                .filter(identifier=parent_identifier.strip())
                .first()
            )
            if parent is None:
                raise ValidationFailed(
                    _("The agency is not valid."),
                    details={"parent_identifier": [str(_("No agency has this identifier."))]},
                )
        errors, unit = _validate(values, parent=parent)
        if errors:
            raise ValidationFailed(_("The agency is not valid."), details=errors)
        values.pop("unit_code")
        agency = Agency(
            **values,
            unit=unit,
            receives_dossiers=receives_dossiers,
            identifier_is_demo=identifier_is_demo,
        )
        if actor is not None and getattr(actor, "is_authenticated", False):
            agency._history_user = actor
        with _identifier_taken_is_a_field_error():
            created = (
                Agency.objects.add_child(parent, instance=agency)
                if parent
                else Agency.objects.add_root(instance=agency)
            )
        return Agency.objects.select_related("unit").get(pk=created.pk)


def agency_create(
    *,
    actor: Any,
    parent_identifier: str | None = None,
    identifier: str,
    name_vi: str,
    name_en: str = "",
    short_name: str = "",
    kind: str,
    unit_code: str | None = None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    receives_dossiers: bool = False,
    identifier_is_demo: bool = False,
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Agency:
    """Create an agency under ``parent_identifier`` (a root agency when it is None).

    Authorisation: a superuser, or a system administrator whose scope covers the parent;
    a root agency only by a superuser (PermissionDenied otherwise).
    Validation (ValidationFailed, nothing saved): identifier shape
    (``policies.AGENCY_IDENTIFIER_PATTERNS``) and uniqueness; known parent; known kind;
    ``unit_code`` names a unit in force on ``valid_from``; ``valid_to >= valid_from``; the
    period lies within the parent's.
    """
    with transaction.atomic():
        if not _is_superuser(actor):
            if not parent_identifier or not _is_system_admin(actor):
                raise _deny()
            parent = Agency.objects.filter(identifier=parent_identifier.strip()).first()
            # An unknown parent is a validation error for whoever may create agencies at all.
            if parent is not None and not policies.can_create_agency(
                is_superuser=False,
                is_root=False,
                parent_in_admin_scope=_admin_covers(actor, parent),
            ):
                raise _deny()
        return agency_create_unchecked(
            actor=actor,
            parent_identifier=parent_identifier,
            identifier=identifier,
            name_vi=name_vi,
            name_en=name_en,
            short_name=short_name,
            kind=kind,
            unit_code=unit_code,
            valid_from=valid_from,
            valid_to=valid_to,
            receives_dossiers=receives_dossiers,
            identifier_is_demo=identifier_is_demo,
            address=address,
            phone=phone,
            email=email,
        )


def agency_update(*, actor: Any, agency: Agency, **changes: Any) -> Agency:
    """Change an agency's fields (not its place in the tree).

    Authorisation: a superuser or a system administrator whose scope covers the agency.
    Validation as in ``agency_create``, plus: unknown or immovable fields are rejected; the
    sub-agencies' periods must stay within the new period; the unit must be in force on the
    (new) ``valid_from``. ``unit_code=None`` clears the unit.
    """
    with transaction.atomic():
        agency = (
            Agency.objects.select_for_update(of=("self",)).select_related("unit").get(pk=agency.pk)
        )
        if not policies.can_update_agency(
            is_superuser=_is_superuser(actor),
            agency_in_admin_scope=_admin_covers(actor, agency),
        ):
            raise _deny()
        unknown = sorted(set(changes) - UPDATABLE_FIELDS)
        if unknown:
            raise ValidationFailed(
                _("The agency is not valid."),
                details={name: [str(_("This field cannot be changed here."))] for name in unknown},
            )
        changes = _normalise(dict(changes))
        missing = sorted(n for n in _REQUIRED_ON_UPDATE if n in changes and changes[n] is None)
        if missing:
            raise ValidationFailed(
                _("The agency is not valid."),
                details={name: [str(_("This field is required."))] for name in missing},
            )
        values = {name: getattr(agency, name) for name in UPDATABLE_FIELDS - {"unit_code"}}
        values["unit_code"] = agency.unit.code if agency.unit else None
        values.update(changes)
        parent = Agency.objects.get_parent(agency) if agency.depth > 1 else None
        errors, unit = _validate(values, parent=parent, exclude_pk=agency.pk)
        _check_children(agency, values["valid_from"], values["valid_to"], errors)
        if errors:
            raise ValidationFailed(_("The agency is not valid."), details=errors)
        values.pop("unit_code")
        for name, value in values.items():
            setattr(agency, name, value)
        agency.unit = unit
        if getattr(actor, "is_authenticated", False):
            agency._history_user = actor
        with _identifier_taken_is_a_field_error():
            agency.save()
        return agency


def _check_children(
    agency: Agency, valid_from: dt.date, valid_to: dt.date | None, errors: dict[str, list[str]]
) -> None:
    children = agency_subtree(agency=agency).filter(depth=agency.depth + 1)
    if children.filter(valid_from__lt=valid_from).exists():
        _add(errors, "valid_from", _("A sub-agency starts before this date."))
    if valid_to is not None and (
        children.filter(valid_to__isnull=True).exists()
        or children.filter(valid_to__gt=valid_to).exists()
    ):
        _add(errors, "valid_to", _("A sub-agency is in force after this date."))


def _require_unit_admin(actor: Any) -> None:
    if not policies.can_edit_units(
        is_superuser=_is_superuser(actor), is_system_admin=_is_system_admin(actor)
    ):
        raise _deny()


def admin_unit_create(*, actor: Any, **fields: Any) -> AdministrativeUnit:
    """``units.services.unit_create`` for a superuser or a system administrator (today)."""
    with transaction.atomic():
        _require_unit_admin(actor)
        return unit_services.unit_create(actor=actor, **fields)


def admin_unit_update(
    *, actor: Any, unit: AdministrativeUnit, **changes: Any
) -> AdministrativeUnit:
    """``units.services.unit_update`` for a superuser or a system administrator (today)."""
    with transaction.atomic():
        _require_unit_admin(actor)
        return unit_services.unit_update(actor=actor, unit=unit, **changes)
