# SPDX-License-Identifier: AGPL-3.0-or-later
"""The header offers the officials' desk only to those who may open it."""

import pytest

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user

pytestmark = pytest.mark.django_db


def test_citizens_do_not_see_the_desk_link_and_officials_do(client):
    citizen = make_user(username="citizen")
    official = make_user(username="official")
    assign_role(official, Role.HANDLER, make_agency())

    client.force_login(citizen)
    assert 'href="/desk/"' not in client.get("/").content.decode()

    client.force_login(official)
    assert 'href="/desk/"' in client.get("/").content.decode()


def test_anonymous_visitors_see_the_procedures_link_and_no_desk_link(client):
    body = client.get("/").content.decode()
    assert 'href="/procedures/"' in body
    assert 'href="/desk/"' not in body
