# SPDX-License-Identifier: AGPL-3.0-or-later
"""agency_create / agency_update: authorisation, field errors, nothing saved after an error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.agencies.models import Agency, AgencyKind, Role
from motcua.agencies.services import agency_create, agency_update
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.units.loader import LoadSummary

NEW = dt.date(2025, 7, 1)


@pytest.fixture
def root(loaded_units: LoadSummary) -> Agency:
    return make_agency(
        identifier="000.00.00.H98", kind=AgencyKind.PEOPLES_COMMITTEE, valid_from=NEW
    )


@pytest.fixture
def admin(root: Agency) -> Any:
    user = make_user()
    assign_role(user, Role.SYSTEM_ADMIN, root, include_descendants=True)
    return user


def _create(actor: Any, **overrides: Any) -> Agency:
    values: dict[str, Any] = {
        "parent_identifier": "000.00.00.H98",
        "identifier": "000.00.07.H98",
        "name_vi": "Sở Y tế",
        "name_en": "Department of Health",
        "kind": AgencyKind.DEPARTMENT,
        "unit_code": "80",
        "valid_from": NEW,
    }
    values.update(overrides)
    return agency_create(actor=actor, **values)


def test_system_admin_creates_a_department_under_the_root(root: Agency, admin: Any) -> None:
    dept = _create(admin, email=" so.yte@example.test ")
    assert dept.depth == 2
    assert dept.path.startswith(root.path)
    assert dept.unit is not None and dept.unit.name == "Tỉnh Tây Ninh"
    assert dept.email == "so.yte@example.test"
    assert dept.history.get().history_user == admin


def test_ministry_shaped_identifier_is_accepted(root: Agency, admin: Any) -> None:
    assert _create(admin, identifier="G09.20").identifier == "G09.20"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"identifier": "000.00.7.H98"}, "identifier"),
        ({"identifier": "000.00.07.h98"}, "identifier"),
        ({"identifier": "000.00.00.H98"}, "identifier"),  # duplicate of the root
        ({"parent_identifier": "000.00.99.H98"}, "parent_identifier"),
        ({"unit_code": "72"}, "unit_code"),  # not in force on 01/07/2025
        ({"unit_code": "12345"}, "unit_code"),
        ({"valid_to": dt.date(2025, 6, 1)}, "valid_to"),
        ({"valid_from": dt.date(2025, 1, 1)}, "valid_from"),  # before the parent starts
        ({"kind": "ministry"}, "kind"),
        ({"name_vi": "  "}, "name_vi"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_create_reports_the_bad_field_and_saves_nothing(
    root: Agency, admin: Any, overrides: dict[str, Any], field: str
) -> None:
    before = Agency.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        _create(admin, **overrides)
    assert field in exc.value.details
    assert Agency.objects.count() == before
    assert Agency.objects.get(pk=root.pk).numchild == 0


def test_create_outside_a_closed_parents_period_is_refused(loaded_units: LoadSummary) -> None:
    superuser = make_user(is_superuser=True)
    old = make_agency(
        identifier="000.00.00.H97", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 6, 30)
    )
    with pytest.raises(ValidationFailed) as exc:
        _create(
            superuser,
            parent_identifier=old.identifier,
            valid_from=dt.date(2024, 1, 1),
            unit_code=None,
        )
    assert "valid_to" in exc.value.details  # open-ended child of a closed parent
    with pytest.raises(ValidationFailed) as exc:
        _create(superuser, parent_identifier=old.identifier, unit_code=None)
    assert {"valid_from", "valid_to"} <= set(exc.value.details)
    child = _create(
        superuser,
        parent_identifier=old.identifier,
        unit_code=None,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    assert child.depth == 2


def test_user_without_system_admin_role_is_denied(root: Agency) -> None:
    handler = make_user()
    assign_role(handler, Role.HANDLER, root, include_descendants=True)
    with pytest.raises(PermissionDenied):
        _create(handler)
    assert Agency.objects.count() == 1


def test_system_admin_of_another_branch_is_denied(root: Agency) -> None:
    branch = make_agency(root, identifier="000.00.01.H98", valid_from=NEW)
    sibling = make_agency(root, identifier="000.00.02.H98", valid_from=NEW)
    admin = make_user()
    assign_role(admin, Role.SYSTEM_ADMIN, branch, include_descendants=True)
    with pytest.raises(PermissionDenied):
        _create(admin, parent_identifier=sibling.identifier)
    assert _create(admin, parent_identifier=branch.identifier).depth == 3


def test_expired_system_admin_is_denied(root: Agency) -> None:
    admin = make_user()
    assign_role(
        admin, Role.SYSTEM_ADMIN, root, include_descendants=True, valid_to=dt.date(2021, 1, 1)
    )
    with pytest.raises(PermissionDenied):
        _create(admin)


def test_root_agency_only_by_superuser(root: Agency, admin: Any) -> None:
    with pytest.raises(PermissionDenied):
        _create(admin, parent_identifier=None, identifier="000.00.00.H97")
    superuser = make_user(is_superuser=True)
    new_root = _create(superuser, parent_identifier=None, identifier="000.00.00.H97")
    assert new_root.depth == 1


def test_anonymous_actor_is_denied(root: Agency) -> None:
    with pytest.raises(PermissionDenied):
        _create(None)


def test_update_changes_fields_and_records_history(root: Agency, admin: Any) -> None:
    dept = _create(admin)
    updated = agency_update(
        actor=admin,
        agency=dept,
        name_vi="Sở Y tế tỉnh Tây Ninh",
        receives_dossiers=True,
        unit_code="25459",
    )
    assert updated.name_vi == "Sở Y tế tỉnh Tây Ninh"
    assert updated.receives_dossiers
    assert updated.unit is not None and updated.unit.code == "25459"
    assert updated.history.count() == 2
    assert agency_update(actor=admin, agency=updated, unit_code=None).unit is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"identifier": "bad"}, "identifier"),
        ({"identifier": "000.00.00.H98"}, "identifier"),
        ({"valid_from": dt.date(2025, 1, 1)}, "valid_from"),
        ({"valid_to": dt.date(2025, 1, 1)}, "valid_to"),
        ({"kind": "nope"}, "kind"),
        ({"unit_code": "703"}, "unit_code"),
        ({"parent": None}, "parent"),
        ({"path": "0002"}, "path"),
        ({"valid_from": None}, "valid_from"),
        ({"receives_dossiers": None}, "receives_dossiers"),
    ],
)
def test_update_reports_the_bad_field_and_saves_nothing(
    root: Agency, admin: Any, changes: dict[str, Any], field: str
) -> None:
    dept = _create(admin)
    with pytest.raises(ValidationFailed) as exc:
        agency_update(actor=admin, agency=dept, **changes)
    assert field in exc.value.details
    fresh = Agency.objects.get(pk=dept.pk)
    assert (fresh.identifier, fresh.valid_from, fresh.valid_to, fresh.kind, fresh.path) == (
        dept.identifier,
        dept.valid_from,
        dept.valid_to,
        dept.kind,
        dept.path,
    )


def test_update_cannot_shrink_a_period_below_a_sub_agency(root: Agency, admin: Any) -> None:
    dept = _create(admin)
    _create(
        admin,
        parent_identifier=dept.identifier,
        identifier="000.01.07.H98",
        kind=AgencyKind.DEPARTMENT_UNIT,
    )
    with pytest.raises(ValidationFailed) as exc:
        agency_update(actor=admin, agency=dept, valid_to=dt.date(2026, 1, 1))
    assert "valid_to" in exc.value.details
    with pytest.raises(ValidationFailed) as exc:
        agency_update(actor=admin, agency=dept, valid_from=dt.date(2025, 8, 1))
    assert "valid_from" in exc.value.details


def test_update_by_admin_outside_scope_is_denied(root: Agency, admin: Any) -> None:
    dept = _create(admin)
    other = make_user()
    assign_role(other, Role.SYSTEM_ADMIN, make_agency(identifier="000.00.00.H96"))
    with pytest.raises(PermissionDenied):
        agency_update(actor=other, agency=dept, name_vi="X")
    assert Agency.objects.get(pk=dept.pk).name_vi == "Sở Y tế"


def test_identifier_taken_concurrently_becomes_a_field_error(root: Agency) -> None:
    from motcua.agencies.services import _identifier_taken_is_a_field_error

    with pytest.raises(ValidationFailed) as exc, _identifier_taken_is_a_field_error():
        make_agency(identifier=root.identifier)
    assert "identifier" in exc.value.details
    assert Agency.objects.filter(identifier=root.identifier).count() == 1
