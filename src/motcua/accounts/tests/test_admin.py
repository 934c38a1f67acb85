# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Django admin pages for accounts load for an operator and never offer to mint tokens."""

from __future__ import annotations

import pytest
from django.contrib import admin

from motcua.accounts.models import ApiToken, CitizenProfile, OrganisationProfile, StaffProfile, User
from motcua.accounts.services import citizen_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    operator = User.objects.create_superuser("operator", "op@example.test", "Operator-Pass-1!")
    client.force_login(operator)
    return client


@pytest.mark.parametrize(
    "model", [User, CitizenProfile, OrganisationProfile, StaffProfile, ApiToken]
)
def test_every_accounts_model_has_a_working_changelist(operator_client, model):
    assert admin.site.is_registered(model)
    url = f"/django-admin/accounts/{model._meta.model_name}/"
    assert operator_client.get(url).status_code == 200


def test_operator_finds_a_citizen_by_personal_id_and_opens_the_user(operator_client):
    user = citizen_register(
        username="dan",
        email="dan@example.test",
        password="tayninh-2026-pw",
        personal_id="072203012345",
        full_name="Nguyễn Dân",
    )
    response = operator_client.get("/django-admin/accounts/user/", {"q": "072203012345"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [user]
    assert operator_client.get(f"/django-admin/accounts/user/{user.pk}/change/").status_code == 200


def test_api_tokens_cannot_be_added_in_the_admin(operator_client):
    assert operator_client.get("/django-admin/accounts/apitoken/add/").status_code == 403
