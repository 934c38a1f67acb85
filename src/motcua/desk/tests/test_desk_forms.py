# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk forms: bad input comes back as field errors and saves nothing; success redirects."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from motcua.accounts.models import StaffProfile
from motcua.agencies.models import Agency, Role, RoleAssignment
from motcua.units.models import AdministrativeUnit


def agency_post(org, **overrides):
    data = {
        "parent_identifier": org.ppc.identifier,
        "identifier": "000.00.03.H60",
        "name_vi": "Sở Nội vụ",
        "kind": "department",
        "unit_code": "80",
        "valid_from": "2025-07-01",
        "valid_to": "",
    }
    data.update(overrides)
    return data


def test_admin_creates_an_agency_and_is_redirected(client, org):
    client.force_login(org.admin)
    response = client.post(reverse("desk:agency_create"), agency_post(org))
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:agency_list")
    created = Agency.objects.get(identifier="000.00.03.H60")
    assert created.unit == org.province
    followed = client.get(response["Location"])
    assert "Sở Nội vụ" in followed.content.decode()


def test_agency_with_unknown_unit_code_shows_field_error_and_saves_nothing(client, org):
    client.force_login(org.admin)
    before = Agency.objects.count()
    response = client.post(reverse("desk:agency_create"), agency_post(org, unit_code="99"))
    assert response.status_code == 200
    assert response.context["form"].errors["unit_code"]
    assert Agency.objects.count() == before


def test_agency_with_bad_identifier_shows_field_error_and_saves_nothing(client, org):
    client.force_login(org.admin)
    before = Agency.objects.count()
    response = client.post(reverse("desk:agency_create"), agency_post(org, identifier="H60-bad"))
    assert response.status_code == 200
    assert response.context["form"].errors["identifier"]
    assert Agency.objects.count() == before


def test_agency_ending_before_it_starts_shows_field_error_and_saves_nothing(client, org):
    client.force_login(org.admin)
    before = Agency.objects.count()
    response = client.post(reverse("desk:agency_create"), agency_post(org, valid_to="2025-01-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"]
    assert Agency.objects.count() == before


def test_agency_with_unparseable_date_shows_field_error(client, org):
    client.force_login(org.admin)
    response = client.post(reverse("desk:agency_create"), agency_post(org, valid_from="hôm qua"))
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"]


def test_admin_edits_an_agency(client, org):
    client.force_login(org.admin)
    url = reverse("desk:agency_edit", args=[org.dept_a.identifier])
    response = client.post(
        url,
        {
            "name_vi": "Sở Tư pháp tỉnh Tây Ninh",
            "kind": "department",
            "unit_code": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    org.dept_a.refresh_from_db()
    assert org.dept_a.name_vi == "Sở Tư pháp tỉnh Tây Ninh"


def test_admin_creates_and_edits_a_unit(client, org):
    client.force_login(org.admin)
    response = client.post(
        reverse("desk:unit_create"),
        {
            "code": "25999",
            "name": "Xã Thử Nghiệm",
            "unit_type": "Xã",
            "level_code": "commune",
            "parent_code": "80",
            "valid_from": "2025-07-01",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    unit = AdministrativeUnit.objects.get(code="25999")
    url = reverse("desk:unit_edit", args=["25999", "2025-07-01"])
    response = client.post(
        url, {"name": "Xã Thử Nghiệm Mới", "unit_type": "Xã", "valid_to": "2024-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"]
    unit.refresh_from_db()
    assert unit.name == "Xã Thử Nghiệm"


def test_unit_with_unknown_parent_shows_field_error(client, org):
    client.force_login(org.admin)
    response = client.post(
        reverse("desk:unit_create"),
        {
            "code": "25998",
            "name": "Xã Lạc",
            "unit_type": "Xã",
            "level_code": "commune",
            "parent_code": "12345",
            "valid_from": "2025-07-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent_code"]
    assert not AdministrativeUnit.objects.filter(code="25998").exists()


def test_unit_list_filters_and_rejects_bad_date(client, org):
    client.force_login(org.admin)
    response = client.get(reverse("desk:unit_list"), {"valid_on": "2026-13-45"})
    assert response.status_code == 200
    assert response.context["form"].errors["valid_on"]
    response = client.get(reverse("desk:unit_list"), {"level": "province", "q": "tay ninh"})
    assert "Tỉnh Tây Ninh" in response.content.decode()


def test_admin_creates_staff_with_weak_password_gets_field_error(client, org):
    client.force_login(org.admin)
    data = {
        "username": "new_official",
        "full_name": "Phạm Văn Dũng",
        "email": "dung@example.test",
        "agency": org.dept_a.identifier,
        "password": "123",
        "password_confirm": "123",
    }
    response = client.post(reverse("desk:staff_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not StaffProfile.objects.filter(user__username="new_official").exists()

    data.update(password="Ch4ng-Tr!nh-M0t-Cua-2025", password_confirm="Ch4ng-Tr!nh-M0t-Cua-2025")
    response = client.post(reverse("desk:staff_create"), data)
    assert response.status_code == 302
    assert StaffProfile.objects.get(user__username="new_official").agency == org.dept_a


def test_overlapping_role_assignment_shows_field_error_and_saves_nothing(client, org):
    client.force_login(org.admin)
    before = RoleAssignment.objects.count()
    response = client.post(
        reverse("desk:role_create"),
        {
            "user": str(org.handler_a.pk),
            "role": Role.HANDLER,
            "agency": org.dept_a.identifier,
            "valid_from": "2024-01-01",
            "valid_to": "",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"]
    assert RoleAssignment.objects.count() == before


def test_admin_assigns_and_ends_a_role(client, org):
    client.force_login(org.admin)
    response = client.post(
        reverse("desk:role_create"),
        {
            "user": str(org.handler_a.pk),
            "role": Role.RECEPTION_OFFICER,
            "agency": org.dept_a.identifier,
            "valid_from": "2024-01-01",
        },
    )
    assert response.status_code == 302
    ra = RoleAssignment.objects.get(user=org.handler_a, role=Role.RECEPTION_OFFICER)
    end_url = reverse("desk:role_end", args=[ra.pk])
    response = client.post(end_url, {"valid_to": "2023-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"]
    response = client.post(end_url, {"valid_to": "2024-06-30"})
    assert response.status_code == 302
    ra.refresh_from_db()
    assert ra.valid_to == dt.date(2024, 6, 30)


def test_role_list_shows_assignments_in_scope(client, org):
    client.force_login(org.admin)
    body = client.get(reverse("desk:role_list")).content.decode()
    assert "handler_a" in body
    assert "staff_b" in body
