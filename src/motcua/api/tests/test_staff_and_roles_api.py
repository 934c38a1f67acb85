# SPDX-License-Identifier: AGPL-3.0-or-later
"""Staff and role assignments over HTTP, scoped to the caller's agencies."""

from __future__ import annotations

from motcua.agencies.models import Role, RoleAssignment
from motcua.agencies.tests.factories import make_user
from motcua.api.tests.conftest import assert_error, client_for


def usernames(response):
    assert response.status_code == 200, response.content
    return {s["username"] for s in response.json()["items"]}


def test_handler_of_department_a_sees_only_department_a(org):
    assert usernames(client_for(org.handler_a).get("/staff")) == {"handler_a"}
    assert usernames(client_for(org.handler_b).get("/staff")) == {"handler_b"}


def test_admin_over_the_province_sees_all_staff(org):
    assert usernames(client_for(org.admin).get("/staff")) == {"admin1", "handler_a", "handler_b"}


def test_a_citizen_sees_no_staff(org):
    citizen = make_user(username="citizen")
    assert usernames(client_for(citizen).get("/staff")) == set()


def test_staff_needs_authentication(anon, db):
    assert_error(anon.get("/staff"), 401, "not_authenticated")


def test_me_lists_roles_with_agency_identifiers(org):
    body = client_for(org.handler_a, language="vi").get("/me").json()
    assert body["username"] == "handler_a"
    assert body["full_name"] == "Nguyễn Văn Đức"
    assert body["profile_kind"] == "staff"
    assert [(r["role"], r["agency"]) for r in body["roles"]] == [
        (Role.HANDLER, org.dept_a.identifier)
    ]


def test_role_assignments_are_listed_only_to_admins_in_scope(org):
    admin_view = client_for(org.admin).get("/role-assignments").json()
    assert admin_view["count"] == 3
    assert client_for(org.handler_a).get("/role-assignments").json()["count"] == 0


def test_admin_grants_and_ends_a_role(org):
    admin = client_for(org.admin)
    response = admin.post(
        "/role-assignments",
        {
            "username": "handler_b",
            "role": Role.RECEPTION_OFFICER,
            "agency": org.dept_b.identifier,
            "valid_from": "2025-07-01",
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["granted_by"] == "admin1"
    assert created["agency"] == org.dept_b.identifier

    response = admin.post(f"/role-assignments/{created['id']}/end", {"valid_to": "2025-12-31"})
    assert response.status_code == 200, response.content
    assert response.json()["valid_to"] == "2025-12-31"
    assert str(RoleAssignment.objects.get(pk=created["id"]).valid_to) == "2025-12-31"


def test_ending_before_the_start_is_a_field_error(org):
    assignment = RoleAssignment.objects.get(user=org.handler_a)
    response = client_for(org.admin).post(
        f"/role-assignments/{assignment.pk}/end", {"valid_to": "2019-12-31"}
    )
    assert "valid_to" in assert_error(response, 422)["details"]
    assert RoleAssignment.objects.get(pk=assignment.pk).valid_to is None


def test_ending_an_assignment_out_of_scope_is_404(org):
    assignment = RoleAssignment.objects.get(user=org.handler_b)
    response = client_for(org.handler_a).post(
        f"/role-assignments/{assignment.pk}/end", {"valid_to": "2025-12-31"}
    )
    assert_error(response, 404, "not_found")
    assert RoleAssignment.objects.get(pk=assignment.pk).valid_to is None


def test_unknown_username_is_a_field_error(org):
    response = client_for(org.admin).post(
        "/role-assignments",
        {"username": "ghost", "role": Role.HANDLER, "agency": org.dept_a.identifier},
    )
    assert assert_error(response, 422)["details"] == {"username": ["No user with this username."]}
