# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sign-in is rate-limited per client address across workers, with a clear Vietnamese message."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts import login_limits
from motcua.agencies.tests.factories import make_user


@pytest.fixture
def limited_signin(settings, monkeypatch):
    settings.ACCOUNT_ADAPTER = "motcua.accounts.login_limits.RateLimitedAccountAdapter"
    settings.AXES_ENABLED = False  # this test is about the per-address limit, not the lockout
    monkeypatch.setattr(login_limits, "SIGNIN_LIMIT", 3)


def test_many_sign_in_attempts_from_one_address_are_refused_with_a_clear_message(
    db, limited_signin
):
    for i in range(3):
        make_user(username=f"nguoi{i}")
    client = Client()
    url = reverse("account_login")
    for i in range(3):
        response = client.post(url, {"login": f"nguoi{i}", "password": "sai-mat-khau"})
        assert "Bạn đã đăng nhập thử quá nhiều lần" not in response.content.decode()
    blocked = client.post(url, {"login": "nguoi0", "password": "pw-Test-12345"})
    assert "Bạn đã đăng nhập thử quá nhiều lần" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_sign_in_form_enforces_csrf(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
