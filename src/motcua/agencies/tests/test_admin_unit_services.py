# SPDX-License-Identifier: AGPL-3.0-or-later
"""Unit writes are for superusers and system administrators holding the role today."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.agencies.models import Role
from motcua.agencies.services import admin_unit_create, admin_unit_update
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.units.loader import LoadSummary
from motcua.units.models import AdministrativeUnit
from motcua.units.selectors import unit_get

NEW = dt.date(2025, 7, 1)

FIELDS: dict[str, Any] = {
    "code": "99002",
    "name": "Xã Thử",
    "unit_type": "Xã",
    "level_code": "commune",
    "parent_code": "80",
    "valid_from": dt.date(2026, 1, 1),
}


def test_system_admin_of_any_agency_may_create_a_unit(loaded_units: LoadSummary) -> None:
    admin = make_user()
    assign_role(admin, Role.SYSTEM_ADMIN, make_agency())
    unit = admin_unit_create(actor=admin, **FIELDS)
    assert unit.history.get().history_user == admin


def test_superuser_may_update_a_unit(loaded_units: LoadSummary) -> None:
    unit = unit_get(code="25459", on=NEW)
    assert unit is not None
    updated = admin_unit_update(
        actor=make_user(is_superuser=True), unit=unit, name="Phường Tân Ninh (sửa)"
    )
    assert updated.name == "Phường Tân Ninh (sửa)"


@pytest.mark.parametrize("role", [Role.HANDLER, Role.CATALOGUE_ADMIN, Role.SUPERVISOR])
def test_other_roles_are_denied_and_nothing_is_saved(loaded_units: LoadSummary, role: str) -> None:
    user = make_user()
    assign_role(user, role, make_agency(), include_descendants=True)
    before = AdministrativeUnit.objects.count()
    with pytest.raises(PermissionDenied):
        admin_unit_create(actor=user, **FIELDS)
    unit = unit_get(code="25459", on=NEW)
    assert unit is not None
    with pytest.raises(PermissionDenied):
        admin_unit_update(actor=user, unit=unit, name="X")
    assert AdministrativeUnit.objects.count() == before
    assert unit_get(code="25459", on=NEW).name == "Phường Tân Ninh"  # type: ignore[union-attr]


def test_expired_system_admin_is_denied(loaded_units: LoadSummary) -> None:
    user = make_user()
    assign_role(user, Role.SYSTEM_ADMIN, make_agency(), valid_to=dt.date(2021, 1, 1))
    with pytest.raises(PermissionDenied):
        admin_unit_create(actor=user, **FIELDS)


def test_validation_errors_pass_through_for_authorised_actors(loaded_units: LoadSummary) -> None:
    with pytest.raises(ValidationFailed) as exc:
        admin_unit_create(actor=make_user(is_superuser=True), **{**FIELDS, "level_code": "x"})
    assert "level_code" in exc.value.details
