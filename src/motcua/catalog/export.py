# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogue export: JSON (``schemas.CatalogueOut``, DVCQG key names) and Excel (XlsxWriter).

Legal basis: Decree 118/2025/NĐ-CP and Circular 01/2018/TT-VPCP Art 8 (publish the TTHC list;
the province's list is also shared as a spreadsheet); DVCQG names per docs/DOMAIN.md §5.2.
Both functions return bytes; ``manage.py catalog_export`` writes them to files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import xlsxwriter
from django.db.models import Prefetch

from motcua.catalog.constants import CHANNEL_DVCQG, FEE_COLLECTED_DVCQG
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.schemas import (
    CaseOut,
    CatalogueOut,
    ChannelOut,
    DocumentOut,
    FeeOut,
    LegalBasisOut,
    MotcuaOut,
    ProcedureOut,
    ResultOut,
    StepOut,
)
from motcua.catalog.selectors import version_in_force_q, version_prefetched
from motcua.core import clock
from motcua.units.models import UnitLevel


def procedure_out(procedure: Procedure, version: ProcedureVersion | None) -> ProcedureOut:
    """The export record of ``procedure`` with ``version`` (parts prefetched), or without one."""
    field = procedure.field
    v = version
    cases = {c.pk: c.key for c in v.cases.all()} if v else {}
    return ProcedureOut(
        MaTTHC=procedure.code,
        TenTTHC=procedure.name_vi,
        MaLinhVuc=field.code if field else "",
        TenLinhVuc=field.name_vi if field else "",
        CoQuanThucHien=procedure.competent_authority_text or procedure.implementing_agencies_text,
        CachThucThucHien=[
            ChannelOut(
                Kenh=CHANNEL_DVCQG[t.channel],
                ThoiGian=t.amount,
                DonViTinh=t.unit,
                MoTa=t.raw,
                CanXemXet=t.needs_review,
            )
            for t in (v.time_limits.all() if v else [])
        ],
        ThanhPhanHoSo=[
            DocumentOut(
                MaThanhPhanHoSo=d.code,
                TenGiayTo=d.name,
                SoBanChinh=d.originals,
                SoBanSao=d.copies,
                requirement=d.requirement,
                reusable=d.reusable,
                case=cases.get(d.case_id, "") if d.case_id else "",
                template=d.template_name or (d.template_file.name if d.template_file else ""),
            )
            for d in (v.documents.all() if v else [])
        ],
        DanhSachLePhi=[
            FeeOut(
                TenPhiLePhi=f.name,
                Gia=f.amount_vnd,
                LoaiPhiLePhi=f.kind,
                HinhThucThu=FEE_COLLECTED_DVCQG[f.collected_at],
                schedule=f.schedule_text,
                channel=f.channel,
                needs_review=f.needs_review,
            )
            for f in (v.fees.all() if v else [])
        ],
        KetQuaThucHien=[
            ResultOut(MaKetQua=str(r.get("code", "")), TenKetQua=str(r.get("name", "")))
            for r in procedure.results
        ],
        CanCuPhapLy=[
            LegalBasisOut(SoKyHieu=b.number, TrichYeu=b.title)
            for b in (v.legal_bases.all() if v else [])
        ],
        TrinhTuThucHien=v.steps_text if v else "",
        motcua=MotcuaOut(
            version=v.number if v else None,
            status=v.status if v else "",
            effective_from=v.effective_from if v else None,
            effective_to=v.effective_to if v else None,
            name_en=procedure.name_en,
            field_code_generated=field.code_generated if field else False,
            levels=[lv.code for lv in procedure.levels.all()],
            competent_agency_kinds=list(procedure.competent_agency_kinds),
            applicant_types=list(procedure.applicant_types),
            service_mode=v.service_mode if v else "",
            partial_online_reason=v.partial_online_reason if v else "",
            paper_result_required=v.paper_result_required if v else False,
            inter_agency=v.inter_agency if v else False,
            financial_obligation=v.financial_obligation if v else False,
            decision_number=v.decision_number if v else "",
            decision_date=v.decision_date if v else None,
            issuing_ministry=procedure.issuing_ministry,
            source_url=procedure.source_url,
            needs_review=procedure.needs_review,
            review_notes=procedure.review_notes,
            cases=[
                CaseOut(key=c.key, name_vi=c.name_vi, name_en=c.name_en)
                for c in (v.cases.all() if v else [])
            ],
            steps=[
                StepOut(
                    order=s.order,
                    parallel_group=s.parallel_group,
                    branch=s.branch,
                    name_vi=s.name_vi,
                    name_en=s.name_en,
                    performer=s.performer,
                    agency=s.agency.identifier if s.agency else "",
                    role=s.role,
                    norm_amount=s.norm_amount,
                    norm_unit=s.norm_unit,
                )
                for s in (v.steps.all() if v else [])
            ],
            eform=dict(v.eform) if v else {},
        ),
    )


def _rows(on: dt.date, include_without_version: bool) -> Iterator[ProcedureOut]:
    versions = version_prefetched(ProcedureVersion.objects.filter(version_in_force_q(on)))
    qs = Procedure.objects.select_related("field").prefetch_related(
        "levels", Prefetch("versions", queryset=versions, to_attr="in_force")
    )
    if not include_without_version:
        qs = qs.filter(
            versions__in=ProcedureVersion.objects.filter(version_in_force_q(on))
        ).distinct()
    for procedure in qs.order_by("code"):
        in_force = procedure.in_force
        yield procedure_out(procedure, in_force[0] if in_force else None)


def catalogue_export_json(
    *, on: dt.date | None = None, include_without_version: bool = False
) -> bytes:
    """The catalogue in force on ``on`` (today) as UTF-8 JSON (``schemas.CatalogueOut``)."""
    day = on or clock.today()
    out = CatalogueOut(
        generated_at=clock.now(), on=day, procedures=list(_rows(day, include_without_version))
    )
    return out.model_dump_json(indent=1).encode()


# (header, width, value) — Vietnamese headers as on the province's published lists.
_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Mã TTHC", 11),
    ("Tên thủ tục hành chính", 60),
    ("Mã lĩnh vực", 18),
    ("Lĩnh vực", 30),
    ("Cấp thực hiện", 18),
    ("Cơ quan thực hiện", 35),
    ("Phiên bản", 9),
    ("Hiệu lực từ", 12),
    ("Hiệu lực đến", 12),
    ("Mức độ DVC trực tuyến", 18),
    ("Thời hạn giải quyết", 35),
    ("Phí, lệ phí", 40),
    ("Số giấy tờ", 10),
    ("Liên thông", 10),
    ("Nghĩa vụ tài chính", 12),
    ("Quyết định công bố", 20),
    ("Cần rà soát", 11),
)
_MODES = {"full_online": "Toàn trình", "partial_online": "Một phần", "": ""}
_UNITS = {
    "working_hour": "giờ làm việc",
    "working_day": "ngày làm việc",
    "calendar_day": "ngày",
    "month": "tháng",
    "": "(chưa rõ đơn vị)",
}
_CHANNELS = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính"}


