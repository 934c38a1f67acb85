# SPDX-License-Identifier: AGPL-3.0-or-later
"""Official PDF documents: layout, Vietnamese text layer, QR, fonts, no network.

Text, fonts and pages are read back with Debian ``poppler-utils`` (pdftotext, pdffonts, pdfinfo,
pdftoppm) and the QR code with ``zbar-tools`` (zbarimg); tests needing a missing tool are
skipped with the apt command (scripts/ensure_system_packages.sh installs them). Each document is
rendered once per module; the whole file runs in a few seconds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import socket
import subprocess
import unicodedata
import zlib
from pathlib import Path

import pytest
import segno
from django.template import Engine
from django.test import override_settings

from motcua.core import documents as d
from motcua.core import pdf
from motcua.core.clock import VN_TZ

NFD_NAME = "Nguye\u0302\u0303n Thị Hồng Nhung"  # "Nguyễn" decomposed: e + circumflex + tilde
NAME = "Nguyễn Thị Hồng Nhung"
CODE = "000.00.21.H56-261127-0001"
LOOKUP = f"https://dichvucong.tayninh.gov.vn/tra-cuu/{CODE}"


def at(hour: int, minute: int, day: int = 27, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


HEADER = d.NationalHeader(
    parent_agency="UBND TỈNH TÂY NINH",
    agency="Trung tâm Phục vụ hành chính công",
    number="125/GTN-TTPVHCC",
    place="Tây Ninh",
    date=dt.date(2026, 11, 27),
)
APPLICANT = d.Applicant(
    name=NFD_NAME, address="Số 12, đường 30/4, phường Tân Ninh, tỉnh Tây Ninh", phone="0912345678"
)
COMMON = {
    "header": HEADER,
    "dossier_code": CODE,
    "procedure_name": "Đăng ký khai sinh có yếu tố nước ngoài",
    "applicant": APPLICANT,
    "lookup_url": LOOKUP,
}
SIGNER = d.SignatureBlock(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Phạm Quốc Dũng")

RECEIPT = d.ReceiptDocument(
    **COMMON,
    receiving_unit="Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
    papers=[
        d.ReceivedPaper(name="Tờ khai đăng ký khai sinh", originals=1),
        d.ReceivedPaper(name="Giấy chứng sinh", originals=1),
        d.ReceivedPaper(name="Hộ chiếu của người yêu cầu", copies=2),
    ],
    channel="Trực tiếp",
    received_at=at(8, 30),
    appointment_at=at(16, 0, 18, 12),
    processing_time="15 ngày làm việc",
    result_place="Quầy số 5, Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
    lookup_secret="K7QF-2M9X",
    officer_name="Trần Văn Bình",
)


def control_slip(rows: int) -> d.ControlSlipDocument:
    kinds = [d.Timeliness.EARLY, d.Timeliness.ON_TIME, d.Timeliness.LATE]
    return d.ControlSlipDocument(
        **COMMON,
        received_at=at(8, 30),
        appointment_at=at(16, 0, 18, 12),
        handovers=[
            d.Handover(
                step=f"Bước {i}: thẩm định",
                giver="Trần Văn Bình",
                receiver="Lê Thị Cúc",
                handed_at=at(8, 30),
                due_at=at(17, 0, 28),
                timeliness=kinds[i % 3],
            )
            for i in range(1, rows + 1)
        ],
    )


DOCUMENTS: dict[str, tuple[d.DocumentContext, str]] = {
    "receipt": (RECEIPT, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "supplement_request": (
        d.SupplementRequestDocument(
            **COMMON,
            received_at=at(9, 0),
            items=[
                d.SupplementItem(paper="Giấy chứng sinh", reason="Bản sao không có chứng thực"),
                d.SupplementItem(paper="Tờ khai", reason="Thiếu chữ ký của người yêu cầu"),
            ],
            officer_name="Trần Văn Bình",
        ),
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    ),
    "refusal": (
        d.RefusalDocument(
            **COMMON,
            reasons=["Thủ tục không thuộc thẩm quyền giải quyết của cơ quan."],
            officer_name="Trần Văn Bình",
        ),
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    ),
    "apology": (
        d.ApologyDocument(
            **COMMON,
            received_at=at(8, 30),
            old_appointment_at=at(16, 0, 18, 12),
            new_appointment_at=at(16, 0, 25, 12),
            reason="Cần xác minh thêm thông tin với cơ quan đăng ký hộ tịch trước đây.",
            signer=SIGNER,
        ),
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    ),
    "stop_notice": (
        d.StopNoticeDocument(
            **COMMON,
            received_at=at(8, 30),
            requested_at=at(10, 0, 2, 12),
            reason="Người yêu cầu rút hồ sơ.",
            signer=SIGNER,
        ),
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    ),
    "control_slip": (control_slip(3), "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
}


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(
            f"{tool} missing: apt-get install {package} (scripts/ensure_system_packages.sh)"
        )
    return path


def run(*args: str | Path) -> str:
    return subprocess.run(  # noqa: S603 - fixed Debian tools on our own temp files
        [str(a) for a in args], check=True, capture_output=True, text=True, timeout=20
    ).stdout


def pages_text(pdf_path: Path) -> list[str]:
    need("pdftotext", "poppler-utils")
    return run("pdftotext", "-layout", pdf_path, "-").split("\f")[:-1]


def page_count(pdf_path: Path) -> int:
    need("pdfinfo", "poppler-utils")
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf_path), re.M)[1])  # type: ignore[index]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for kind, (document, _title) in DOCUMENTS.items():
        paths[kind] = out / f"{kind}.pdf"
        paths[kind].write_bytes(d.render_document(document))
    paths["receipt_a5"] = out / "receipt_a5.pdf"
    paths["receipt_a5"].write_bytes(d.render_document(RECEIPT, page_size="A5"))
    paths["slip60"] = out / "slip60.pdf"
    paths["slip60"].write_bytes(d.render_document(control_slip(60)))
    return paths


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_each_document_is_a_one_page_pdf_with_the_national_header(rendered, kind):
    data = rendered[kind].read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(rendered[kind]) == 1
    (text,) = pages_text(rendered[kind])
    flat = squash(text)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH TÂY NINH",
        "TRUNG TÂM PHỤC VỤ HÀNH",
        "Số: 125/GTN-TTPVHCC",
        "Tây Ninh, ngày 27 tháng 11 năm 2026",
        DOCUMENTS[kind][1],
        "Trang 1/1",
    ):
        assert expected in flat, expected


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_nfd_input_prints_as_nfc(rendered, kind):
    (text,) = pages_text(rendered[kind])
    assert NAME in squash(text)
    assert "\u0302" not in text and "\u0303" not in text  # no loose combining marks
    assert unicodedata.is_normalized("NFC", text)


def test_receipt_carries_every_prescribed_field(rendered):
    flat = squash(pages_text(rendered["receipt"])[0])
    for expected in (
        f"Mã hồ sơ: {CODE}",
        "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh tiếp nhận hồ sơ của",
        "Đăng ký khai sinh có yếu tố nước ngoài",
        "Hộ chiếu của người yêu cầu",
        "Bản chính",
        "Bản sao",
        "Hình thức nộp hồ sơ: Trực tiếp",
        "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 27/11/2026",
        "16 giờ 00 phút, ngày 18/12/2026",
        "Nơi nhận kết quả: Quầy số 5",
        LOOKUP,
        "K7QF-2M9X",
        "Trần Văn Bình",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):
        assert expected in flat, expected


def test_letters_carry_reasons_and_appointments(rendered):
    apology = squash(pages_text(rendered["apology"])[0])
    assert "16 giờ 00 phút, ngày 18/12/2026" in apology  # old appointment
    assert "16 giờ 00 phút, ngày 25/12/2026" in apology  # new appointment
    assert "Cần xác minh thêm thông tin" in apology
    assert "KT. GIÁM ĐỐC" in apology and "Phạm Quốc Dũng" in apology
    supplement = squash(pages_text(rendered["supplement_request"])[0])
    assert "Bản sao không có chứng thực" in supplement
    assert "Thiếu chữ ký của người yêu cầu" in supplement
    assert "Thủ tục không thuộc thẩm quyền" in squash(pages_text(rendered["refusal"])[0])
    assert "Người yêu cầu rút hồ sơ" in squash(pages_text(rendered["stop_notice"])[0])


def test_a5_receipt_fits_one_a5_page(rendered):
    need("pdfinfo", "poppler-utils")
    info = run("pdfinfo", rendered["receipt_a5"])
    assert re.search(r"Page size:\s+419\.5\d* x 595\.2\d* pts", info), info
    assert page_count(rendered["receipt_a5"]) == 1


def test_sixty_row_control_slip_spans_pages_with_repeated_header(rendered):
    pages = pages_text(rendered["slip60"])
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, start=1):
        flat = squash(text)
        assert "Bước xử lý" in flat and "Bên giao" in flat and "Trước" in flat  # <thead> again
        assert f"Trang {number}/{total}" in flat
    assert "Trang 2/" in squash(pages[1])
    assert "Bước 60: thẩm định" in squash(pages[-1])
    assert "CỘNG HÒA XÃ HỘI" not in pages[1]  # the national header is on page 1 only


def test_fonts_are_our_liberation_serif_and_noto_sans_subsets_embedded(rendered):
    # The @font-face families are named "Motcua …" so fontconfig can never silently substitute
    # a host font (it ignores spaces: "LiberationSerif" would match the system's copy).
    need("pdffonts", "poppler-utils")
    rows = run("pdffonts", rendered["receipt"]).splitlines()[2:]
    names = {row.split()[0].split("+", 1)[1] for row in rows}
    assert {
        "Motcua-Liberation-Serif",
        "Motcua-Liberation-Serif-Bold",
        "Motcua-Liberation-Serif-Italic",
        "Motcua-Noto-Sans-Bold",
    } <= names
    for row in rows:
        assert re.match(r"[A-Z]{6}\+Motcua-", row), row  # subset prefix, our faces only
        assert " yes yes yes " in row, row  # embedded, subset, ToUnicode
    programs = b"".join(inflated_streams(rendered["receipt"].read_bytes()))
    for family in ("Liberation Serif", "Noto Sans"):  # the font programs' own name tables
        assert family.encode() in programs or family.encode("utf-16-be") in programs


def inflated_streams(data: bytes) -> list[bytes]:
    out = []
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            out.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return out


def test_fonts_and_stylesheet_come_from_static_through_the_fetcher(monkeypatch):
    fetched: list[str] = []
    original = pdf.StaticOnlyFetcher.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", recording)
    monkeypatch.setattr(pdf._local, "resources", None)  # parse the stylesheet afresh
    pdf.render_pdf("pdf/receipt.html", RECEIPT.as_context())
    assert f"{pdf.BASE_URL}pdf/documents.css" in fetched
    assert f"{pdf.BASE_URL}fonts/LiberationSerif-Regular.ttf" in fetched
    assert f"{pdf.BASE_URL}fonts/NotoSans-Bold.ttf" in fetched
    assert all(url.startswith(pdf.BASE_URL) for url in fetched)


def test_qr_svg_is_segno_for_exactly_the_lookup_url_and_is_in_the_document():
    svg = pdf.qr_svg(LOOKUP)
    expected = segno.make(LOOKUP, error="m", micro=False, boost_error=False)
    assert svg == expected.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr")
    assert expected.error == "M"
    html = pdf.render_html("pdf/receipt.html", RECEIPT.as_context())
    assert svg in html
    assert html.count("<svg") == 1


def test_qr_decodes_back_to_the_lookup_url(rendered, tmp_path):
    need("pdftoppm", "poppler-utils")
    zbarimg = need("zbarimg", "zbar-tools")
    run("pdftoppm", "-png", "-r", "150", "-singlefile", rendered["receipt"], tmp_path / "page")
    decoded = run(zbarimg, "--quiet", "--raw", tmp_path / "page.png").strip().splitlines()
    assert decoded == [LOOKUP]


@pytest.mark.parametrize("bad", ["", "dichvucong.gov.vn/x", "javascript:alert(1)", "/tra-cuu/x"])
def test_qr_accepts_only_an_absolute_web_url(bad):
    with pytest.raises(ValueError, match="lookup URL"):
        pdf.qr_svg(bad)


# --- No network, ever ------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/x.png",
        "http://127.0.0.1:8000/static/fonts/LiberationSerif-Regular.ttf",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        "file://example.com/x.png",
        f"{pdf.BASE_URL}fonts/../../settings/base.py",
        f"{pdf.BASE_URL}fonts/missing.ttf",
    ],
)
def test_fetcher_refuses_anything_but_our_static_files(url, no_network):
    fetcher = pdf.StaticOnlyFetcher()
    with pytest.raises(pdf.PdfResourceRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert no_network == []


def test_fetcher_serves_static_files_and_data_urls(no_network):
    fetcher = pdf.StaticOnlyFetcher()
    font = fetcher.fetch(f"{pdf.BASE_URL}fonts/NotoSans-Regular.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,xin%20ch%C3%A0o").read() == "xin chào".encode()
    assert no_network == []


def test_a_template_loading_a_remote_image_fails_without_network(monkeypatch, no_network):
    evil = (
        "{% extends pdf_base %}{% block content %}<p>Logo</p>"
        '<img src="https://example.com/x.png">{% endblock %}'
    )
    engine = pdf.pdf_engine()
    locmem = Engine(
        dirs=engine.dirs,
        loaders=[
            ("django.template.loaders.locmem.Loader", {"pdf/evil.html": evil}),
            "django.template.loaders.filesystem.Loader",
        ],
        builtins=["motcua.core.pdf"],
    )
    monkeypatch.setattr(pdf, "pdf_engine", lambda: locmem)
    fetcher = pdf.StaticOnlyFetcher()
    with pytest.raises(pdf.PdfRenderError, match=r"example\.com"):
        pdf.render_pdf(
            "pdf/evil.html", {**COMMON, "document": d.definition("receipt")}, fetcher=fetcher
        )
    assert fetcher.refused == ["https://example.com/x.png"]
    assert no_network == []


# --- Contract, filters, signing --------------------------------------------------------------


def test_plain_dict_context_renders_like_the_dataclass():
    as_dicts = {
        key: dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
        for key, value in RECEIPT.as_context().items()
    }
    as_dicts["papers"] = [dataclasses.asdict(p) for p in RECEIPT.papers]
    from_dict = pdf.render_html(
        "pdf/receipt.html", {**as_dicts, "document": d.definition("receipt")}
    )
    from_dataclass = pdf.render_html(
        "pdf/receipt.html", {**RECEIPT.as_context(), "document": d.definition("receipt")}
    )
    assert from_dict == from_dataclass
    assert d.render_kind("receipt", as_dicts).startswith(b"%PDF-")


def test_page_size_is_part_of_the_definition_and_overridable():
    assert d.definition("receipt").page_size is pdf.PageSize.A4
    with override_settings(MOTCUA_PDF_PAGE_SIZES={"receipt": "A5"}):
        assert d.definition("receipt").page_size is pdf.PageSize.A5
        assert d.definition("refusal").page_size is pdf.PageSize.A4
    html = pdf.render_html("pdf/receipt.html", RECEIPT.as_context(), page_size="A5")
    assert "size: A5 portrait" in html
    with pytest.raises(ValueError):
        pdf.render_html("pdf/receipt.html", RECEIPT.as_context(), page_size="Letter")


def test_every_definition_has_its_template():
    engine = pdf.pdf_engine()
    for spec in d.DOCUMENTS.values():
        engine.get_template(spec.template_name)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),  # Decree 30: leading zeros
        (dt.date(2026, 11, 27), "ngày 27 tháng 11 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC), "ngày 01 tháng 01 năm 2027"),
    ],
)
def test_vn_date(value, expected):
    assert pdf.vn_date(value) == expected


def test_moments_print_in_vietnam_time_and_naive_ones_are_refused():
    assert pdf.vn_datetime(dt.datetime(2026, 11, 27, 1, 30, tzinfo=dt.UTC)) == (
        "08 giờ 30 phút, ngày 27/11/2026"
    )
    assert (
        pdf.place_date("Tây Ninh", dt.date(2026, 11, 27)) == "Tây Ninh, ngày 27 tháng 11 năm 2026"
    )
    with pytest.raises(ValueError, match="naive"):
        pdf.vn_datetime(dt.datetime(2026, 11, 27, 8, 30))  # noqa: DTZ001


def test_signer_port_gets_the_pdf_reason_and_location():
    calls = []

    class Stamp:
        def sign(self, pdf_bytes: bytes, *, reason: str, location: str) -> bytes:
            calls.append((reason, location))
            return pdf_bytes + b"%signed"

    signed = d.render_document(DOCUMENTS["refusal"][0], signer=Stamp())
    assert signed.endswith(b"%signed")
    assert calls == [("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Tây Ninh")]
    assert pdf.NullSigner().sign(b"%PDF-x", reason="r", location="l") == b"%PDF-x"
