# SPDX-License-Identifier: AGPL-3.0-or-later
"""Citizens and businesses register on the portal through the account services.

The forms only parse; ``citizen_register`` / ``organisation_register`` validate. Every refusal
is a field error on a 200 page with nothing saved; a success signs the new applicant in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse

from motcua.accounts.models import CitizenProfile, OrganisationProfile
from motcua.agencies.models import Role, RoleAssignment
from motcua.core import clock
from motcua.portal import views
from motcua.portal.tests.test_csp_and_assets import assert_csp_safe
from motcua.units.models import AdministrativeUnit

User = get_user_model()
CITIZEN_URL = "/register/"
BUSINESS_URL = "/register/business/"
PASSWORD = "Mua-xuan-Tay-Ninh-42"


@pytest.fixture
def units(db: Any) -> None:
    """Tây Ninh's real units before and after 01/07/2025."""
    call_command("load_units", stdout=io.StringIO())


@pytest.fixture
def commune(units: None) -> AdministrativeUnit:
    return AdministrativeUnit.objects.valid_on(clock.today()).filter(level__code="commune")[0]


def citizen_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "username": "nguyenvanan",
        "email": "an.nguyen@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Nguyễn Văn An",
        "personal_id": "072 203 012345",
        "date_of_birth": "2003-05-17",
        "gender": "male",
        "phone": "0912 345 678",
        "address_unit": "",
        "address_detail": "12 đường 30/4",
    }
    data.update(overrides)
    return data


def business_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "username": "congty-hoa-binh",
        "email": "lienhe@hoabinh.example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "Công ty TNHH Hòa Bình",
        "tax_code": "0100233488",
        "representative_name": "Trần Thị Bình",
        "phone": "0987654321",
        "address_unit": "",
        "address_detail": "5 đường Cách Mạng Tháng Tám",
    }
    data.update(overrides)
    return data


def field_errors(response: Any, name: str) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


def assert_refused(response: Any, users_before: int) -> None:
    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.count() == users_before
    assert "_auth_user_id" not in response.wsgi_request.session


# --- Pages ------------------------------------------------------------------------------


def test_citizen_page_offers_todays_communes_with_autocomplete_and_labels(client, units):
    response = client.get(CITIZEN_URL)
    assert response.status_code == 200
    body = response.content.decode()
    select = re.search(r'<select name="address_unit".*?</select>', body, re.DOTALL)
    assert select is not None
    options = re.findall(r'<option value="(\d+)"', select.group(0))
    assert len(options) == 96  # the communes and wards of Tây Ninh from 01/07/2025
    today = clock.today()
    for unit in AdministrativeUnit.objects.filter(pk__in=options):
        assert unit.is_valid_on(today)
        assert unit.level.code == "commune"
    for token in ["username", "email", "new-password", "name", "bday", "tel", "street-address"]:
        assert f'autocomplete="{token}"' in body, token
    for name in citizen_data():
        assert f'<label for="id_{name}"' in body, name
    assert_csp_safe(body)


def test_business_page_renders_and_is_csp_safe(client, units):
    response = client.get(BUSINESS_URL)
    assert response.status_code == 200
    body = response.content.decode()
    for name in business_data():
        assert f'<label for="id_{name}"' in body, name
    assert 'autocomplete="organization"' in body
    assert_csp_safe(body)


def test_signup_page_offers_both_kinds_of_account(client, db):
    for url in [reverse("account_signup"), reverse("portal:signup_choice")]:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert f'href="{CITIZEN_URL}"' in body
        assert f'href="{BUSINESS_URL}"' in body
        assert 'name="password1"' not in body  # no bare allauth sign-up form
        assert_csp_safe(body)


def test_login_page_links_to_registration(client, db):
    body = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_signup")}"' in body


def test_pages_are_vietnamese_by_default_and_english_after_switching(client, units):
    body = client.get(CITIZEN_URL).content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng ký tài khoản công dân" in body
    assert "Số định danh cá nhân" in body
    signup = client.get(reverse("portal:signup_choice")).content.decode()
    assert "Đăng ký tài khoản doanh nghiệp" in signup

    response = client.post("/i18n/setlang/", {"language": "en", "next": CITIZEN_URL})
    assert response.status_code == 302
    body = client.get(CITIZEN_URL).content.decode()
    assert '<html lang="en">' in body
    assert "Create a citizen account" in body
    assert "Personal ID number" in body
    assert "Số định danh cá nhân" not in body
    business = client.get(BUSINESS_URL).content.decode()
    assert "Tax code" in business
    assert "Mã số thuế" not in business


def test_signed_in_user_is_sent_home(client, units):
    user = User.objects.create_user(username="already", password=PASSWORD)
    client.force_login(user)
    assert client.get(CITIZEN_URL).url == "/"
    assert client.get(BUSINESS_URL).url == "/"


# --- Citizens ---------------------------------------------------------------------------


