# SPDX-License-Identifier: AGPL-3.0-or-later
"""The context contract of the official documents (Circular 01/2018 → Circular 03/2025 forms).

Callers (the dossier services) build one of the ``*Document`` dataclasses below and call
:func:`render_document`, or pass a plain mapping with the same keys (nested dicts are fine:
Django templates read ``header.agency`` from a dict or an object alike) to :func:`render_kind`.

Moments are timezone-aware datetimes (printed in Vietnam time); dates are ``datetime.date``.
Strings may be NFC or NFD: the renderer NFC-normalises the whole document. Personal data
appears only where the form prescribes it (the applicant's own name and address); the QR code
holds only ``lookup_url``.

Page sizes are part of the :class:`DocumentDefinition`; a province switches a form to A5 (as
Circular 01/2018 prints them) with ``MOTCUA_PDF_PAGE_SIZES = {"receipt": "A5"}`` in settings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, ClassVar

from django.conf import settings

from motcua.core.pdf import PageSize, Signer, render_pdf

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class DocumentKind(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP_NOTICE = "stop_notice"
    CONTROL_SLIP = "control_slip"


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentDefinition:
    """What a form is, where its template lives and what paper it is printed on."""

    kind: DocumentKind
    template_name: str
    page_size: PageSize
    title: str
    form_2018: str
    form_2025: str
    legal_basis: str


DOCUMENTS: dict[DocumentKind, DocumentDefinition] = {
    d.kind: d
    for d in (
        DocumentDefinition(
            kind=DocumentKind.RECEIPT,
            template_name="pdf/receipt.html",
            page_size=PageSize.A4,
            title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            form_2018="Mẫu số 01",
            form_2025="Mẫu số 01",
            legal_basis="Decree 61/2018 Art 17(1)(c); Decree 118/2025 Art 17; Circular 01/2018 "
            "Art 9; Circular 03/2025 Appendix I",
        ),
        DocumentDefinition(
            kind=DocumentKind.SUPPLEMENT_REQUEST,
            template_name="pdf/supplement_request.html",
            page_size=PageSize.A4,
            title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            form_2018="Mẫu số 02",
            form_2025="Mẫu số 02",
            legal_basis="Decree 61/2018 Art 15, 17(1)(a), 19; Decree 118/2025 Art 11",
        ),
        DocumentDefinition(
            kind=DocumentKind.REFUSAL,
            template_name="pdf/refusal.html",
            page_size=PageSize.A4,
            title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            form_2018="Mẫu số 03",
            form_2025="Mẫu số 03",
            legal_basis="Decree 61/2018 Art 17(1)(b), 19",
        ),
        DocumentDefinition(
            kind=DocumentKind.APOLOGY,
            template_name="pdf/apology.html",
            page_size=PageSize.A4,
            title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            form_2018="Mẫu số 04",
            form_2025="Mẫu số 04",
            legal_basis="Decree 61/2018 Art 19 (overdue: apology, one new appointment)",
        ),
        DocumentDefinition(
            kind=DocumentKind.STOP_NOTICE,
            template_name="pdf/stop_notice.html",
            page_size=PageSize.A4,
            title="THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            form_2018="—",
            form_2025="Mẫu số 05",
            legal_basis="Decree 118/2025 Art 21; Circular 03/2025 Art 7",
        ),
        DocumentDefinition(
            kind=DocumentKind.CONTROL_SLIP,
            template_name="pdf/control_slip.html",
            page_size=PageSize.A4,
            title="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            form_2018="Mẫu số 05",
            form_2025="Mẫu số 06",
            legal_basis="Decree 61/2018 Art 19; Circular 01/2018 Art 9",
        ),
    )
}


def definition(kind: DocumentKind | str) -> DocumentDefinition:
    """The definition of ``kind`` with the deployment's page-size override applied."""
    base = DOCUMENTS[DocumentKind(kind)]
    overrides: Mapping[str, str] = getattr(settings, "MOTCUA_PDF_PAGE_SIZES", {}) or {}
    size = overrides.get(base.kind.value)
    return dataclasses.replace(base, page_size=PageSize(size)) if size else base


# --- Shared parts ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class NationalHeader:
    """Two-column header of Decree 30/2020: agency block left, quốc hiệu and tiêu ngữ right.

    ``number`` is the number/symbol after "Số:" (e.g. "125/GTN-TTPVHCC"; empty prints dots to
    fill in by hand); ``place`` and ``date`` give "Tây Ninh, ngày 27 tháng 11 năm 2026".
    """

    agency: str
    parent_agency: str = ""
    number: str = ""
    place: str
    date: dt.date