def _limits(p: ProcedureOut) -> str:
    return "; ".join(
        f"{_CHANNELS[c.Kenh]}: {c.ThoiGian.normalize():f} {_UNITS[c.DonViTinh]}"
        if c.ThoiGian
        else f"{_CHANNELS[c.Kenh]}: {c.MoTa or '—'}"
        for c in p.CachThucThucHien
    )


def _fees(p: ProcedureOut) -> str:
    return "; ".join(
        f"{f.Gia:,} đ".replace(",", ".") if f.Gia is not None else f.schedule[:120]
        for f in p.DanhSachLePhi
    )


def catalogue_export_xlsx(
    *, on: dt.date | None = None, include_without_version: bool = False
) -> bytes:
    """The catalogue in force on ``on`` (today) as an .xlsx workbook (one row per procedure)."""
    day = on or clock.today()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Danh mục TTHC")
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
    )
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
    for col, (title, width) in enumerate(_COLUMNS):
        sheet.write(0, col, title, header)
        sheet.set_column(col, col, width, wrap)
    sheet.freeze_panes(1, 0)
    level_names = dict(UnitLevel.objects.values_list("code", "name_vi"))
    row = 0
    for row, p in enumerate(_rows(day, include_without_version), start=1):
        m = p.motcua
        values: list[object] = [
            p.MaTTHC,
            p.TenTTHC,
            p.MaLinhVuc,
            p.TenLinhVuc,
            ", ".join(level_names.get(code, code) for code in m.levels),
            p.CoQuanThucHien,
            m.version or "",
            m.effective_from,
            m.effective_to,
            _MODES.get(m.service_mode, ""),
            _limits(p),
            _fees(p),
            len(p.ThanhPhanHoSo),
            "x" if m.inter_agency else "",
            "x" if m.financial_obligation else "",
            m.decision_number,
            "x" if m.needs_review else "",
        ]
        for col, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_format)
            elif value is None:
                sheet.write_blank(row, col, None)
            else:
                sheet.write(row, col, value)
    sheet.autofilter(0, 0, max(row, 1), len(_COLUMNS) - 1)
    workbook.close()
    return buffer.getvalue()
