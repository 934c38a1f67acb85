# SPDX-License-Identifier: AGPL-3.0-or-later
"""The public procedure catalogue: search, filters, detail (?at=), statistics and exports."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import openpyxl  # test aid only (dev dependency)
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.catalog.schemas import CatalogueOut
from motcua.portal.catalogue_views import LimitView, duration_text, limits_summary, vnd

LIST = "/procedures/"


@pytest.fixture
def en() -> Client:
    """Pages in English: the assertions do not depend on the Vietnamese catalogue."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def codes_in(body: str) -> list[str]:
    return re.findall(r'href="/procedures/(\d\.\d{6})/"', body)


def results_codes(response: Any) -> list[str]:
    return [row.code for row in response.context["rows"]]


# --- List ------------------------------------------------------------------------------------


def test_list_shows_published_procedures_in_force_only(en, catalogue):
    response = en.get(LIST)
    assert response.status_code == 200
    codes = results_codes(response)
    assert codes == ["1.000894", "1.001022", "1.001193", "2.000815"]  # by code
    body = response.content.decode()
    assert "1.002755" not in body  # a draft is not public
    assert "4 procedures in force on 27/11/2026" in body
    assert 'aria-live="polite"' in body
    assert '<th scope="col">' in body and "<caption>" in body


def test_rows_show_field_level_mode_and_time_limit(en, catalogue):
    response = en.get(LIST)
    rows = {row.code: row for row in response.context["rows"]}
    marriage = rows["1.000894"]
    assert marriage.field == "Hộ tịch"
    assert marriage.levels == "Commune level"
    assert (marriage.mode_label, marriage.mode_class) == ("Full online", "badge-ok")
    # Version 2 is in force: 3 working days in person, online flagged for review.
    assert marriage.limits == (
        "In person: 3 working days; Online: 3 working days (to be confirmed)"
    )
    assert rows["1.001193"].mode_label == "Partial online"
    assert rows["2.000815"].limits == "1 working day"
    body = response.content.decode()
    assert '<span class="badge badge-info">Partial online</span>' in body


@pytest.mark.parametrize("q", ["dang ky ket hon", "Đăng ký kết hôn", "DANG KY KET HON"])
def test_search_ignores_accents_and_case(en, catalogue, q):
    response = en.get(LIST, {"q": q})
    # The plain procedure (shorter title) before its variant; nothing else matches.
    assert results_codes(response) == ["1.000894", "1.001022"]
    assert "2 procedures match" in response.content.decode()


def test_filters_by_field_level_agency_kind_and_mode(en, catalogue):
    civil = catalogue.civil.code
    assert results_codes(en.get(LIST, {"field": civil})) == ["1.000894", "1.001022", "1.001193"]
    assert results_codes(en.get(LIST, {"level": "province"})) == ["1.001022"]
    assert results_codes(en.get(LIST, {"agency_kind": "department"})) == ["1.001022"]
    assert results_codes(en.get(LIST, {"service_mode": "partial_online"})) == ["1.001193"]
    both = en.get(LIST, {"q": "ket hon", "field": civil, "level": "commune"})
    assert results_codes(both) == ["1.000894"]


