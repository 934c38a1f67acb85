# SPDX-License-Identifier: AGPL-3.0-or-later
"""The public portal: home, agencies, unit lookup (incl. htmx and bad input), errors."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


def test_home_renders_in_vietnamese_by_default(client, db):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert reverse("portal:agency_list") in body
    assert reverse("portal:unit_list") in body


def test_home_searches_the_procedure_catalogue_and_points_to_online_submission(client, db):
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get("/").content.decode()
    assert '<form method="get" action="/procedures/" role="search">' in english
    assert 'name="q"' in english
    assert reverse("portal:procedure_list") in english
    # Online submission exists now: the home page explains it and links the public lookup.
    assert "Online submission of dossiers is not available yet" not in english
    assert "Submit online" in english
    assert reverse("portal:lookup") in english
    assert client.get("/").status_code == 200


def test_agency_list_shows_agencies_in_operation_today(client, public_data):
    body = client.get(reverse("portal:agency_list")).content.decode()
    assert "Sở Tư pháp" in body
    assert "Sở Đã Giải Thể" not in body


def test_agency_list_filters_by_kind(client, public_data):
    body = client.get(reverse("portal:agency_list"), {"kind": "department"}).content.decode()
    assert "Sở Tư pháp" in body
    assert "Ủy ban nhân dân tỉnh Tây Ninh" not in body


def test_unit_lookup_uses_today_by_default(client, public_data):
    body = client.get(reverse("portal:unit_list")).content.decode()
    assert "Xã Tân Ninh Mới" in body
    assert "Xã Tân Bình" not in body


def test_unit_lookup_on_an_earlier_date_shows_the_old_units(client, public_data):
    response = client.get(reverse("portal:unit_list"), {"valid_on": "2024-05-01"})
    body = response.content.decode()
    assert "Xã Tân Bình" in body
    assert "Xã Tân Ninh Mới" not in body


def test_unit_lookup_ignores_accents_and_filters_by_parent(client, public_data):
    body = client.get(reverse("portal:unit_list"), {"q": "tan ninh", "parent": "80"}).content
    assert "Xã Tân Ninh Mới" in body.decode()


def test_unit_lookup_bad_date_is_a_field_error_not_a_500(client, public_data):
    response = client.get(reverse("portal:unit_list"), {"valid_on": "31/02/2025x"})
    assert response.status_code == 200
    assert response.context["form"].errors["valid_on"]
    assert 'aria-invalid="true"' in response.content.decode()


def test_unit_lookup_unknown_parent_is_a_field_error(client, public_data):
    response = client.get(reverse("portal:unit_list"), {"parent": "99999"})
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]


def test_unit_lookup_htmx_request_gets_only_the_results_partial(client, public_data):
    response = client.get(reverse("portal:unit_list"), {"q": "tan"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<table" in body


def test_unknown_page_shows_our_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "errors/404.html" in [t.name for t in response.templates]
    assert '<main id="main"' in response.content.decode()


def test_500_page_renders_without_a_request_context(rf):
    from motcua.portal.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert b"<h1>" in response.content


@pytest.mark.parametrize("code", [400, 403])
def test_other_error_pages_render(rf, db, code):
    from django.contrib.auth.models import AnonymousUser

    from motcua.portal import views

    request = rf.get("/")
    request.user = AnonymousUser()
    response = getattr(views, f"error_{code}")(request, Exception())
    assert response.status_code == code
