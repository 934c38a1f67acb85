# SPDX-License-Identifier: AGPL-3.0-or-later
"""Local sign-in through the real login view: lockout after 5 failures, no account enumeration."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.services import staff_create
from motcua.agencies.tests.factories import make_agency, make_user
from motcua.core import clock

pytestmark = pytest.mark.django_db

STRONG = "Strong-Pass-2026!"
LOGIN_URL = "/accounts/login/"
FAILURE_LIMIT = 5

# Per-response values that differ even for identical pages.
_VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def _normalise(html: str, *names: str) -> str:
    for pattern in _VOLATILE:
        html = pattern.sub("", html)
    for name in names:
        html = html.replace(name, "<login>")
    return html


AXES_USERNAME_CALLABLE = "motcua.accounts.login_security.axes_username"


@pytest.fixture(autouse=True)
def _lockout_config(settings):
    # allauth's own login rate limits live in the cache, which outlives each test's database.
    cache.clear()
    settings.AXES_USERNAME_CALLABLE = AXES_USERNAME_CALLABLE
    yield
    cache.clear()


def test_settings_key_lockouts_on_the_login_field():
    """Without this, axes records allauth failures under no username and locks a whole address.

    Checks the real settings module, not the per-test override above.
    """
    from motcua.settings import base

    assert getattr(base, "AXES_USERNAME_CALLABLE", None) == AXES_USERNAME_CALLABLE
    assert django_settings.AXES_FAILURE_LIMIT == FAILURE_LIMIT
    assert dt.timedelta(hours=django_settings.AXES_COOLOFF_TIME) == dt.timedelta(minutes=15)


@pytest.fixture
def staff_user():
    root = make_user(username="root", is_superuser=True)
    agency = make_agency(name_vi="Sở Tư pháp")
    return staff_create(
        actor=root,
        username="canbo.tp",
        email="canbo.tp@example.test",
        full_name="Cán bộ Tư pháp",
        password=STRONG,
        agency=agency,
    )


def _post(client, login, password, ip="127.0.0.1"):
    return client.post(LOGIN_URL, {"login": login, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_url_is_the_allauth_view():
    assert reverse("account_login") == LOGIN_URL


def test_staff_signs_in_with_the_right_password(client, staff_user):
    response = _post(client, "canbo.tp", STRONG)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_staff_account_is_locked_after_five_failures_even_with_the_right_password(
    client, staff_user
):
    for _ in range(FAILURE_LIMIT - 1):
        response = _post(client, "canbo.tp", "wrong-password")
        assert response.status_code == 200  # the form again, with an error
    locked = _post(client, "canbo.tp", "wrong-password")
    assert locked.status_code == 429
    assert "account/lockout.html" in [t.name for t in locked.templates]
    # allauth's own limit (5 per 5 minutes per login) may answer first with a form error;
    # either way the right password no longer signs in.
    response = _post(client, "canbo.tp", STRONG)
    assert response.status_code in (200, 429)
    assert not _signed_in(client)


def test_lockout_counts_the_login_however_it_is_capitalised(client, staff_user):
    for login in ("canbo.tp", "CANBO.TP", "Canbo.Tp", " canbo.tp", "canbo.TP"):
        response = _post(client, login, "wrong-password")
    assert response.status_code == 429


def test_lockout_lifts_after_fifteen_minutes(client, staff_user):
    start = clock.now()
    with time_machine.travel(start, tick=False):
        for _ in range(FAILURE_LIMIT):
            _post(client, "canbo.tp", "wrong-password")
        _post(client, "canbo.tp", STRONG)
        assert not _signed_in(client)
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert _post(client, "canbo.tp", STRONG).status_code == 302
        assert _signed_in(client)


def test_an_attempt_during_the_lockout_starts_the_fifteen_minutes_again(client, staff_user):
    start = clock.now()
    with time_machine.travel(start, tick=False):
        for _ in range(FAILURE_LIMIT):
            _post(client, "canbo.tp", "wrong-password")
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        # allauth's 5-minute limit has expired; axes' 15-minute lockout has not
        assert _post(client, "canbo.tp", STRONG).status_code == 429
        assert not _signed_in(client)
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        assert _post(client, "canbo.tp", STRONG).status_code == 302


def test_lockout_of_one_account_does_not_lock_another_from_the_same_address(client, staff_user):
    make_user(username="other", password="Other-Pass-2026!")
    for _ in range(FAILURE_LIMIT):
        _post(client, "canbo.tp", "wrong-password")
    assert _post(client, "other", "Other-Pass-2026!").status_code == 302


def test_lockout_response_is_the_same_for_an_unknown_username(client, staff_user):
    # Two addresses, so that allauth's per-address limit (10 a minute) stays out of the way.
    for _ in range(FAILURE_LIMIT - 1):
        _post(client, "canbo.tp", "wrong-password", ip="10.0.0.1")
    known = _post(client, "canbo.tp", "wrong-password", ip="10.0.0.1")
    for _ in range(FAILURE_LIMIT - 1):
        _post(client, "no.such.user", "wrong-password", ip="10.0.0.2")
    unknown = _post(client, "no.such.user", "wrong-password", ip="10.0.0.2")
    assert known.status_code == unknown.status_code == 429
    assert _normalise(known.content.decode(), "canbo.tp") == _normalise(
        unknown.content.decode(), "no.such.user"
    )
    assert "canbo.tp" not in known.content.decode()


def test_wrong_password_and_unknown_user_get_indistinguishable_errors(client, staff_user):
    wrong_password = _post(client, "canbo.tp", "wrong-password")
    unknown_user = _post(client, "no.such.user", "wrong-password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    errors_known = wrong_password.context["form"].errors
    errors_unknown = unknown_user.context["form"].errors
    assert errors_known == errors_unknown
    assert errors_known  # there is an error to show
    assert _normalise(wrong_password.content.decode(), "canbo.tp") == _normalise(
        unknown_user.content.decode(), "no.such.user"
    )
