# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rendered pages load nothing from other hosts and stay within the strict CSP."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTR = re.compile(r"""<[^>]+\sstyle\s*=""", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""<[^>]+\son[a-z]+\s*=""", re.IGNORECASE)

PUBLIC_URLS = [
    "/",
    "/agencies/",
    "/units/",
    "/units/?valid_on=bad",
    "/no-such-page/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


def assert_csp_safe(body: str) -> None:
    assert not EXTERNAL.search(body), EXTERNAL.search(body)
    assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body)
    assert not STYLE_ATTR.search(body), STYLE_ATTR.search(body)
    assert not INLINE_HANDLER.search(body), INLINE_HANDLER.search(body)
    assert "<style" not in body.lower()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_are_csp_safe_and_local_only(client, public_data, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert_csp_safe(response.content.decode())


CATALOGUE_URLS = [
    "/procedures/",
    "/procedures/?q=dang+ky+ket+hon&field=nope",
    "/procedures/1.000894/",
    "/procedures/1.000894/?at=2026-09-30",
    "/procedures/1.000894/?at=bad",
    "/procedures/1.000894/?at=2020-01-01",
    "/procedures/9.999999/",
    "/procedures/statistics/",
    "/procedures/export.json?at=bad",
]


@pytest.mark.parametrize("url", CATALOGUE_URLS)
def test_catalogue_pages_are_csp_safe_and_local_only(client, public_data, catalogue, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    assert_csp_safe(response.content.decode())


def test_catalogue_htmx_partial_is_csp_safe(client, public_data, catalogue):
    response = client.get("/procedures/?q=ket+hon", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert_csp_safe(response.content.decode())


def test_desk_and_allauth_pages_use_our_layout_and_are_csp_safe(client, public_data):
    from motcua.agencies.models import Role
    from motcua.agencies.tests.factories import assign_role, make_user

    admin = make_user(username="root-admin")
    assign_role(admin, Role.SYSTEM_ADMIN, public_data.ppc, include_descendants=True)
    client.force_login(admin)
    for name in [
        "desk:home",
        "desk:staff_list",
        "desk:unit_list",
        "desk:unit_create",
        "desk:agency_list",
        "desk:agency_create",
        "desk:role_list",
        "desk:role_create",
        "desk:staff_create",
        "account_logout",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        body = response.content.decode()
        assert 'class="skip-link"' in body, name
        assert_csp_safe(body)


def test_login_page_uses_the_motcua_layout(client, db):
    body = client.get(reverse("account_login")).content.decode()
    assert 'class="skip-link"' in body
    assert 'name="htmx-config"' in body
    assert "<label" in body


def test_htmx_and_pico_are_served_from_static(client, db):
    body = client.get("/").content.decode()
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in body
    assert "/static/vendor/pico-2.1.1/css/pico.min.css" in body
    assert finders.find("django_htmx/htmx-2.min.js")
    assert finders.find("vendor/pico-2.1.1/css/pico.min.css")
    assert finders.find("vendor/pico-2.1.1/LICENSE.md")
    assert finders.find("css/app.css")


def test_csp_header_is_strict(client, db):
    header = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in header
    assert "style-src 'self'" in header
    assert "unsafe-inline" not in header


def test_lockout_page_does_not_reveal_whether_the_account_exists(client, db):
    from django.template.loader import render_to_string

    html = render_to_string("account/lockout.html", {"username": "secret-user"})
    assert "secret-user" not in html
    assert_csp_safe(html)
