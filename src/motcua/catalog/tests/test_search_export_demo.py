# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo catalogue, accent-insensitive search, statistics and exports (Excel, JSON)."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl  # test aid only (dev dependency)
import pytest

from motcua.catalog.constants import VersionOrigin
from motcua.catalog.demo import DEMO, DEMO_EFFECTIVE_FROM, seed_demo_catalogue
from motcua.catalog.export import catalogue_export_json, catalogue_export_xlsx
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.schemas import CatalogueOut
from motcua.catalog.selectors import (
    catalogue_statistics,
    procedure_list,
    procedure_version_in_force,
)

pytestmark = pytest.mark.django_db


def test_demo_catalogue_search_statistics_and_exports() -> None:
    seed_demo_catalogue()
    seed_demo_catalogue()  # idempotent
    demo = ProcedureVersion.objects.filter(origin=VersionOrigin.DEMO)
    assert demo.count() == len(DEMO) == 21
    assert all(v.status == "published" and v.steps.exists() and v.eform for v in demo)
    land = procedure_version_in_force(code="1.013831", on=DEMO_EFFECTIVE_FROM)
    assert land is not None and land.financial_obligation and land.inter_agency
    assert {s.performer for s in land.steps.all()} >= {"tax_authority", "land_registration_office"}
    before = procedure_version_in_force(code="1.013831", on=DEMO_EFFECTIVE_FROM - dt.timedelta(1))
    assert before is not None and before.origin == VersionOrigin.IMPORT
    copy_fee = procedure_version_in_force(code="2.000815", on=DEMO_EFFECTIVE_FROM)
    assert copy_fee is not None and copy_fee.fees.get().amount_vnd == 2000

    queries = ("dang ky ket hon", "Đăng ký kết hôn", "DANG KY KET HON")
    results = [[p.code for p in procedure_list(q=q, published_only=True)[:5]] for q in queries]
    assert results[0] == results[1] == results[2]
    assert results[0][0] == "1.000894"
    birth = procedure_version_in_force(code="1.001193", on=DEMO_EFFECTIVE_FROM)
    assert birth is not None and birth.procedure.field is not None
    civil = procedure_list(q="khai sinh", field=birth.procedure.field.code, level="commune")
    assert "1.001193" in [p.code for p in civil[:5]]
    assert all(p.field_id == birth.procedure.field_id for p in civil)
    assert list(procedure_list(service_mode="partial_online"))

    stats = catalogue_statistics()
    assert stats.total == 304 and 0 < stats.full_online <= len(DEMO)
    assert sum(r.procedures for r in stats.by_field) == 304

    book = openpyxl.load_workbook(io.BytesIO(catalogue_export_xlsx()))
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "Mã TTHC" and sheet["B1"].value == "Tên thủ tục hành chính"
    assert sheet.max_row == 305

    data = json.loads(catalogue_export_json())
    parsed = CatalogueOut.model_validate(data)
    assert len(parsed.procedures) == 304
    marriage = next(p for p in parsed.procedures if p.MaTTHC == "1.000894")
    assert marriage.TenTTHC == "Thủ tục đăng ký kết hôn"
    assert marriage.MaLinhVuc.startswith("gen-") and marriage.motcua.field_code_generated
    assert {c.Kenh for c in marriage.CachThucThucHien} == {1, 2, 3}
    assert [c.key for c in marriage.motcua.cases] == ["standard", "verification"]
