# SPDX-License-Identifier: AGPL-3.0-or-later
"""``catalog_import``: real files, idempotence, malformed input, ambiguous values flagged."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from motcua.catalog.importer import DEFAULT_JSON, IMPORT_EFFECTIVE_FROM, import_catalogue
from motcua.catalog.importer.parse import fees, legal_bases, parse_record, time_limit
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, RequiredDocument, TimeLimit

pytestmark = pytest.mark.django_db


def _records() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(DEFAULT_JSON.read_text(encoding="utf-8"))
    return data


def test_real_files_import_idempotently_with_progress_and_summary() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("catalog_import", stdout=out, stderr=err)
    assert "created: 2639; updated: 0; unchanged: 0; skipped: 0" in out.getvalue()
    assert "CSV rows covered by detailed records: 304" in out.getvalue()
    assert "catalog_import: 2943/2943 records (100%)" in err.getvalue()
    assert Procedure.objects.count() == 2639
    assert ProcedureVersion.objects.filter(status="published").count() == 304
    assert not ProcedureVersion.objects.exclude(effective_from=IMPORT_EFFECTIVE_FROM).exists()
    assert Procedure.objects.filter(versions__isnull=True, needs_review=True).count() == 2335

    out = io.StringIO()
    call_command("catalog_import", stdout=out, stderr=io.StringIO())
    assert "created: 0; updated: 0; unchanged: 2639; skipped: 0" in out.getvalue()
    assert ProcedureVersion.objects.count() == 304


def test_malformed_file_reports_each_bad_record_and_imports_the_rest(tmp_path: Path) -> None:
    good = _records()[:3]
    bad_code = {**good[0], "code": "1.23"}
    records = [
        good[0],
        "not a record",
        bad_code,
        {**good[1], "name": ""},
        good[1],
        good[0],
        good[2],
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text(
        "code,name,field,issuing_ministry,implementing_agencies,source_list\n"
        "9.999999,Thủ tục thử,Hộ tịch,Bộ Tư pháp,,x.xlsx\n"
        "bad,Thủ tục sai mã,Hộ tịch,Bộ Tư pháp,,x.xlsx\n"
        ",Không có mã,Hộ tịch,,,x.xlsx\n",
        encoding="utf-8",
    )
    with translation.override("en"):  # the reasons are asserted in English below
        summary = import_catalogue(json_path=path, csv_path=csv_path)
    reasons = dict(summary.skipped)
    assert set(reasons) == {"record 2", "record 3", "record 4", "record 6", "line 3", "line 4"}
    assert "code" in reasons["record 3"]
    assert "repeated" in reasons["record 6"]
    assert summary.created == 4  # three detailed records + one CSV row
    assert Procedure.objects.filter(code="9.999999", needs_review=True).exists()
    assert not Procedure.objects.filter(code="1.23").exists()


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    summary = import_catalogue(json_path=path, csv_path=None)
    assert summary.created == 0 and len(summary.skipped) == 1


def test_ambiguous_values_are_kept_as_text_and_flagged(tmp_path: Path) -> None:
    record = next(r for r in _records() if r["code"] == "1.012994")  # "30 Ngày"
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
    import_catalogue(json_path=path, csv_path=None)
    limit = TimeLimit.objects.get(version__procedure__code="1.012994", channel="online")
    assert (limit.amount, limit.unit, limit.needs_review) == (30, "", True)
    assert "30 Ngày" in limit.raw
    procedure = Procedure.objects.get(code="1.012994")
    assert procedure.needs_review and "30 Ngày" in procedure.review_notes
    assert procedure.results == [
        {"name": record["result"].split("Mã:")[0].strip(), "code": "KQ.G12.000804"}
    ]


def test_parse_rules_never_guess() -> None:
    notes: list[str] = []
    assert (
        time_limit("online", {"processing_time": "3 Ngày làm việc"}, notes)["unit"] == "working_day"
    )
    assert time_limit("online", {"processing_time": "1"}, notes)["unit"] is None
    assert time_limit("online", {"processing_time": "4 Giờ"}, notes)["unit"] is None
    assert time_limit("online", {"processing_time": None}, notes)["amount"] is None
    rows = fees([("online", "100 VNĐ(x)"), ("in_person", "100,000 VNĐ(x)")], notes)
    assert all(r["amount_vnd"] is None and r["needs_review"] for r in rows)
    rows = fees(
        [("online", "2,000 Việt Nam Đồng(/trang)"), ("postal", "2,000 Việt Nam Đồng(/trang)")],
        notes,
    )
    assert rows[0]["amount_vnd"] == 2000 and rows[0]["channel"] is None
    assert fees([("online", "1100 VNĐ(Phí công bố 100.000 đồng)")], notes)[0]["amount_vnd"] is None
    assert fees([("online", "Miễn phí")], notes)[0] == {**fees([("online", "Miễn phí")], [])[0]}
    assert fees([("online", "Miễn phí(Không)")], notes)[0]["amount_vnd"] == 0
    assert fees([("online", "Miễn phí(Theo quy định của HĐND)")], notes)[0]["amount_vnd"] is None
    assert legal_bases(
        "Tên văn bản pháp lýMã văn bảnLuật Đất đai31/2024/QH15Nghị định X118/2025/NĐ-CPLuật Y"
    ) == [
        {"title": "Luật Đất đai", "number": "31/2024/QH15"},
        {"title": "Nghị định X", "number": "118/2025/NĐ-CP"},
        {"title": "Luật Y", "number": ""},
    ]


def test_document_quantities_that_swallowed_a_digit_are_flagged() -> None:
    record = {
        "code": "1.000001",
        "name": "X",
        "required_documents": [
            {"group": "* Giấy tờ phải xuất trình:", "document": "CCCD", "quantity": "1 bản chính"},
            {"group": None, "document": "Tờ khai mẫu 18", "quantity": "181 bản chính,1 bản sao"},
        ],
    }
    parsed = parse_record(record)
    first, second = parsed.documents
    assert (first["originals"], first["requirement"], first["needs_review"]) == (
        1,
        "show_only",
        False,
    )
    assert (second["originals"], second["needs_review"]) == (None, True)


def test_import_keeps_fee_and_document_flags_in_the_database(tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    path.write_text(json.dumps(_records()[:40], ensure_ascii=False), encoding="utf-8")
    import_catalogue(json_path=path, csv_path=None)
    assert not Fee.objects.filter(amount_vnd__lt=0).exists()
    assert Fee.objects.filter(needs_review=True, amount_vnd__isnull=True).exists()
    assert RequiredDocument.objects.exists()
