# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogue administration through the API: create, draft, parts, validate, publish, retire;
403 for other staff, 401 for the public, and bad input as the error schema with nothing saved."""

from __future__ import annotations

import pytest

from motcua.api.tests.conftest import assert_error, catalogue_limit, catalogue_step, client_for
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, ProcessStep

NEW = {
    "code": "2.002222",
    "name_vi": "Thủ tục cấp bản sao trích lục hộ tịch",
    "level_codes": ["commune"],
    "competent_agency_kinds": ["commune_committee"],
    "results": [{"name": "Bản sao trích lục", "code": "KQ.G17.000010"}],
}


@pytest.fixture
def admin(catalogue):
    return client_for(catalogue.editor)


@pytest.fixture
def handler(catalogue):
    return client_for(catalogue.handler)


def test_admin_creates_a_procedure_then_drafts_fills_validates_and_publishes(admin, anon):
    body = {**NEW, "field_code": ""}
    response = admin.post("/procedures", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["MaTTHC"] == "2.002222" and created["motcua"]["version"] is None
    assert created["KetQuaThucHien"] == [
        {"MaKetQua": "KQ.G17.000010", "TenKetQua": "Bản sao trích lục"}
    ]
    assert_error(anon.get("/procedures/2.002222"), 404)  # no version yet

    response = admin.post(
        "/procedures/2.002222/versions",
        {"effective_from": "2026-12-01", "service_mode": "full_online"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["motcua"]["status"] == "draft"
    assert response.json()["motcua"]["version"] == 1

    # Not yet publishable: no time limit.
    check = admin.post("/procedures/2.002222/versions/1/validate").json()
    assert check["publishable"] is False
    assert "time_limits" in {p["field"] for p in check["problems"]}

    base = "/procedures/2.002222/versions/1"
    parts = {
        "time_limits": [catalogue_limit("in_person", "1"), catalogue_limit("online", "1")],
        "steps": [catalogue_step(1, "4", "working_hour"), catalogue_step(2, "4", "working_hour")],
        "fees": [{"name": "Phí cấp bản sao trích lục", "amount_vnd": 8000}],
        "documents": [{"name": "Tờ khai", "originals": 1}],
        "legal_bases": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
    }
    for kind, items in parts.items():
        response = admin.put(f"{base}/{kind}", {"items": items})
        assert response.status_code == 200, (kind, response.content)
    out = response.json()
    assert out["DanhSachLePhi"][0]["Gia"] == 8000 and len(out["motcua"]["steps"]) == 2
    response = admin.patch(base, {"decision_number": "99/QĐ-UBND", "decision_date": "2026-11-20"})
    assert (
        response.status_code == 200 and response.json()["motcua"]["decision_number"] == "99/QĐ-UBND"
    )

    assert admin.post(f"{base}/validate").json() == {"publishable": True, "problems": []}
    response = admin.post(f"{base}/publish")
    assert response.status_code == 200, response.content
    assert response.json()["motcua"]["status"] == "published"
    public = anon.get("/procedures/2.002222", at="2026-12-01")
    assert public.status_code == 200 and public.json()["motcua"]["version"] == 1
    # Published versions are immutable.
    body = assert_error(admin.put(f"{base}/fees", {"items": []}), 422, "version_immutable")
    assert "status" in body["details"]

    response = admin.post(f"{base}/retire", {"last_day": "2026-12-31"})
    assert response.status_code == 200, response.content
    assert response.json()["motcua"]["status"] == "retired"
    assert response.json()["motcua"]["effective_to"] == "2026-12-31"


def test_patch_changes_only_the_fields_sent(admin, catalogue):
    response = admin.patch("/procedures/1.000894", {"name_en": "Marriage registration"})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["motcua"]["name_en"] == "Marriage registration"
    assert out["TenTTHC"] == "Thủ tục đăng ký kết hôn" and out["TenLinhVuc"] == "Hộ tịch"
    assert out["motcua"]["levels"] == ["commune"] and out["motcua"]["version"] == 2
    body = assert_error(admin.patch("/procedures/1.000894", {"code": "1.000895"}), 422)
    assert body["details"] == {"code": ["Unknown field."]}


def test_new_draft_copies_the_current_version(admin, catalogue):
    response = admin.post("/procedures/1.000894/versions", {})
    assert response.status_code == 201
    draft = response.json()
    assert draft["motcua"]["version"] == 3 and draft["motcua"]["effective_from"] is None
    assert [c["ThoiGian"] for c in draft["CachThucThucHien"]] == ["3.00"]
    copied = admin.post("/procedures/1.000894/versions", {"copy_from": 1}).json()
    assert [c["ThoiGian"] for c in copied["CachThucThucHien"]] == ["5.00"]
    body = assert_error(admin.post("/procedures/1.000894/versions", {"copy_from": 9}), 422)
    assert "copy_from" in body["details"]


def test_handler_gets_403_and_the_public_401(handler, anon, catalogue):
    counts = (Procedure.objects.count(), ProcedureVersion.objects.count())
    assert_error(handler.post("/procedures", NEW), 403, "forbidden")
    assert_error(handler.patch("/procedures/1.000894", {"name_en": "x"}), 403)
    assert_error(handler.post("/procedures/1.000894/versions", {}), 403)
    assert_error(handler.post("/procedures/1.000894/versions/2/validate"), 403)
    assert_error(handler.post("/procedures/1.000894/versions/2/retire", {}), 403)
    assert_error(handler.put("/procedures/1.000894/versions/2/fees", {"items": []}), 403)
    assert_error(anon.post("/procedures", NEW), 401, "not_authenticated")
    assert_error(anon.post("/procedures/1.000894/versions/2/publish"), 401)
    assert (Procedure.objects.count(), ProcedureVersion.objects.count()) == counts


@pytest.mark.parametrize("code", ["1.00089", "12.000894", "1-000894", "a.bcdefg"])
def test_malformed_code_is_a_field_error(admin, code):
    body = assert_error(admin.post("/procedures", {**NEW, "code": code}), 422)
    assert list(body["details"]) == ["code"]
    assert not Procedure.objects.filter(code=code).exists()


def test_duplicate_code_unknown_agency_kind_and_unknown_fields(admin, catalogue):
    body = assert_error(admin.post("/procedures", {**NEW, "code": "1.000894"}), 422, "duplicate")
    assert list(body["details"]) == ["code"]
    body = assert_error(
        admin.post("/procedures", {**NEW, "competent_agency_kinds": ["ministry"]}), 422
    )
    assert "competent_agency_kinds" in body["details"]
    body = assert_error(admin.post("/procedures", {**NEW, "colour": "red"}), 422)
    assert body["details"] == {"colour": ["Unknown field."]}
    body = assert_error(admin.post("/procedures/1.000894/versions", {"colour": "red"}), 422)
    assert body["details"] == {"colour": ["Unknown field."]}
    assert not Procedure.objects.filter(code="2.002222").exists()


def draft_of_marriage(admin, start="2027-01-01"):
    response = admin.post("/procedures/1.000894/versions", {"effective_from": start})
    assert response.status_code == 201
    return f"/procedures/1.000894/versions/{response.json()['motcua']['version']}"


def test_negative_fee_and_unknown_part_fields_save_nothing(admin, catalogue):
    base = draft_of_marriage(admin)
    before = Fee.objects.count()
    items = [{"name": "Lệ phí", "amount_vnd": 0}, {"name": "Phí", "amount_vnd": -1}]
    body = assert_error(admin.put(f"{base}/fees", {"items": items}), 422)
    assert "fees.1.amount_vnd" in body["details"]
    body = assert_error(
        admin.put(f"{base}/fees", {"items": [{"name": "P", "amount_vnd": 1, "x": 1}]}), 422
    )
    assert "fees.0.x" in body["details"]
    assert Fee.objects.count() == before
    body = assert_error(admin.put(f"{base}/colours", {"items": []}), 422)
    assert "kind" in body["details"]
    body = assert_error(admin.put(f"{base}/fees", {"items": [], "extra": 1}), 422)
    assert body["details"] == {"extra": ["Unknown field."]}


def test_norms_over_the_limit_refuse_publication_with_field_details(admin, catalogue):
    base = draft_of_marriage(admin)
    steps = [catalogue_step(1, "2"), catalogue_step(2, "2")]  # 4 working days > 3
    assert admin.put(f"{base}/steps", {"items": steps}).status_code == 200
    problems = admin.post(f"{base}/validate").json()["problems"]
    assert [p["code"] for p in problems] == ["norms_exceed_limit"]
    body = assert_error(admin.post(f"{base}/publish"), 422, "norms_exceed_limit")
    assert list(body["details"]) == ["steps"]
    assert ProcedureVersion.objects.get(procedure__code="1.000894", number=3).status == "draft"
    assert (
        ProcessStep.objects.filter(version__number=3, version__procedure__code="1.000894").count()
        == 2
    )


def test_overlapping_dates_refuse_publication(admin, catalogue):
    base = draft_of_marriage(admin, start="2026-09-15")  # inside version 1's closed period
    body = assert_error(admin.post(f"{base}/publish"), 422, "overlap")
    assert "effective_from" in body["details"]
    assert ProcedureVersion.objects.get(procedure__code="1.000894", number=2).effective_to is None


def test_bad_values_in_version_settings(admin, catalogue):
    base = draft_of_marriage(admin)
    body = assert_error(
        admin.patch(base, {"effective_from": "2027-02-30", "service_mode": "teleport"}), 422
    )
    assert set(body["details"]) == {"effective_from", "service_mode"}
    body = assert_error(admin.patch(base, {"effective_to": "2026-12-01"}), 422)  # before start
    assert list(body["details"]) == ["effective_to"]
    body = assert_error(
        admin.post(
            "/procedures/1.000894/versions",
            {"effective_from": "2027-01-01", "effective_to": "2026-01-01"},
        ),
        422,
    )
    assert list(body["details"]) == ["effective_to"]
    assert ProcedureVersion.objects.filter(procedure__code="1.000894").count() == 3
    assert_error(admin.patch("/procedures/1.000894/versions/99", {}), 404)
