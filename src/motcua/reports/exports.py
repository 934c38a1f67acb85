# SPDX-License-Identifier: AGPL-3.0-or-later
"""Report II.06a as the official form: Excel (XlsxWriter) and PDF (WeasyPrint, A4 landscape).

Headers are those of "Biểu số II.06a/VPCP/KSTT" in Vietnamese whatever the user's language:
the file is the official report.
"""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

from motcua.core import clock
from motcua.core.pdf import render_pdf
from motcua.reports.queries import COLUMNS, Report

FORM_CODE = "Biểu số II.06a/VPCP/KSTT"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
GROUP_HEADERS = (
    (3, 6, "Số hồ sơ nhận giải quyết"),
    (7, 10, "Số hồ sơ đã giải quyết"),
    (11, 13, "Số hồ sơ đang giải quyết"),
)
SUB_HEADERS = {
    3: "Tổng số",
    4: "Trong kỳ: trực tuyến",
    5: "Trong kỳ: trực tiếp, dịch vụ bưu chính",
    6: "Từ kỳ trước chuyển qua",
    7: "Tổng số",
    8: "Trước hạn",
    9: "Đúng hạn",
    10: "Quá hạn",
    11: "Tổng số",
    12: "Trong hạn",
    13: "Quá hạn",
}
GROUP_LABELS = {"agency": "Đơn vị", "field": "Lĩnh vực", "procedure": "Thủ tục hành chính"}
TOTAL_LABEL = "Tổng cộng"
UNIT_NOTE = "Đơn vị tính: Số hồ sơ TTHC"


def period_text(report: Report) -> str:
    p = report.period
    return f"Kỳ báo cáo: từ ngày {p.start:%d/%m/%Y} đến ngày {p.end:%d/%m/%Y}"


def ii06a_xlsx(report: Report) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("II.06a")
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "align": "center", "font_size": 13})
    center = wb.add_format({"align": "center", "italic": True})
    head = wb.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#DDEBF7",
        }
    )
    num = wb.add_format({"border": 1, "align": "center", "italic": True})
    cell = wb.add_format({"border": 1})
    text = wb.add_format({"border": 1, "text_wrap": True})
    total = wb.add_format({"border": 1, "bold": True})
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 42)
    ws.set_column(2, 12, 11)
    ws.write(0, 0, FORM_CODE, bold)
    ws.merge_range(1, 0, 1, 12, TITLE, title)
    ws.merge_range(2, 0, 2, 12, f"Đơn vị báo cáo: {report.unit.name_vi}", center)
    ws.merge_range(3, 0, 3, 12, period_text(report), center)
    ws.write(4, 12, UNIT_NOTE)
    top, sub = 5, 6
    ws.merge_range(top, 0, sub, 0, "STT", head)
    ws.merge_range(top, 1, sub, 1, GROUP_LABELS[report.grouping], head)
    for first, last, label in GROUP_HEADERS:
        ws.merge_range(top, first - 1, top, last - 1, label, head)
    for col, label in SUB_HEADERS.items():
        ws.write(sub, col - 1, label, head)
    ws.set_row(sub, 45)
    for col in range(1, 14):
        ws.write(7, col - 1, f"({col})", num)
    row = 8
    for i, line in enumerate(report.lines, start=1):
        ws.write_number(row, 0, i, cell)
        ws.write_string(row, 1, line.label, text)
        for col in COLUMNS:
            ws.write_number(row, col - 1, line.cols[col], cell)
        row += 1
    ws.write(row, 0, "", total)
    ws.write(row, 1, TOTAL_LABEL, total)
    for col in COLUMNS:
        ws.write_number(row, col - 1, report.total.cols[col], total)
    ws.write(
        row + 2,
        1,
        f"Số liệu đến hết ngày {report.state_day:%d/%m/%Y}; lập lúc {clock.now():%H:%M %d/%m/%Y}.",
    )
    ws.freeze_panes(8, 2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    wb.close()
    return buffer.getvalue()


def ii06a_context(report: Report) -> dict[str, Any]:
    return {
        "form_code": FORM_CODE,
        "title": TITLE,
        "report": report,
        "period_text": period_text(report),
        "unit_note": UNIT_NOTE,
        "group_label": GROUP_LABELS[report.grouping],
        "groups": [(label, last - first + 1) for first, last, label in GROUP_HEADERS],
        "sub_headers": list(SUB_HEADERS.values()),
        "numbers": list(range(1, 14)),
        "columns": list(COLUMNS),
        "total_label": TOTAL_LABEL,
        "made_at": clock.now(),
    }


def ii06a_pdf(report: Report) -> bytes:
    return render_pdf("desk/reports/ii06a_pdf.html", ii06a_context(report))
