# SPDX-License-Identifier: AGPL-3.0-or-later
"""Validation of unit writes (authorisation is tested in agencies: admin_unit_*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.core.errors import ValidationFailed
from motcua.units.loader import LoadSummary
from motcua.units.models import AdministrativeUnit
from motcua.units.selectors import unit_get
from motcua.units.services import unit_create, unit_update

OLD = dt.date(2025, 6, 30)
NEW = dt.date(2025, 7, 1)


def _create(**overrides: Any) -> AdministrativeUnit:
    values: dict[str, Any] = {
        "actor": None,
        "code": "99001",
        "name": "Xã  Thử nghiệm",
        "unit_type": "Xã",
        "level_code": "commune",
        "parent_code": "80",
        "valid_from": dt.date(2026, 1, 1),
    }
    values.update(overrides)
    return unit_create(**values)


def _details(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, list[str]]:
    return exc.value.details


def test_create_adds_a_commune_under_the_new_province(loaded_units: LoadSummary) -> None:
    unit = _create()
    assert unit.name == "Xã Thử nghiệm"
    assert unit.name_folded.startswith("xa")
    assert unit.parent == unit_get(code="80", on=NEW)
    assert unit.source == "manual"
    assert unit_get(code="99001", on=dt.date(2026, 1, 1)) == unit


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "12a"}, "code"),
        ({"name": "  "}, "name"),
        ({"unit_type": ""}, "unit_type"),
        ({"level_code": "hamlet"}, "level_code"),
        ({"parent_code": "72"}, "parent_code"),  # 72 is not in force in 2026
        ({"parent_code": "99999"}, "parent_code"),
        ({"valid_to": dt.date(2025, 12, 31)}, "valid_to"),
        ({"code": "25459"}, "valid_from"),  # overlaps Phường Tân Ninh
        ({"level_code": "province"}, "level_code"),  # not below its parent's level
    ],
)
def test_create_reports_each_bad_field_and_saves_nothing(
    loaded_units: LoadSummary, overrides: dict[str, Any], field: str
) -> None:
    before = AdministrativeUnit.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        _create(**overrides)
    assert field in _details(exc)
    assert AdministrativeUnit.objects.count() == before


def test_create_refuses_a_parent_not_in_force_for_the_whole_period(
    loaded_units: LoadSummary,
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(parent_code="703", valid_from=dt.date(2025, 1, 1))  # district ends 30/06/2025
    assert "parent_code" in _details(exc)
    unit = _create(parent_code="703", valid_from=dt.date(2025, 1, 1), valid_to=OLD)
    assert unit.parent is not None and unit.parent.code == "703"


def test_update_renames_and_closes_a_unit(loaded_units: LoadSummary) -> None:
    unit = _create()
    updated = unit_update(actor=None, unit=unit, name="Xã Mới", valid_to=dt.date(2027, 1, 1))
    assert (updated.name, updated.name_folded, updated.valid_to) == (
        "Xã Mới",
        "xa moi",
        dt.date(2027, 1, 1),
    )
    assert unit_update(actor=None, unit=updated, unit_type="Phường").valid_to == dt.date(2027, 1, 1)
    assert unit_update(actor=None, unit=updated, valid_to=None).valid_to is None


def test_update_refuses_end_before_start(loaded_units: LoadSummary) -> None:
    unit = _create()
    with pytest.raises(ValidationFailed) as exc:
        unit_update(actor=None, unit=unit, valid_to=dt.date(2025, 12, 31))
    assert "valid_to" in _details(exc)


def test_update_refuses_reopening_onto_a_later_row_with_the_same_code(
    loaded_units: LoadSummary,
) -> None:
    old = unit_get(code="25459", on=OLD)
    assert old is not None
    with pytest.raises(ValidationFailed) as exc:
        unit_update(actor=None, unit=old, valid_to=None)
    assert "valid_to" in _details(exc)
    old.refresh_from_db()
    assert old.valid_to == OLD


def test_update_refuses_closing_a_unit_before_its_children_end(loaded_units: LoadSummary) -> None:
    province = unit_get(code="80", on=NEW)
    assert province is not None
    with pytest.raises(ValidationFailed) as exc:
        unit_update(actor=None, unit=province, valid_to=dt.date(2026, 1, 1))
    assert "valid_to" in _details(exc)


def test_update_refuses_extending_past_the_parent(loaded_units: LoadSummary) -> None:
    old_ward = unit_get(code="25456", on=OLD)
    assert old_ward is not None
    with pytest.raises(ValidationFailed) as exc:
        unit_update(actor=None, unit=old_ward, valid_to=dt.date(2025, 12, 31))
    assert "valid_to" in _details(exc)


def test_update_refuses_blank_name(loaded_units: LoadSummary) -> None:
    unit = _create()
    with pytest.raises(ValidationFailed) as exc:
        unit_update(actor=None, unit=unit, name=" ", unit_type=" ")
    assert set(_details(exc)) == {"name", "unit_type"}
    unit.refresh_from_db()
    assert unit.name != ""
