# SPDX-License-Identifier: AGPL-3.0-or-later
"""Bad input gets the shared error shape with field details, never a 500, and saves nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client, override_settings

from motcua.accounts.models import ApiToken
from motcua.agencies.models import Agency, AgencyKind, Role, RoleAssignment
from motcua.agencies.tests.factories import assign_role, make_agency
from motcua.api.tests.conftest import assert_error, client_for


def agency_body(org, **overrides):
    body = {
        "parent_identifier": org.root.identifier,
        "identifier": "000.00.31.H51",
        "name_vi": "Sở Nội vụ",
        "kind": AgencyKind.DEPARTMENT,
        "valid_from": "2024-01-01",
    }
    body.update(overrides)
    return body


@pytest.fixture
def admin(org):
    return client_for(org.admin)


def test_malformed_json_is_400_and_saves_nothing(org, admin):
    before = Agency.objects.count()
    response = admin.post("/agencies", raw=b'{"identifier": "000.00.31.H51", ')
    body = assert_error(response, 400, "malformed_json")
    assert body["details"] == {}
    assert Agency.objects.count() == before


def test_malformed_json_on_the_public_token_endpoint(anon, db):
    assert_error(anon.post("/auth/tokens", raw=b"username=lan&password=x"), 400, "malformed_json")
    assert_error(anon.post("/auth/tokens", raw=b"\xff\xfe{}"), 400, "malformed_json")
    assert ApiToken.objects.count() == 0


def test_wrong_types_are_422_per_field(org, admin):
    before = Agency.objects.count()
    response = admin.post(
        "/agencies", agency_body(org, name_vi=42, receives_dossiers="maybe", kind="castle")
    )
    body = assert_error(response, 422, "validation_error")
    assert body["details"]["name_vi"] == ["Enter a text value."]
    assert body["details"]["receives_dossiers"] == ["Enter true or false."]
    assert body["details"]["kind"][0].startswith("Select a valid choice")
    assert Agency.objects.count() == before


def test_a_body_that_is_not_an_object_is_422(org, admin):
    body = assert_error(admin.post("/agencies", raw=b"[1, 2, 3]"), 422, "validation_error")
    assert body["details"] == {"__all__": ["Expected a JSON object."]}


def test_missing_fields_are_named(org, admin):
    body = assert_error(admin.post("/agencies", {"name_vi": "Sở"}), 422)
    for field in ("identifier", "kind", "valid_from"):
        assert body["details"][field] == ["This field is required."], field


def test_unknown_fields_are_rejected(org, admin):
    before = Agency.objects.count()
    body = assert_error(admin.post("/agencies", agency_body(org, colour="red")), 422)
    assert body["details"] == {"colour": ["Unknown field."]}
    assert Agency.objects.count() == before


def test_unknown_fields_are_rejected_on_patch_too(org, admin):
    response = admin.patch(f"/agencies/{org.dept_a.identifier}", {"path": "0001"})
    assert assert_error(response, 422)["details"] == {"path": ["Unknown field."]}


def test_too_long_text_is_422(org, admin):
    body = assert_error(admin.post("/agencies", agency_body(org, short_name="x" * 101)), 422)
    assert body["details"]["short_name"] == ["Ensure this value has at most 100 characters."]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=200)
def test_oversized_body_is_400_and_saves_nothing(org, admin):
    before = Agency.objects.count()
    response = admin.post("/agencies", agency_body(org, address="Đường " * 100))
    assert_error(response, 400, "body_too_large")
    assert Agency.objects.count() == before


def test_invalid_dates_in_query_and_body(org, admin, anon):
    body = assert_error(anon.get("/units", valid_on="2025-13-45"), 422, "validation_error")
    assert body["details"] == {"valid_on": ["Enter a valid date (YYYY-MM-DD)."]}
    assert_error(anon.get("/agencies", valid_on="30/06/2025"), 422)
    before = Agency.objects.count()
    body = assert_error(admin.post("/agencies", agency_body(org, valid_from="30/06/2025")), 422)
    assert body["details"] == {"valid_from": ["Enter a valid date (YYYY-MM-DD)."]}
    assert Agency.objects.count() == before


def test_out_of_range_pagination_is_422(anon, db):
    body = assert_error(anon.get("/units", limit=501), 422)
    assert body["details"] == {"limit": ["Ensure this value is less than or equal to 500."]}


def test_unknown_unit_codes(org, admin, anon):
    body = assert_error(anon.get("/units", parent="99999"), 422, "validation_error")
    assert list(body["details"]) == ["parent"]
    assert_error(anon.get("/units/99999"), 404, "not_found")
    before = Agency.objects.count()
    body = assert_error(admin.post("/agencies", agency_body(org, unit_code="99999")), 422)
    assert list(body["details"]) == ["unit_code"]
    assert Agency.objects.count() == before


def test_unknown_agency_identifiers(org, admin, anon):
    body = assert_error(anon.get("/agencies", under="999.99.99.Z99"), 422)
    assert list(body["details"]) == ["under"]
    assert_error(anon.get("/agencies/999.99.99.Z99"), 404, "not_found")
    assert_error(admin.patch("/agencies/999.99.99.Z99", {"name_vi": "X"}), 404, "not_found")
    before = Agency.objects.count()
    response = admin.post("/agencies", agency_body(org, parent_identifier="999.99.99.Z99"))
    assert list(assert_error(response, 422)["details"]) == ["parent_identifier"]
    assert Agency.objects.count() == before
    roles_before = RoleAssignment.objects.count()
    response = admin.post(
        "/role-assignments",
        {"username": "handler_a", "role": Role.HANDLER, "agency": "999.99.99.Z99"},
    )
    assert list(assert_error(response, 422)["details"]) == ["agency"]
    assert RoleAssignment.objects.count() == roles_before


def test_overlapping_role_assignment_is_rejected(org, admin):
    before = RoleAssignment.objects.count()
    response = admin.post(
        "/role-assignments",
        {
            "username": "handler_a",
            "role": Role.HANDLER,
            "agency": org.dept_a.identifier,
            "valid_from": "2024-03-01",
        },
    )
    body = assert_error(response, 422, "validation_error")
    assert "valid_from" in body["details"]
    assert RoleAssignment.objects.count() == before


def test_agency_outside_its_parents_period_is_rejected(org, admin):
    closed = make_agency(org.root, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2024, 12, 31))
    before = Agency.objects.count()
    response = admin.post(
        "/agencies",
        agency_body(org, parent_identifier=closed.identifier, valid_from="2025-01-01"),
    )
    body = assert_error(response, 422, "validation_error")
    assert set(body["details"]) >= {"valid_from"}
    assert Agency.objects.count() == before


def test_null_for_a_required_field_on_patch_is_422(org, admin):
    response = admin.patch(f"/agencies/{org.dept_a.identifier}", {"name_vi": None})
    assert assert_error(response, 422)["details"] == {"name_vi": ["This field cannot be empty."]}
    assert Agency.objects.get(pk=org.dept_a.pk).name_vi == org.dept_a.name_vi


def test_an_unexpected_error_is_a_bare_500_without_trace(anon, db, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr("motcua.api.routers.units.unit_list", explode)
    response = anon.get("/units")
    body = assert_error(response, 500, "server_error")
    assert "secret" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert body["details"] == {}


def test_messages_follow_accept_language(org):
    """Vietnamese by default; "This field is required." already has a catalogue entry (Django's)."""
    english = client_for(org.admin, language="en")
    body = assert_error(english.post("/agencies", {"name_vi": "Sở"}), 422)
    assert body["message"] == "The input is not valid."
    assert body["details"]["identifier"] == ["This field is required."]
    vietnamese = client_for(org.admin, language="vi")
    response = vietnamese.post("/agencies", {"name_vi": "Sở"})
    assert response["Content-Language"] == "vi"
    assert assert_error(response, 422)["details"]["identifier"] == ["Trường này là bắt buộc."]
    default = client_for(org.admin, language="")
    default.headers.pop("Accept-Language")
    assert default.post("/agencies", {"name_vi": "Sở"})["Content-Language"] == "vi"


def test_agency_create_permission_is_403_for_a_handler(org):
    before = Agency.objects.count()
    assert_error(client_for(org.handler_a).post("/agencies", agency_body(org)), 403)
    assert Agency.objects.count() == before


def test_role_assignment_by_a_non_admin_is_403(org):
    assign_role(org.handler_a, Role.APPROVER, org.dept_a)
    response = client_for(org.handler_a).post(
        "/role-assignments",
        {"username": "handler_b", "role": Role.HANDLER, "agency": org.dept_a.identifier},
    )
    assert_error(response, 403, "forbidden")


def test_unknown_api_urls_answer_in_the_error_shape(anon, db):
    assert_error(anon.get("/no-such-thing"), 404, "not_found")
    assert_error(anon.post("/units/80/no-such-thing", {}), 404, "not_found")


def test_session_writes_need_the_csrf_token(org):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(org.admin)
    before = Agency.objects.count()
    response = browser.post(
        "/api/v1/agencies", data=json.dumps(agency_body(org)), content_type="application/json"
    )
    assert_error(response, 403, "csrf_failed")
    assert Agency.objects.count() == before
