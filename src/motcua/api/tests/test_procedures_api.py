# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public reads of the procedure catalogue: search, filters, ?at= around a version boundary."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from motcua.api.tests.conftest import assert_error, client_for
from motcua.catalog.schemas import ProcedureOut


def codes(response):
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_list_is_public_published_only_and_paginated(anon, catalogue):
    response = anon.get("/procedures")
    assert codes(response) == ["1.000894", "1.001022", "1.001193"]  # no draft-only procedure
    body = response.json()
    assert body["count"] == 3
    marriage = body["items"][0]
    assert marriage["name_vi"] == "Thủ tục đăng ký kết hôn"
    assert marriage["field_name"] == "Hộ tịch" and marriage["levels"] == ["commune"]
    assert marriage["version"] == 2 and marriage["effective_from"] == "2026-10-01"
    assert marriage["service_mode"] == "full_online"
    assert marriage["time_limits"] == [
        {
            "channel": "in_person",
            "amount": "3.00",
            "unit": "working_day",
            "source": "",
            "needs_review": False,
        }
    ]
    page = anon.get("/procedures", limit=1, offset=1).json()
    assert page["count"] == 3 and [i["code"] for i in page["items"]] == ["1.001022"]


@pytest.mark.parametrize("q", ["dang ky ket hon", "Đăng ký kết hôn", "DANG KY KET HON"])
def test_search_ignores_accents_and_case(anon, catalogue, q):
    assert codes(anon.get("/procedures", q=q)) == ["1.000894", "1.001022"]


def test_filters(anon, catalogue):
    assert codes(anon.get("/procedures", level="province")) == ["1.001022"]
    assert codes(anon.get("/procedures", agency_kind="department")) == ["1.001022"]
    assert codes(anon.get("/procedures", mode="partial_online")) == ["1.001193"]
    assert codes(anon.get("/procedures", field=catalogue.civil.code, q="khai sinh")) == ["1.001193"]
    assert codes(anon.get("/procedures", field="no-such-field")) == []


def test_bad_filters_are_422_with_field_details(anon, catalogue):
    body = assert_error(anon.get("/procedures", mode="teleport", limit=0), 422)
    assert set(body["details"]) == {"mode", "limit"}
    body = assert_error(anon.get("/procedures", agency="000.00.99.H99"), 422)
    assert body["details"] == {"agency": ["No agency with this identifier."]}


@pytest.mark.parametrize(
    ("day", "number", "limit"),
    [("2026-09-30", 1, "5.00"), ("2026-10-01", 2, "3.00"), ("2026-10-02", 2, "3.00")],
)
def test_at_returns_the_version_in_force_that_day(anon, catalogue, day, number, limit):
    response = anon.get("/procedures/1.000894", at=day)
    assert response.status_code == 200, response.content
    data = ProcedureOut.model_validate(response.json())
    assert data.MaTTHC == "1.000894" and data.motcua.version == number
    assert [str(c.ThoiGian) for c in data.CachThucThucHien] == [limit]
    assert (
        data.CachThucThucHien[0].Kenh == 1 and data.CachThucThucHien[0].DonViTinh == "working_day"
    )


def test_detail_defaults_to_today(anon, catalogue):
    assert anon.get("/procedures/1.000894").json()["motcua"]["version"] == 2


def test_no_version_that_day_or_unknown_code_is_404(anon, catalogue):
    body = assert_error(anon.get("/procedures/1.000894", at="2025-12-31"), 404, "not_found")
    assert "2025-12-31" in body["message"]
    assert_error(anon.get("/procedures/9.999999"), 404, "not_found")
    assert_error(anon.get("/procedures/1.002755"), 404, "not_found")  # draft only


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "30/09/2026"])
def test_bad_date_is_422(anon, catalogue, bad):
    body = assert_error(anon.get("/procedures/1.000894", at=bad), 422, "validation_error")
    assert list(body["details"]) == ["at"]


def test_versions_public_sees_published_admins_see_drafts(anon, catalogue):
    from motcua.catalog.services import version_create_draft

    version_create_draft(actor=catalogue.editor, procedure=catalogue.marriage)
    public = anon.get("/procedures/1.000894/versions").json()
    assert [(v["number"], v["status"]) for v in public] == [(2, "published"), (1, "published")]
    assert public[1]["effective_to"] == "2026-09-30"
    admin = client_for(catalogue.editor).get("/procedures/1.000894/versions").json()
    assert [v["number"] for v in admin] == [3, 2, 1] and admin[0]["status"] == "draft"
    handler = client_for(catalogue.handler).get("/procedures/1.000894/versions").json()
    assert [v["number"] for v in handler] == [2, 1]
    assert_error(anon.get("/procedures/9.999999/versions"), 404)
    # One version: a draft is hidden from the public, shown to admins.
    assert_error(anon.get("/procedures/1.000894/versions/3"), 404)
    draft = client_for(catalogue.editor).get("/procedures/1.000894/versions/3")
    assert draft.status_code == 200 and draft.json()["motcua"]["status"] == "draft"
    assert anon.get("/procedures/1.000894/versions/1").json()["motcua"]["version"] == 1


@pytest.mark.django_db
def test_real_catalogue_three_spellings_give_the_same_first_results(anon, catalogue_today):
    call_command("catalog_import", stdout=io.StringIO(), stderr=io.StringIO())
    firsts = [
        codes(anon.get("/procedures", q=q, limit=10))
        for q in ("dang ky ket hon", "Đăng ký kết hôn", "DANG KY KET HON")
    ]
    assert firsts[0] == firsts[1] == firsts[2]
    assert firsts[0][0] == "1.000894"
    detail = anon.get("/procedures/1.000894")
    assert detail.status_code == 200
    assert detail.json()["TenTTHC"] == "Thủ tục đăng ký kết hôn"
