# SPDX-License-Identifier: AGPL-3.0-or-later
"""The applicant's profile page: contact data on today's administrative units, inert text."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from motcua.accounts.services import citizen_register

XSS = "<script>alert(1)</script>"


def _citizen(public_data):
    return citizen_register(
        username="cong.dan",
        email="cd@example.test",
        password="Mot-Cua-2026!x",
        personal_id="072203012345",
        full_name="Lê Văn Dân",
        date_of_birth=dt.date(2003, 5, 17),
        gender="male",
    )


def test_profile_saves_contact_data_on_a_current_commune_and_keeps_input_on_error(public_data):
    user = _citizen(public_data)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    url = reverse("portal:profile")
    page = client.get(url).content.decode()
    assert "Lê Văn Dân" in page and "072203012345" in page
    assert public_data.new_commune.name in page and public_data.old_commune.name not in page
    bad = client.post(url, {"phone": "12", "address_detail": XSS})
    assert bad.status_code == 422
    body = bad.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and XSS not in body
    ok = client.post(
        url,
        {
            "phone": "0912345678",
            "email": "moi@example.test",
            "address_unit": public_data.new_commune.pk,
            "address_detail": XSS,
        },
    )
    assert ok.status_code == 302
    user.citizen_profile.refresh_from_db()
    assert user.citizen_profile.phone == "0912345678"
    assert user.citizen_profile.address_unit == public_data.new_commune
    assert XSS not in client.get(url).content.decode()