def test_citizen_registration_creates_user_profile_and_role_and_signs_in(client, commune):
    response = client.post(CITIZEN_URL, citizen_data(address_unit=str(commune.pk)), follow=True)
    assert response.redirect_chain == [("/", 302)]
    user = User.objects.get(username="nguyenvanan")
    assert user.check_password(PASSWORD)
    profile = CitizenProfile.objects.get(user=user)
    assert profile.personal_id == "072203012345"
    assert profile.full_name == "Nguyễn Văn An"
    assert profile.date_of_birth == dt.date(2003, 5, 17)
    assert profile.gender == "male"
    assert profile.phone == "0912345678"
    assert profile.address_unit == commune
    assert profile.address_detail == "12 đường 30/4"
    assert (
        RoleAssignment.objects.filter(user=user, role=Role.APPLICANT)
        .valid_on(clock.today())
        .exists()
    )
    assert int(client.session["_auth_user_id"]) == user.pk
    assert response.context["user"] == user
    assert "Nguyễn Văn An" in response.content.decode()  # the success message


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"personal_id": "07220301234"}, "12 chữ số"),
        ({"personal_id": "0722030123456"}, "12 chữ số"),
        ({"personal_id": "072203012345", "date_of_birth": "1990-05-17"}, "2003"),
        ({"personal_id": "099203012345"}, "mã tỉnh"),
    ],
    ids=["11-digits", "13-digits", "birth-year-mismatch", "unknown-province"],
)
def test_invalid_personal_id_is_a_field_error_and_saves_nothing(client, units, overrides, fragment):
    before = User.objects.count()
    response = client.post(CITIZEN_URL, citizen_data(**overrides))
    assert_refused(response, before)
    errors = field_errors(response, "personal_id")
    assert errors and fragment in " ".join(errors), errors
    assert CitizenProfile.objects.count() == 0
    body = response.content.decode()
    assert 'id="id_personal_id_error"' in body
    assert 'aria-invalid="true"' in body


def test_duplicate_username_and_personal_id_are_field_errors(client, units):
    assert client.post(CITIZEN_URL, citizen_data()).status_code == 302
    other = Client()
    before = User.objects.count()
    response = other.post(
        CITIZEN_URL,
        citizen_data(username="NguyenVanAn", email="khac@example.vn"),
    )
    assert_refused(response, before)
    assert field_errors(response, "username")
    assert field_errors(response, "personal_id")
    assert not field_errors(response, "email")
    assert CitizenProfile.objects.count() == 1


def test_password_mismatch_is_refused_before_the_service(client, units):
    before = User.objects.count()
    response = client.post(CITIZEN_URL, citizen_data(password2=PASSWORD + "x"))
    assert_refused(response, before)
    assert field_errors(response, "password2")


def test_weak_password_error_from_the_service_lands_on_the_password_field(client, units):
    before = User.objects.count()
    response = client.post(CITIZEN_URL, citizen_data(password1="12345678", password2="12345678"))
    assert_refused(response, before)
    assert field_errors(response, "password1")
    assert not response.context["form"].non_field_errors()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date_of_birth": "17/13/2003"}, "date_of_birth"),
        ({"gender": "other"}, "gender"),
        ({"address_unit": "999999999"}, "address_unit"),
        ({"phone": "12345"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_malformed_fields_are_field_errors_never_500(client, units, overrides, field):
    before = User.objects.count()
    response = client.post(CITIZEN_URL, citizen_data(**overrides))
    assert_refused(response, before)
    assert field_errors(response, field)


def test_a_commune_no_longer_in_force_cannot_be_chosen(client, units):
    old = AdministrativeUnit.objects.filter(
        level__code="commune", valid_to__lt=clock.today()
    ).first()
    assert old is not None
    before = User.objects.count()
    response = client.post(CITIZEN_URL, citizen_data(address_unit=str(old.pk)))
    assert_refused(response, before)
    assert field_errors(response, "address_unit")


def test_service_errors_without_a_matching_field_go_on_top(client, units, monkeypatch):
    from motcua.core.errors import Conflict, ValidationFailed

    def refuse(**kwargs: Any) -> None:
        raise ValidationFailed("x", details={"somewhere_else": ["Refused for another reason."]})

    monkeypatch.setattr(views, "citizen_register", refuse)
    response = client.post(CITIZEN_URL, citizen_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Refused for another reason."]
    assert "Refused for another reason." in response.content.decode()

    def conflict(**kwargs: Any) -> None:
        raise Conflict("This account already exists.")

    monkeypatch.setattr(views, "citizen_register", conflict)
    response = client.post(CITIZEN_URL, citizen_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This account already exists."]


# --- Businesses -------------------------------------------------------------------------


def test_business_registration_with_a_valid_tax_code(client, commune):
    response = client.post(BUSINESS_URL, business_data(address_unit=str(commune.pk)))
    assert response.status_code == 302
    assert response.url == "/"
    user = User.objects.get(username="congty-hoa-binh")
    profile = OrganisationProfile.objects.get(user=user)
    assert profile.tax_code == "0100233488"
    assert profile.name == "Công ty TNHH Hòa Bình"
    assert profile.representative_name == "Trần Thị Bình"
    assert profile.address_unit == commune
    assert RoleAssignment.objects.filter(user=user, role=Role.APPLICANT).exists()
    assert int(client.session["_auth_user_id"]) == user.pk


def test_business_tax_code_with_a_wrong_check_digit_is_refused(client, units):
    before = User.objects.count()
    response = client.post(BUSINESS_URL, business_data(tax_code="0100233480"))
    assert_refused(response, before)
    assert field_errors(response, "tax_code")
    assert OrganisationProfile.objects.count() == 0


def test_business_duplicate_tax_code_and_password_mismatch(client, units):
    assert client.post(BUSINESS_URL, business_data()).status_code == 302
    before = User.objects.count()
    response = Client().post(
        BUSINESS_URL,
        business_data(username="khac", email="khac@example.vn", tax_code="0100233488"),
    )
    assert_refused(response, before)
    assert field_errors(response, "tax_code")
    response = Client().post(BUSINESS_URL, business_data(username="khac2", password2="other-pw"))
    assert_refused(response, before)
    assert field_errors(response, "password2")


# --- /accounts/signup/ ------------------------------------------------------------------


def test_allauth_signup_cannot_create_a_bare_user(client, db):
    assert resolve("/accounts/signup/").func is views.signup_choice
    before = User.objects.count()
    client.post(
        "/accounts/signup/",
        {
            "username": "bare",
            "email": "bare@example.vn",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert User.objects.count() == before
