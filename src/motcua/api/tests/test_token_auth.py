# SPDX-License-Identifier: AGPL-3.0-or-later
"""Token lifecycle over HTTP: obtain, use, list, revoke, rejected; login errors reveal nothing."""

from __future__ import annotations

from motcua.accounts.models import ApiToken
from motcua.agencies.tests.factories import make_user
from motcua.api.tests.conftest import ApiClient, assert_error

PASSWORD = "pw-Test-12345"


def obtain(client, username, password=PASSWORD, name="ci"):
    return client.post("/auth/tokens", {"username": username, "password": password, "name": name})


def test_obtain_use_list_revoke_then_rejected(anon, db):
    make_user(username="lan", full_name="Lê Thị Lan")
    response = obtain(anon, "lan", name="Máy chủ báo cáo")
    assert response.status_code == 201, response.content
    created = response.json()
    assert set(created) >= {"id", "name", "prefix", "token", "created_at", "expires_at"}
    assert created["token"].startswith(f"mc_{created['prefix']}_")
    stored = ApiToken.objects.get(pk=created["id"])
    assert stored.key_hash != created["token"] and created["token"] not in stored.key_hash

    client = ApiClient(created["token"])
    me = client.get("/me")
    assert me.status_code == 200
    assert me.json()["username"] == "lan"

    listed = client.get("/auth/tokens").json()
    assert [t["id"] for t in listed] == [created["id"]]
    assert "token" not in listed[0]
    assert listed[0]["name"] == "Máy chủ báo cáo"
    assert listed[0]["last_used_at"] is not None

    assert client.delete(f"/auth/tokens/{created['id']}").status_code == 204
    assert_error(client.get("/me"), 401, "not_authenticated")
    assert ApiToken.objects.get(pk=created["id"]).revoked_at is not None


def test_wrong_password_and_unknown_user_give_identical_401(anon, db):
    make_user(username="lan")
    wrong_password = obtain(anon, "lan", password="not-the-password")
    unknown_user = obtain(anon, "nobody-here", password="not-the-password")
    assert_error(wrong_password, 401, "invalid_credentials")
    assert wrong_password.content == unknown_user.content
    assert ApiToken.objects.count() == 0


def test_inactive_user_cannot_obtain_a_token(anon, db):
    make_user(username="gone", is_active=False)
    assert_error(obtain(anon, "gone"), 401, "invalid_credentials")


def test_repeated_failures_lock_out_known_and_unknown_usernames_alike(anon, db, settings):
    make_user(username="lan")
    answers = {}
    for username in ("lan", "nobody-here"):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert obtain(anon, username, password="guess").status_code == 401
        answers[username] = obtain(anon, username, password="guess")
        assert_error(answers[username], 403, "locked_out")
    assert answers["lan"].content == answers["nobody-here"].content
    # Even the right password is refused while the lockout lasts.
    assert_error(obtain(anon, "lan"), 403, "locked_out")
    assert ApiToken.objects.count() == 0


def test_a_user_cannot_revoke_someone_elses_token(anon, db):
    make_user(username="lan")
    make_user(username="minh")
    lan_token = obtain(anon, "lan").json()
    minh = ApiClient(obtain(anon, "minh").json()["token"])
    assert_error(minh.delete(f"/auth/tokens/{lan_token['id']}"), 404, "not_found")
    assert ApiClient(lan_token["token"]).get("/me").status_code == 200


def test_garbage_bearer_and_no_credentials_are_401(anon, db):
    assert_error(anon.get("/me"), 401, "not_authenticated")
    assert_error(ApiClient("mc_deadbeef_nope").get("/me"), 401, "not_authenticated")
    assert_error(ApiClient("x" * 5000).get("/me"), 401, "not_authenticated")


def test_session_cookie_authenticates_the_browser(db):
    user = make_user(username="lan")
    client = ApiClient()
    client.client.force_login(user)
    assert client.get("/me").json()["username"] == "lan"
