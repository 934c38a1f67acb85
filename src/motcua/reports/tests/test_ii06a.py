# SPDX-License-Identifier: AGPL-3.0-or-later
"""Report II.06a on a small fixed history, counted by hand (March 2026)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from motcua.dossiers import services as s
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World, at
from motcua.reports.exports import ii06a_pdf, ii06a_xlsx
from motcua.reports.periods import Period, period_parse
from motcua.reports.queries import ii06a
from motcua.reports.services import aggregates_refresh
from motcua.reports.tests import lifecycles as lc
from motcua.reports.tests.lifecycles import MARCH


def report(w: World, **kw: object) -> object:
    return ii06a(unit=w.province, agency_ids=[w.province.pk, w.centre.pk, w.department.pk],
                 period=MARCH, **kw)  # type: ignore[arg-type]  # fmt: skip


HAND_COUNT = {3: 7, 4: 2, 5: 4, 6: 1, 7: 5, 8: 2, 9: 2, 10: 1, 11: 2, 12: 1, 13: 1}


def test_march_report_matches_the_hand_count(history: World) -> None:
    r = report(history)
    assert r.total.cols == HAND_COUNT  # type: ignore[attr-defined]
    assert [ln.label for ln in r.lines] == ["Sở thử nghiệm"]  # type: ignore[attr-defined]
    # Direct count of the receipts in March from the dossiers themselves.
    received = Dossier.objects.filter(received_at__date__range=(MARCH.start, MARCH.end)).count()
    assert received == HAND_COUNT[4] + HAND_COUNT[5]


def test_drill_down_by_field_and_procedure_keeps_the_totals(history: World) -> None:
    for grouping in ("field", "procedure"):
        assert report(history, grouping=grouping).total.cols == HAND_COUNT  # type: ignore[attr-defined]
    pid = history.version.procedure_id
    assert report(history, procedure_id=pid).total.cols == HAND_COUNT  # type: ignore[attr-defined]
    assert report(history, procedure_id=pid + 999).total.cols[3] == 0  # type: ignore[attr-defined]


def test_quarter_and_year_add_up(history: World) -> None:
    q1 = period_parse({"period": "quarter", "year": "2026", "quarter": "1"})
    r = ii06a(unit=history.province, agency_ids=[history.department.pk], period=q1)
    assert r.total.cols[4] + r.total.cols[5] == 8 and r.total.cols[6] == 0
    assert r.total.cols[3] == r.total.cols[7] + r.total.cols[11]


def test_excel_export_has_the_official_headers_and_totals(history: World) -> None:
    data = ii06a_xlsx(report(history))  # type: ignore[arg-type]
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "Biểu số II.06a/VPCP/KSTT"
    assert "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in ws["A2"].value
    assert ws["C6"].value == "Số hồ sơ nhận giải quyết"
    assert ws["G6"].value == "Số hồ sơ đã giải quyết"
    assert ws["K6"].value == "Số hồ sơ đang giải quyết"
    assert [ws.cell(8, c).value for c in range(1, 14)] == [f"({n})" for n in range(1, 14)]
    assert ws["B9"].value == "Sở thử nghiệm"
    assert ws["B10"].value == "Tổng cộng"
    assert [ws.cell(10, c).value for c in range(3, 14)] == [HAND_COUNT[c] for c in range(3, 14)]


def test_pdf_export_is_a_pdf(history: World) -> None:
    assert ii06a_pdf(report(history)).startswith(b"%PDF")  # type: ignore[arg-type]


def test_supplement_received_ends_the_wait(history: World) -> None:
    d7 = Dossier.objects.filter(status="appraisal_supplement").get()
    with lc.clock.travel(at(2026, 4, 6, 9)):
        s.dossier_supplement_received(actor=history.reception, dossier=d7)
    aggregates_refresh()
    april = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30), "month")
    r = ii06a(unit=history.province, agency_ids=[history.department.pk], period=april)
    assert r.total.cols[6] == 3  # d4, d5, d7 carried over
    assert r.total.cols[9] == 0 and r.total.cols[11] == 4