def test_unknown_filter_value_is_a_form_error_not_a_500(en, catalogue):
    response = en.get(LIST, {"field": "no-such-field", "service_mode": "teleport"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"field", "service_mode"}
    assert 'role="alert"' in response.content.decode()


def test_no_match_says_so(en, catalogue):
    body = en.get(LIST, {"q": "zzzz qqqq"}).content.decode()
    assert "No published procedure matches" in body


def test_htmx_gets_the_results_partial_and_the_form_waits_for_two_characters(en, catalogue):
    response = en.get(LIST, {"q": "khai sinh"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "<table" in body
    assert codes_in(body) == ["1.001193"]
    page = en.get(LIST).content.decode()
    # htmx validates the form before a live request: minlength makes it wait for 2 letters.
    assert re.search(r'<input[^>]*name="q"[^>]*minlength="2"', page)
    assert 'hx-trigger="input changed delay:300ms from:#id_q, change, submit"' in page
    assert 'hx-target="#procedure-results"' in page


def test_pagination_keeps_the_filters(en, catalogue, monkeypatch):
    monkeypatch.setattr("motcua.portal.catalogue_views.PROCEDURES_PER_PAGE", 2)
    response = en.get(LIST, {"field": catalogue.civil.code})
    body = response.content.decode()
    assert len(response.context["rows"]) == 2
    assert f"?field={catalogue.civil.code}&amp;page=2" in body
    second = en.get(LIST, {"field": catalogue.civil.code, "page": 2})
    assert results_codes(second) == ["1.001193"]


# --- Detail ----------------------------------------------------------------------------------


def detail(client: Client, code: str = "1.000894", **params: str) -> Any:
    return client.get(reverse("portal:procedure_detail", args=[code]), params)


def test_detail_shows_what_a_citizen_needs(en, catalogue):
    response = detail(en)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Thủ tục đăng ký kết hôn</h1>" in body
    # Where, channels and limits (the flagged one honestly marked).
    assert "Ủy ban nhân dân cấp xã" in body
    assert "Commune People&#x27;s Committee" in body
    assert "3 working days" in body and "to be confirmed" in body
    assert "<summary>As published</summary><small>3 Ngày làm việc</small>" in body
    # Documents: originals/copies, mandatory / show only, reusable, template.
    assert "Tờ khai đăng ký kết hôn" in body and "Form TK-KH" in body
    assert "Show only (not kept)" in body and "Mandatory" in body
    assert "Not needed if the data is already in your personal data store." in body
    assert "Giấy tờ bổ sung từ phiên bản 2" in body
    # Fees in Vietnamese style, free ones said so.
    assert "8.000 đ" in body and "Free of charge" in body
    # Steps, with the parallel group shown as such.
    assert "Step 1" in body and "The one-stop unit" in body  # English names on English pages
    assert "At the same time:" in body and "Branch 2" in body and "The tax authority" in body
    assert "4 working hours" in body
    # Result, legal basis, e-form (described, with the online submission button), version.
    assert "Giấy chứng nhận kết hôn" in body and "KQ.G17.000003" in body
    assert "60/2014/QH13" in body and "Luật Hộ tịch" in body
    assert "Husband&#x27;s full name" in body and "at most 100 characters" in body
    assert "Online submission is not available yet" not in body
    assert "/submit/" in body  # the "Submit online" button of the version in force
    assert "Version 2, in force from 01/10/2026" in body
    assert "1234/QĐ-UBND (01/10/2026)" in body
    assert "The whole procedure can be done online" in body
    # Print and export.
    assert 'class="page-actions no-print"' in body
    assert reverse("portal:procedure_export_xlsx") in body
    assert "/api/v1/procedures/1.000894" in body


def test_partial_online_shows_its_legal_reason(en, catalogue):
    body = detail(en, "1.001193").content.decode()
    assert "Partial online" in body
    assert "Cần đối chiếu giấy chứng sinh bản gốc." in body


def test_fee_amount_is_formatted_the_vietnamese_way(en, catalogue):
    assert "2.000 đ" in detail(en, "2.000815").content.decode()
    assert vnd(2000) == "2.000 đ" and vnd(1250000) == "1.250.000 đ"


@pytest.mark.parametrize(
    ("day", "number", "limit"),
    [
        ("2026-09-30", 1, "5 working days"),
        ("2026-10-01", 2, "3 working days"),
        ("2026-10-02", 2, "3 working days"),
    ],
)
def test_at_returns_the_version_in_force_that_day(en, catalogue, day, number, limit):
    response = detail(en, at=day)
    assert response.status_code == 200
    assert response.context["version"].number == number
    body = response.content.decode()
    assert f"Version {number}, in force from" in body
    assert limit in body
    assert "not today's" in body
    assert ("Giấy tờ bổ sung từ phiên bản 2" in body) == (number == 2)


def test_a_day_before_any_version_is_a_404_with_the_versions(en, catalogue):
    response = detail(en, at="2025-12-31")
    assert response.status_code == 404
    body = response.content.decode()
    assert "No version of this procedure was in force on 31/12/2025." in body
    assert "?at=2026-01-01" in body and "?at=2026-10-01" in body


@pytest.mark.parametrize("bad", ["2026-13-45", "yesterday", "30/02/2026", "2026-10-01x"])
def test_bad_date_is_a_clear_message_not_a_500(en, catalogue, bad):
    response = detail(en, at=bad)
    assert response.status_code == 200
    assert response.context["date_form"].errors["at"]
    body = response.content.decode()
    assert "Enter a date as YYYY-MM-DD" in body
    assert "The date could not be read, so the rules in force today are shown." in body
    assert response.context["version"].number == 2


def test_the_vietnamese_date_format_is_accepted_too(en, catalogue):
    assert detail(en, at="30/09/2026").context["version"].number == 1


@pytest.mark.parametrize("code", ["9.999999", "1.002755", "nonsense"])
def test_unknown_or_unpublished_procedure_is_our_404(en, catalogue, code):
    response = detail(en, code)
    assert response.status_code == 404
    assert "errors/404.html" in [t.name for t in response.templates]


# --- Statistics and exports ------------------------------------------------------------------


def test_statistics_per_agency_kind_and_field(en, catalogue):
    response = en.get(reverse("portal:procedure_statistics"))
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.total == 4 and stats.full_online == 3
    kinds = {row.key: (row.procedures, row.full_online) for row in stats.by_agency_kind}
    assert kinds == {"commune_committee": (3, 2), "department": (1, 1)}
    body = response.content.decode()
    assert "4 procedures in force on 27/11/2026, 3 of them fully online." in body
    assert "Commune People&#x27;s Committee" in body and "67 %" in body
    assert "Hộ tịch" in body and "Chứng thực" in body


def test_excel_export_downloads_and_opens(en, catalogue):
    response = en.get(reverse("portal:procedure_export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="danh-muc-tthc-2026-11-27.xlsx"')
    assert "filename*=UTF-8''danh-m%E1%BB%A5c-tthc-2026-11-27.xlsx" in disposition
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Mã TTHC"
    assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == [
        "1.000894",
        "1.001022",
        "1.001193",
        "2.000815",
    ]


def test_json_export_downloads_and_parses(en, catalogue):
    response = en.get(reverse("portal:procedure_export_json"), {"at": "2026-09-30"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "danh-muc-tthc-2026-09-30.json" in response["Content-Disposition"]
    data = CatalogueOut.model_validate(json.loads(response.content))
    marriage = next(p for p in data.procedures if p.MaTTHC == "1.000894")
    assert marriage.motcua.version == 1
    assert marriage.TenTTHC == "Thủ tục đăng ký kết hôn"


def test_export_with_a_bad_date_is_a_400_with_a_message(en, catalogue):
    response = en.get(reverse("portal:procedure_export_json"), {"at": "bad"})
    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in response.content.decode()


# --- Home and helpers ------------------------------------------------------------------------


def test_home_search_box_leads_to_the_catalogue(en, catalogue):
    body = en.get("/").content.decode()
    assert re.search(r'<form method="get" action="/procedures/" role="search">', body)
    assert 'id="home-procedure-q" type="search" name="q"' in body
    assert codes_in(en.get(LIST, {"q": "ket hon"}).content.decode())[0] == "1.000894"


def test_durations_and_summaries_in_words():
    from decimal import Decimal

    from django.utils import translation

    with translation.override("en"):
        assert duration_text(Decimal("1.00"), "working_day") == "1 working day"
        assert duration_text(Decimal("0.50"), "working_day") == "0.5 working days"
        assert duration_text(Decimal("20"), "calendar_day") == "20 calendar days"
        assert duration_text(Decimal("2"), "month") == "2 months"
        same = [LimitView(c, c.title(), "", "3 working days", "", False) for c in ("a", "b")]
        assert limits_summary(same) == "3 working days"
        by_case = [
            LimitView("in_person", "In person", "", "1 working day", "", False),
            LimitView("online", "Online", "", "1 working day", "", False),
            LimitView("in_person", "In person", "verify", "5 working days", "", False),
        ]
        assert limits_summary(by_case) == "1 working day / 5 working days, depending on the case"
        unknown = [LimitView("online", "Online", "", "", "Trực tuyến 5 ...", True)]
        assert limits_summary(unknown) == "to be confirmed"
        no_unit = LimitView(
            "online", "Online", "", "5 (unit to be confirmed)", "5 Ngày", True, True
        )
        assert limits_summary([no_unit]) == "5 (unit to be confirmed)"
    with translation.override("vi"):
        assert duration_text(Decimal("0.50"), "working_day").startswith("0,5 ")
    assert limits_summary([]) == ""


# --- The real catalogue (imported once) -------------------------------------------------------


@pytest.mark.django_db
def test_real_catalogue_three_spellings_give_the_same_first_results(en, catalogue_today):
    call_command("catalog_import", stdout=io.StringIO(), stderr=io.StringIO())
    firsts = []
    for q in ("dang ky ket hon", "Đăng ký kết hôn", "DANG KY KET HON"):
        response = en.get(LIST, {"q": q})
        assert response.status_code == 200
        firsts.append(results_codes(response)[:10])
    assert firsts[0] == firsts[1] == firsts[2]
    assert firsts[0][0] == "1.000894"
    body = detail(en, "1.000894").content.decode()
    assert "to be confirmed" in body or "Online level not stated" in body
