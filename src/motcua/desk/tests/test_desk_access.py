# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may open which desk page: anonymous → sign-in, citizen → 403, staff → own scope only."""

from __future__ import annotations

import pytest
from django.urls import reverse

ADMIN_PAGES = [
    "desk:unit_list",
    "desk:unit_create",
    "desk:agency_list",
    "desk:agency_create",
    "desk:staff_create",
    "desk:role_list",
    "desk:role_create",
]
ALL_PAGES = ["desk:home", "desk:staff_list", *ADMIN_PAGES]


@pytest.mark.parametrize("name", ALL_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, org, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ALL_PAGES)
def test_citizen_gets_the_403_page(client, org, name):
    client.force_login(org.citizen)
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "errors/403.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_staff_without_system_admin_role_is_refused_admin_pages(client, org, name):
    client.force_login(org.handler_a)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ALL_PAGES)
def test_system_admin_opens_every_desk_page(client, org, name):
    client.force_login(org.admin)
    assert client.get(reverse(name)).status_code == 200


def test_admin_edit_pages_render(client, org):
    client.force_login(org.admin)
    edit_agency = reverse("desk:agency_edit", args=[org.dept_a.identifier])
    assert client.get(edit_agency).status_code == 200
    edit_unit = reverse("desk:unit_edit", args=["80", "2025-07-01"])
    assert client.get(edit_unit).status_code == 200
    assert client.get(reverse("desk:unit_edit", args=["80", "not-a-date"])).status_code == 404


def test_home_lists_the_users_roles_and_agencies(client, org):
    client.force_login(org.handler_a)
    body = client.get(reverse("desk:home")).content.decode()
    assert "Sở Tư pháp" in body
    assert "Sở Xây dựng" not in body


def test_handler_sees_only_their_departments_staff(client, org):
    client.force_login(org.handler_a)
    response = client.get(reverse("desk:staff_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "handler_a" in body
    assert "staff_b" not in body
    assert "Trần Thị Bình" not in body


def test_system_admin_sees_staff_of_the_whole_subtree(client, org):
    client.force_login(org.admin)
    body = client.get(reverse("desk:staff_list")).content.decode()
    assert "handler_a" in body
    assert "staff_b" in body


def test_sidebar_hides_admin_links_from_non_admins(client, org):
    client.force_login(org.handler_a)
    body = client.get(reverse("desk:home")).content.decode()
    assert reverse("desk:role_list") not in body
    client.force_login(org.admin)
    body = client.get(reverse("desk:home")).content.decode()
    assert reverse("desk:role_list") in body


def test_admin_cannot_edit_an_agency_outside_their_scope(client, org):
    from motcua.agencies.models import Role
    from motcua.agencies.tests.factories import assign_role, make_user

    dept_admin = make_user(username="dept_admin")
    assign_role(dept_admin, Role.SYSTEM_ADMIN, org.dept_a)
    client.force_login(dept_admin)
    assert client.get(reverse("desk:agency_edit", args=[org.dept_b.identifier])).status_code == 404
    assert client.get(reverse("desk:agency_edit", args=[org.dept_a.identifier])).status_code == 200
