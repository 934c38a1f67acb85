# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sign-in with an e-ID (OIDC) provider, end to end against a real local fake provider."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from motcua.accounts.models import CitizenProfile
from motcua.accounts.testing.fake_oidc import FakeOIDCProvider
from motcua.agencies.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db
User = get_user_model()

TIMEOUT = 5
PROVIDER_ID = "vneid"


@pytest.fixture
def idp(settings):
    with FakeOIDCProvider(client_id="motcua", client_secret="not-a-real-secret") as provider:
        settings.SOCIALACCOUNT_PROVIDERS = provider.allauth_app_settings(provider_id=PROVIDER_ID)
        yield provider


def _claims(**kw):
    claims = {
        "sub": "vneid-0001",
        "name": "Trần Thị Bình",
        "email": "binh@example.test",
        "email_verified": True,
        "preferred_username": "tranthibinh",
        "personal_id": "072303012345",
        "birthdate": "2003-04-05",
        "gender": "female",
    }
    claims.update(kw)
    return {k: v for k, v in claims.items() if v is not None}


def _sign_in(client, idp):
    """Drive the code flow: app → provider → app callback; return the callback response."""
    start = client.post(f"/accounts/oidc/{PROVIDER_ID}/login/")
    assert start.status_code == 302, start.content[:500]
    authorize_url = start["Location"]
    assert authorize_url.startswith(f"{idp.issuer}/authorize?")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"]  # PKCE is on
    at_idp = requests.get(authorize_url, allow_redirects=False, timeout=TIMEOUT)
    assert at_idp.status_code == 302
    callback = urlsplit(at_idp.headers["Location"])
    assert callback.path == f"/accounts/oidc/{PROVIDER_ID}/login/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def test_fake_provider_listens_on_loopback_only(idp):
    assert idp.issuer.startswith("http://127.0.0.1:")
    discovery = requests.get(f"{idp.issuer}/.well-known/openid-configuration", timeout=TIMEOUT)
    assert discovery.json()["issuer"] == idp.issuer


def test_citizen_signs_in_with_e_id_and_gets_a_citizen_profile(client, idp):
    idp.claims = _claims()
    response = _sign_in(client, idp)
    assert response.status_code == 302, response.content[:500]
    user = User.objects.get(username="tranthibinh")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.full_name == "Trần Thị Bình"
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == (PROVIDER_ID, "vneid-0001")
    profile = CitizenProfile.objects.get(user=user)
    assert profile.personal_id == "072303012345"
    assert profile.oidc_subject == "vneid-0001"
    assert str(profile.date_of_birth) == "2003-04-05"
    assert profile.gender == "female"
    assert RoleAssignment.objects.filter(user=user, role=Role.APPLICANT).count() == 1
    # the code exchange really used PKCE
    (token_request,) = idp.token_requests
    assert token_request["code_verifier"]


def test_second_sign_in_updates_the_same_profile(client, idp):
    idp.claims = _claims()
    _sign_in(client, idp)
    client.logout()
    idp.claims = _claims(name="Trần Thị Bình An")
    response = _sign_in(client, idp)
    assert response.status_code == 302
    assert User.objects.count() == 1
    profile = CitizenProfile.objects.get()
    assert profile.full_name == "Trần Thị Bình An"
    assert RoleAssignment.objects.filter(role=Role.APPLICANT).count() == 1


def test_vietnamese_claim_name_so_dinh_danh_is_understood(client, idp):
    idp.claims = _claims(
        personal_id=None, so_dinh_danh="079 203 000111", gender="male", birthdate=None
    )
    _sign_in(client, idp)
    assert CitizenProfile.objects.get().personal_id == "079203000111"


@pytest.mark.parametrize(
    "claims",
    [
        {"personal_id": "12345"},  # not 12 digits
        {"personal_id": "099303012345"},  # unknown province
        {"birthdate": "1990-01-01"},  # year differs from the number
        {"gender": "male"},  # gender differs from the number
        {"personal_id": None},  # absent
    ],
)
def test_invalid_or_missing_personal_id_signs_in_without_a_profile(client, idp, claims):
    idp.claims = _claims(**claims)
    response = _sign_in(client, idp)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert not CitizenProfile.objects.exists()


def test_personal_id_of_another_account_is_not_taken_over(client, idp):
    from motcua.accounts.services import citizen_register

    owner = citizen_register(
        username="owner",
        email="owner@example.test",
        password="tayninh-2026-pw",
        personal_id="072303012345",
        full_name="Chủ tài khoản",
    )
    idp.claims = _claims()
    _sign_in(client, idp)
    assert CitizenProfile.objects.get(personal_id="072303012345").user == owner
    assert not CitizenProfile.objects.filter(user__username="tranthibinh").exists()


# -- the fake itself ------------------------------------------------------------------------------


def _authorize(idp, verifier="v" * 50):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    params = {
        "client_id": idp.client_id,
        "redirect_uri": "http://testserver/cb",
        "response_type": "code",
        "scope": "openid profile",
        "state": "xyz",
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
    }
    response = requests.get(
        f"{idp.issuer}/authorize", params=params, allow_redirects=False, timeout=TIMEOUT
    )
    location = parse_qs(urlsplit(response.headers["Location"]).query)
    assert location["state"] == ["xyz"]
    return location["code"][0]


def _token(idp, code, verifier):
    return requests.post(
        f"{idp.issuer}/token",
        timeout=TIMEOUT,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://testserver/cb",
            "client_id": idp.client_id,
            "client_secret": idp.client_secret,
            "code_verifier": verifier,
        },
    )


def test_fake_rejects_a_wrong_pkce_verifier_and_reused_codes(idp):
    code = _authorize(idp)
    assert _token(idp, code, "w" * 50).status_code == 400
    code = _authorize(idp)
    assert _token(idp, code, "v" * 50).status_code == 200
    assert _token(idp, code, "v" * 50).status_code == 400  # single use


def test_fake_id_token_is_rs256_signed_with_the_published_key(idp):
    idp.claims = _claims()
    tokens = _token(idp, _authorize(idp), "v" * 50).json()
    jwks = requests.get(f"{idp.issuer}/jwks", timeout=TIMEOUT).json()
    key = jwt.PyJWK(jwks["keys"][0]).key
    claims = jwt.decode(
        tokens["id_token"], key, algorithms=["RS256"], audience=idp.client_id, issuer=idp.issuer
    )
    assert claims["sub"] == "vneid-0001"
    userinfo = requests.get(
        f"{idp.issuer}/userinfo",
        timeout=TIMEOUT,
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )
    assert userinfo.json()["personal_id"] == "072303012345"
    assert requests.get(f"{idp.issuer}/userinfo", timeout=TIMEOUT).status_code == 401