@dataclasses.dataclass(frozen=True, kw_only=True)
class Applicant:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignatureBlock:
    """``authority`` e.g. "KT. GIÁM ĐỐC"; ``title`` e.g. "PHÓ GIÁM ĐỐC"; then the name."""

    title: str
    name: str = ""
    authority: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReceivedPaper:
    name: str
    originals: int = 0
    copies: int = 0


@dataclasses.dataclass(frozen=True, kw_only=True)
class SupplementItem:
    """One paper to add or correct, and why (the list is given once, completely)."""

    paper: str
    reason: str


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Handover:
    """One row of the control slip: who handed the dossier to whom, when, against which due."""

    step: str
    giver: str
    receiver: str
    handed_at: dt.datetime
    due_at: dt.datetime | None = None
    timeliness: Timeliness | str | None = None
    note: str = ""


# --- Documents -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentContext:
    """Fields every document has. ``lookup_url`` is public; the QR code encodes only it."""

    kind: ClassVar[DocumentKind]

    header: NationalHeader
    dossier_code: str = ""
    procedure_name: str
    applicant: Applicant
    lookup_url: str = ""

    def as_context(self) -> dict[str, Any]:
        """Top-level fields as a template context (nested dataclasses stay objects)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReceiptDocument(DocumentContext):
    """Mẫu 01: giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    kind: ClassVar[DocumentKind] = DocumentKind.RECEIPT

    receiving_unit: str
    papers: Sequence[ReceivedPaper]
    sets: int = 1
    channel: str
    received_at: dt.datetime
    appointment_at: dt.datetime
    processing_time: str = ""
    result_place: str
    lookup_secret: str = ""
    officer_name: str
    logbook_ref: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class SupplementRequestDocument(DocumentContext):
    """Mẫu 02: phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (the complete list, once)."""

    kind: ClassVar[DocumentKind] = DocumentKind.SUPPLEMENT_REQUEST

    received_at: dt.datetime | None = None
    items: Sequence[SupplementItem]
    instructions: str = ""
    officer_name: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RefusalDocument(DocumentContext):
    """Mẫu 03: phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    kind: ClassVar[DocumentKind] = DocumentKind.REFUSAL

    received_at: dt.datetime | None = None
    reasons: Sequence[str]
    officer_name: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApologyDocument(DocumentContext):
    """Mẫu 04: phiếu xin lỗi và hẹn lại ngày trả kết quả (given only once per dossier)."""

    kind: ClassVar[DocumentKind] = DocumentKind.APOLOGY

    received_at: dt.datetime
    old_appointment_at: dt.datetime
    new_appointment_at: dt.datetime
    reason: str
    signer: SignatureBlock


@dataclasses.dataclass(frozen=True, kw_only=True)
class StopNoticeDocument(DocumentContext):
    """Circular 03/2025 Mẫu 05: thông báo dừng giải quyết hồ sơ."""

    kind: ClassVar[DocumentKind] = DocumentKind.STOP_NOTICE

    received_at: dt.datetime
    requested_at: dt.datetime
    reason: str
    signer: SignatureBlock


@dataclasses.dataclass(frozen=True, kw_only=True)
class ControlSlipDocument(DocumentContext):
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (01/2018 Mẫu 05; 03/2025 Mẫu 06)."""

    kind: ClassVar[DocumentKind] = DocumentKind.CONTROL_SLIP

    received_at: dt.datetime
    appointment_at: dt.datetime
    handovers: Sequence[Handover]


def render_kind(
    kind: DocumentKind | str,
    context: Mapping[str, Any],
    *,
    page_size: PageSize | str | None = None,
    signer: Signer | None = None,
) -> bytes:
    """Render a document from a plain mapping with the keys of its ``*Document`` dataclass."""
    spec = definition(kind)
    return render_pdf(
        spec.template_name,
        {**context, "document": spec},
        page_size=page_size or spec.page_size,
        signer=signer,
        sign_reason=spec.title,
        sign_location=_place(context.get("header")),
    )


def render_document(
    document: DocumentContext,
    *,
    page_size: PageSize | str | None = None,
    signer: Signer | None = None,
) -> bytes:
    """Render one of the ``*Document`` dataclasses to PDF bytes."""
    return render_kind(document.kind, document.as_context(), page_size=page_size, signer=signer)


def _place(header: Any) -> str:
    if isinstance(header, Mapping):
        return str(header.get("place", ""))
    return str(getattr(header, "place", ""))
