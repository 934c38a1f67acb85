# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier logbook (Sổ theo dõi hồ sơ): a view over dossiers and their events.

Legal basis: Circular 01/2018/TT-VPCP Art 10 and Mẫu 06 (forms produced in the system, printable;
one logbook per year numbered continuously from 01), Circular 03/2025/TT-VPCP Mẫu 07 (the same
logbook under Decree 118/2025). Columns (docs/DOMAIN.md §2): No., dossier code, TTHC name, number
of sets, applicant, address/phone, lead agency, date received, appointment, date forwarded, date of
result / supplement request, date returned, signature, notes.

Read-only and selector-like: rows come from ``selectors.dossier_list_visible`` (an official sees
only the logbook rows of dossiers in their scope) and the events; nothing here writes. The Excel
files are made here (XlsxWriter, Vietnamese headers of the form, A4 landscape print setup).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from django.db.models import Q

from motcua.agencies.models import Agency
from motcua.core.clock import VN_TZ, localize
from motcua.dossiers.models import DossierEvent, EventType, RuleSet
from motcua.dossiers.selectors import dossier_list_visible
from motcua.dossiers.workflow.engine import STATE_LABELS, State

# Form of the logbook per rule set (the 2018 set names it; Circular 03/2025 renumbered it 07).
LOGBOOK_FORMS = {
    "decree-61-2018": "Circular 01/2018 Mẫu 06",
    "decree-118-2025": "Circular 03/2025 Mẫu 07",
}
DEFAULT_FORM = "Circular 03/2025 Mẫu 07"

# The printed headers of the form (official Vietnamese wording, not translated).
HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày, tháng, năm nhận hồ sơ",
    "Ngày, tháng, năm hẹn trả kết quả",
    "Ngày, tháng, năm chuyển hồ sơ",
    "Ngày, tháng, năm có kết quả / yêu cầu bổ sung",
    "Ngày, tháng, năm trả kết quả",
    "Ký nhận",
    "Ghi chú",
)
_RESULT_EVENTS = (
    EventType.SUPPLEMENT_REQUESTED_AT_RECEIPT,
    EventType.SUPPLEMENT_REQUESTED,
    EventType.RESULT_READY,
    EventType.REJECTED,
)
_ENDED_NOTE = {State.REFUSED, State.CANCELLED, State.STOPPED, State.WITHDRAWAL_REQUESTED}


@dataclass(frozen=True)
class LogbookRow:
    number: int
    code: str
    procedure_name: str
    sets: int
    applicant: str
    address_phone: str
    lead_agency: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    forwarded_at: dt.datetime | None
    result_at: dt.datetime | None
    result_kind: str  # "result", "supplement" or ""
    returned_at: dt.datetime | None
    notes: str
    form: str

    @property
    def number_label(self) -> str:
        return f"{self.number:02d}"


@dataclass
class Logbook:
    agency: Agency
    start: dt.date
    end: dt.date
    form: str
    rows: list[LogbookRow] = field(default_factory=list)


def logbook_form(day: dt.date) -> str:
    """The logbook form of the rule set in force on ``day``."""
    rule_set = (
        RuleSet.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    return form_of(rule_set) if rule_set else DEFAULT_FORM


def form_of(rule_set: RuleSet) -> str:
    return str(rule_set.forms.get("logbook") or LOGBOOK_FORMS.get(rule_set.code, DEFAULT_FORM))


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=VN_TZ)


