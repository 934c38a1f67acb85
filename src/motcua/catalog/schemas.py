# SPDX-License-Identifier: AGPL-3.0-or-later
"""The JSON export/API format of a procedure version (pydantic), documented in docs/catalogue.md.

Keys follow the national portal (DVCQG) where it has a name (docs/DOMAIN.md §5.2: ``MaTTHC``,
``TenTTHC``, ``MaLinhVuc``, ``TenLinhVuc``, ``CoQuanThucHien``, ``CachThucThucHien`` with
``Kenh``/``ThoiGian``/``DonViTinh``, ``ThanhPhanHoSo``, ``KetQuaThucHien`` with ``MaKetQua``/
``TenKetQua``, ``CanCuPhapLy``, ``DanhSachLePhi`` with ``TenPhiLePhi``/``Gia``/``LoaiPhiLePhi``/
``HinhThucThu``). What DVCQG does not name is under ``motcua`` in English snake_case, so no
invented key can be mistaken for an official one. DVCQG codes: ``Kenh`` 1 direct / 2 online /
3 postal; ``HinhThucThu`` 1 receipt / 2 supplement / 4 result.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION = "motcua.catalogue/1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResultOut(_Out):
    MaKetQua: str
    TenKetQua: str


class ChannelOut(_Out):
    Kenh: int = Field(description="1 direct, 2 online, 3 postal")
    ThoiGian: Decimal | None
    DonViTinh: str = Field(description="working_hour, working_day, calendar_day, month or empty")
    MoTa: str = Field(description="source text")
    CanXemXet: bool


class DocumentOut(_Out):
    MaThanhPhanHoSo: str
    TenGiayTo: str
    SoBanChinh: int | None
    SoBanSao: int | None
    requirement: str
    reusable: bool
    case: str
    template: str


class FeeOut(_Out):
    TenPhiLePhi: str
    Gia: int | None
    LoaiPhiLePhi: str = Field(description="fee or charge")
    HinhThucThu: int = Field(description="1 receipt, 2 supplement, 4 result")
    schedule: str
    channel: str
    needs_review: bool


class LegalBasisOut(_Out):
    SoKyHieu: str
    TrichYeu: str


class StepOut(_Out):
    order: int
    parallel_group: str
    branch: int
    name_vi: str
    name_en: str
    performer: str
    agency: str
    role: str
    norm_amount: Decimal
    norm_unit: str


class CaseOut(_Out):
    key: str
    name_vi: str
    name_en: str


class MotcuaOut(_Out):
    """Fields without a DVCQG name."""

    version: int | None
    status: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    name_en: str
    field_code_generated: bool
    levels: list[str]
    competent_agency_kinds: list[str]
    applicant_types: list[str]
    service_mode: str
    partial_online_reason: str
    paper_result_required: bool
    inter_agency: bool
    financial_obligation: bool
    decision_number: str
    decision_date: dt.date | None
    issuing_ministry: str
    source_url: str
    needs_review: bool
    review_notes: str
    cases: list[CaseOut]
    steps: list[StepOut]
    eform: dict[str, object]


class ProcedureOut(_Out):
    MaTTHC: str
    TenTTHC: str
    MaLinhVuc: str
    TenLinhVuc: str
    CoQuanThucHien: str
    CachThucThucHien: list[ChannelOut]
    ThanhPhanHoSo: list[DocumentOut]
    DanhSachLePhi: list[FeeOut]
    KetQuaThucHien: list[ResultOut]
    CanCuPhapLy: list[LegalBasisOut]
    TrinhTuThucHien: str
    motcua: MotcuaOut


class CatalogueOut(_Out):
    format: str = FORMAT_VERSION
    generated_at: dt.datetime
    on: dt.date
    procedures: list[ProcedureOut]
