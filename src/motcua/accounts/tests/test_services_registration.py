# SPDX-License-Identifier: AGPL-3.0-or-later
"""Citizen and organisation registration: what is saved, and that nothing is saved on error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from motcua.accounts.models import CitizenProfile, OrganisationProfile
from motcua.accounts.services import citizen_register, organisation_register
from motcua.agencies.models import Role, RoleAssignment
from motcua.agencies.tests.factories import make_user
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.units.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db
User = get_user_model()

GOOD_PASSWORD = "Tay-Ninh-2026-ok"


def _unit(code: str, valid_from: dt.date, valid_to: dt.date | None = None) -> AdministrativeUnit:
    level, _ = UnitLevel.objects.get_or_create(
        code="commune", defaults={"name_vi": "Xã", "name_en": "Commune", "rank": 3}
    )
    return AdministrativeUnit.objects.create(
        code=code,
        name=f"Xã {code}",
        unit_type="Xã",
        level=level,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _citizen(**kw):
    values = {
        "username": "nguyenvana",
        "email": "a@example.test",
        "password": GOOD_PASSWORD,
        "personal_id": "072 203 012345",
        "full_name": "Nguyễn Văn A",
        "date_of_birth": dt.date(2003, 5, 17),
        "gender": "male",
        "phone": "+84 912 345 678",
    }
    values.update(kw)
    return citizen_register(**values)


def _counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        CitizenProfile.objects.count(),
        OrganisationProfile.objects.count(),
        RoleAssignment.objects.count(),
    )


def test_citizen_registers_with_normalised_identifiers_and_the_applicant_role():
    unit = _unit("25480", dt.date(2025, 7, 1))
    user = _citizen(address_unit=unit, address_detail="  Số 1 đường 30/4 ")
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    profile = user.citizen_profile
    assert profile.personal_id == "072203012345"
    assert profile.phone == user.phone == "0912345678"
    assert profile.address_unit == unit
    assert profile.address_detail == "Số 1 đường 30/4"
    ra = RoleAssignment.objects.get(user=user)
    assert (ra.role, ra.agency, ra.valid_from) == (Role.APPLICANT, None, clock.today())


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"personal_id": "07220301234"}, "personal_id"),
        ({"personal_id": "099203012345"}, "personal_id"),
        ({"date_of_birth": dt.date(2004, 1, 1)}, "personal_id"),
        ({"gender": "female"}, "personal_id"),
        ({"gender": "other"}, "gender"),
        ({"phone": "12345"}, "phone"),
        ({"password": "short"}, "password"),
        ({"password": "nguyenvana"}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"username": "bad name!"}, "username"),
        ({"full_name": "   "}, "full_name"),
        ({"date_of_birth": dt.date(2999, 1, 1), "personal_id": "072899000001"}, "date_of_birth"),
    ],
)
def test_bad_citizen_input_names_the_field_and_saves_nothing(kw, field):
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        _citizen(**kw)
    assert field in exc.value.details
    assert all(exc.value.details[field])
    assert _counts() == before


def test_all_field_errors_are_reported_together():
    with pytest.raises(ValidationFailed) as exc:
        _citizen(personal_id="123", phone="1", email="x", password="1")
    assert {"personal_id", "phone", "email", "password"} <= set(exc.value.details)


def test_username_email_and_personal_id_must_be_unused():
    _citizen()
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        _citizen(username="NguyenVanA", email="A@Example.test")
    assert set(exc.value.details) == {"username", "email", "personal_id"}
    assert _counts() == before


def test_address_unit_no_longer_in_force_is_rejected():
    old = _unit("25450", dt.date(2008, 1, 1), dt.date(2025, 6, 30))
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        _citizen(address_unit=old)
    assert "address_unit" in exc.value.details
    assert _counts() == before


def test_organisation_registers_with_its_tax_code_without_dash():
    user = organisation_register(
        username="congtyabc",
        email="abc@example.test",
        password=GOOD_PASSWORD,
        tax_code="0314409058-002",
        name="Công ty TNHH ABC",
        representative_name="Trần Thị B",
    )
    profile = OrganisationProfile.objects.get(user=user)
    assert profile.tax_code == "0314409058002"
    assert user.full_name == "Công ty TNHH ABC"
    assert RoleAssignment.objects.filter(user=user, role=Role.APPLICANT).exists()


@pytest.mark.parametrize("tax_code", ["0100233480", "0314409058-000", "12345"])
def test_invalid_tax_code_saves_nothing(tax_code):
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        organisation_register(
            username="congtyabc",
            email="abc@example.test",
            password=GOOD_PASSWORD,
            tax_code=tax_code,
            name="Công ty TNHH ABC",
        )
    assert list(exc.value.details) == ["tax_code"]
    assert _counts() == before


def test_tax_code_already_registered_is_rejected():
    make_user(username="first")
    organisation_register(
        username="org1",
        email="o1@example.test",
        password=GOOD_PASSWORD,
        tax_code="0100233488",
        name="Org 1",
    )
    with pytest.raises(ValidationFailed) as exc:
        organisation_register(
            username="org2",
            email="o2@example.test",
            password=GOOD_PASSWORD,
            tax_code="0100233488",
            name="Org 2",
        )
    assert list(exc.value.details) == ["tax_code"]
    assert not User.objects.filter(username="org2").exists()