def logbook_rows(*, user: Any, agency: Agency, start: dt.date, end: dt.date) -> Logbook:
    """Rows of ``agency``'s logbook for dossiers received from ``start`` to ``end`` (inclusive).

    Numbering restarts at 01 each year and counts every dossier received by the agency that year
    before the period too, so a monthly page continues the yearly book.
    """
    qs = (
        dossier_list_visible(user=user)
        .filter(
            receiving_agency=agency,
            code__isnull=False,
            received_at__gte=_day_start(dt.date(start.year, 1, 1)),
            received_at__lt=_day_start(end + dt.timedelta(days=1)),
        )
        .select_related("procedure_version__procedure", "competent_agency", "rule_set")
        .order_by("received_at", "pk")
    )
    dossiers = list(qs)
    events: dict[int, dict[str, Any]] = {d.pk: {} for d in dossiers}
    wanted = [EventType.FORWARDED, *_RESULT_EVENTS, EventType.EXTENDED]
    for dossier_id, kind, moment in (
        DossierEvent.objects.filter(dossier_id__in=list(events), type__in=wanted)
        .order_by("seq")
        .values_list("dossier_id", "type", "occurred_at")
    ):
        seen = events[dossier_id]
        if kind == EventType.FORWARDED:
            seen.setdefault("forwarded", moment)
        elif kind == EventType.EXTENDED:
            seen["extended"] = True
        else:
            seen["result"] = (moment, "supplement" if "supplement" in kind else "result")
    book = Logbook(agency=agency, start=start, end=end, form=logbook_form(start))
    number, year = 0, None
    for d in dossiers:
        received = localize(d.received_at) if d.received_at else None
        if received is None:
            continue
        if received.year != year:
            number, year = 0, received.year
        number += 1
        if received.date() < start:
            continue
        seen = events[d.pk]
        result_at, result_kind = seen.get("result", (None, ""))
        notes = []
        if State(d.status) in _ENDED_NOTE:
            notes.append(str(STATE_LABELS[State(d.status)]))
        if seen.get("extended"):
            notes.append("Đã gia hạn, xin lỗi")
        if d.sla_class == "late":
            notes.append("Quá hạn")
        book.rows.append(
            LogbookRow(
                number=number,
                code=d.code or "",
                procedure_name=d.procedure_version.procedure.name_vi,
                sets=1,
                applicant=d.applicant_name,
                address_phone=", ".join(x for x in (d.applicant_address, d.applicant_phone) if x),
                lead_agency=d.competent_agency.name_vi,
                received_at=d.received_at,
                due_at=d.due_at,
                forwarded_at=seen.get("forwarded"),
                result_at=result_at,
                result_kind=result_kind,
                returned_at=d.returned_at,
                notes="; ".join(notes),
                form=form_of(d.rule_set),
            )
        )
    return book


# --- Excel -----------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return localize(value).strftime("%H:%M %d/%m/%Y")
    return "" if value is None else value


def table_xlsx(
    *,
    sheet_name: str,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> bytes:
    """One sheet: title, subtitle, a bold wrapped header row repeated on every printed page;
    A4 landscape, fitted to the page width (Circular 01/2018 Art 10: printable)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
    head = book.add_format(
        {"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}
    )
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(3)
    last = max(len(headers) - 1, 0)
    sheet.merge_range(0, 0, 0, last, title, bold)
    sheet.merge_range(1, 0, 1, last, subtitle, bold)
    sheet.write_row(3, 0, list(headers), head)
    sheet.set_row(3, 45)
    for i, row in enumerate(rows, start=4):
        sheet.write_row(i, 0, [_cell(v) for v in row], cell)
    for col in range(len(headers)):
        sheet.set_column(col, col, 6 if col == 0 else 16)
    book.close()
    return buffer.getvalue()


def logbook_table(book: Logbook) -> list[list[Any]]:
    """The logbook as table rows in the order of ``HEADERS``."""
    return [
        [
            r.number_label,
            r.code,
            r.procedure_name,
            r.sets,
            r.applicant,
            r.address_phone,
            r.lead_agency,
            r.received_at,
            r.due_at,
            r.forwarded_at,
            r.result_at,
            r.returned_at,
            "",
            r.notes,
        ]
        for r in book.rows
    ]


def logbook_xlsx(book: Logbook) -> bytes:
    period = f"{book.start:%d/%m/%Y} – {book.end:%d/%m/%Y}"
    return table_xlsx(
        sheet_name="Sổ theo dõi hồ sơ",
        title="SỔ THEO DÕI HỒ SƠ",
        subtitle=f"{book.agency.name_vi} · {period} · {book.form}",
        headers=HEADERS,
        rows=logbook_table(book),
    )


CONTROL_SLIP_HEADERS = (
    "STT",
    "Bước xử lý",
    "Bên giao",
    "Bên nhận",
    "Thời gian giao, nhận",
    "Hạn xử lý",
    "Thời gian hoàn thành",
    "Kết quả (trước hạn / đúng hạn / quá hạn)",
    "Ghi chú",
)
TIMELINESS_VI = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def control_slip_xlsx(ctx: dict[str, Any]) -> bytes:
    """The control slip (``receipts.control_slip_context``) as a spreadsheet."""
    rows = [
        [
            i,
            r["name"],
            r["giver"],
            r["receiver"],
            r["started_at"],
            r["due_at"],
            r["finished_at"],
            TIMELINESS_VI.get(r["timeliness"], ""),
            r["outcome"],
        ]
        for i, r in enumerate(ctx["rows"], start=1)
    ]
    return table_xlsx(
        sheet_name="Phiếu kiểm soát",
        title="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        subtitle=f"Mã hồ sơ: {ctx['code']} · {ctx['applicant']['name']}",
        headers=CONTROL_SLIP_HEADERS,
        rows=rows,
    )
