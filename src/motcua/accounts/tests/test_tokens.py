# SPDX-License-Identifier: AGPL-3.0-or-later
"""API token services: hashed storage, expiry, revocation, throttled last-use stamps."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine

from motcua.accounts.models import ApiToken
from motcua.accounts.tokens import token_authenticate, token_create, token_list, token_revoke
from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.core.clock import VN_TZ
from motcua.core.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 7, 1, 8, 0, tzinfo=VN_TZ)


def test_secret_is_returned_once_and_only_its_hash_is_stored():
    user = make_user(username="lan")
    token, raw = token_create(user=user, name="  báo cáo  ")
    scheme, prefix, secret = raw.split("_", 2)
    assert (scheme, prefix) == ("mc", token.prefix)
    assert len(secret) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.name == "báo cáo"
    assert token_authenticate(raw) == user


def test_two_tokens_never_share_a_secret():
    user = make_user(username="lan")
    assert token_create(user=user, name="a")[1] != token_create(user=user, name="a")[1]


@pytest.mark.parametrize("raw", ["", "mc_", "Bearer x", "mc_00000000_wrong", "x" * 10_000])
def test_unknown_or_malformed_tokens_are_rejected(raw):
    token_create(user=make_user(username="lan"), name="a")
    assert token_authenticate(raw) is None


def test_expired_tokens_are_rejected():
    user = make_user(username="lan")
    with time_machine.travel(START, tick=False):
        token, raw = token_create(user=user, name="a", ttl_days=1)
        assert token.expires_at == START + dt.timedelta(days=1)
    with time_machine.travel(START + dt.timedelta(hours=23), tick=False):
        assert token_authenticate(raw) == user
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        assert token_authenticate(raw) is None


def test_revoked_tokens_and_inactive_users_are_rejected():
    user = make_user(username="lan")
    token, raw = token_create(user=user, name="a")
    other, other_raw = token_create(user=user, name="b")
    token_revoke(actor=user, token_id=token.pk)
    assert token_authenticate(raw) is None
    assert list(token_list(user=user)) == [other]
    user.is_active = False
    user.save()
    assert token_authenticate(other_raw) is None


def test_last_used_is_stamped_at_most_once_a_minute():
    user = make_user(username="lan")
    token, raw = token_create(user=user, name="a")
    with time_machine.travel(START, tick=False):
        token_authenticate(raw)
    with time_machine.travel(START + dt.timedelta(seconds=59), tick=False):
        token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == START
    later = START + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_only_the_owner_or_a_system_admin_may_revoke():
    owner = make_user(username="lan")
    stranger = make_user(username="minh")
    admin = make_user(username="admin")
    assign_role(admin, Role.SYSTEM_ADMIN, make_agency())
    token, raw = token_create(user=owner, name="a")
    with pytest.raises(NotFound):
        token_revoke(actor=stranger, token_id=token.pk)
    assert token_authenticate(raw) == owner
    token_revoke(actor=admin, token_id=token.pk)
    assert token_authenticate(raw) is None
    with pytest.raises(NotFound):
        token_revoke(actor=owner, token_id=999_999)


def test_revoking_twice_keeps_the_first_time():
    user = make_user(username="lan")
    token, _raw = token_create(user=user, name="a")
    with time_machine.travel(START, tick=False):
        token_revoke(actor=user, token_id=token.pk)
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        assert token_revoke(actor=user, token_id=token.pk).revoked_at == START


@pytest.mark.parametrize(
    ("name", "ttl_days", "field"),
    [
        ("", None, "name"),
        ("x" * 101, None, "name"),
        ("ok", 0, "ttl_days"),
        ("ok", 10_000, "ttl_days"),
    ],
)
def test_invalid_input_saves_nothing(name, ttl_days, field):
    user = make_user(username="lan")
    with pytest.raises(ValidationFailed) as caught:
        token_create(user=user, name=name, ttl_days=ttl_days)
    assert field in caught.value.details
    assert ApiToken.objects.count() == 0
