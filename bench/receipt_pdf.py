# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: milliseconds per receipt PDF (Mẫu 01, A4, national header, 6-row table, QR code,
"Trang x/y" footer, Liberation Serif + Noto Sans subsets). A script, not a test; ~15 s.

    .venv/bin/python bench/receipt_pdf.py [--renders 50] [--warmup 5] [--no-fonttools]

Each render gets a new dossier code (so segno encodes a new QR code every time, as in
production) and goes through ``documents.render_document`` → Django template → NFC →
WeasyPrint → bytes. Runs twice: with Debian's libharfbuzz-subset0 (the production setup) and
with WeasyPrint's fontTools fallback (``harfbuzz_subset`` switched off in-process), to show
why the system package matters. Goal (issue 5): p95 ≤ 100 ms with libharfbuzz-subset0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")

import django

django.setup()

import weasyprint  # noqa: E402
import weasyprint.pdf.fonts as wp_fonts  # noqa: E402

from motcua.core import documents as d  # noqa: E402
from motcua.core.clock import VN_TZ  # noqa: E402


def receipt(number: int) -> d.ReceiptDocument:
    code = f"000.00.21.H56-261127-{number:04d}"
    at = dt.datetime(2026, 11, 27, 8, 30, tzinfo=VN_TZ)
    return d.ReceiptDocument(
        header=d.NationalHeader(
            parent_agency="UBND TỈNH TÂY NINH",
            agency="Trung tâm Phục vụ hành chính công",
            number=f"{number}/GTN-TTPVHCC",
            place="Tây Ninh",
            date=at.date(),
        ),
        dossier_code=code,
        procedure_name="Đăng ký khai sinh có yếu tố nước ngoài",
        applicant=d.Applicant(
            name="Nguyễn Thị Hồng Nhung",
            address="Số 12, đường 30/4, phường Tân Ninh, tỉnh Tây Ninh",
            phone="0912 345 678",
            email="nhung.nguyen@example.vn",
        ),
        lookup_url=f"https://dichvucong.tayninh.gov.vn/tra-cuu/{code}",
        receiving_unit="Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
        papers=[
            d.ReceivedPaper(name="Tờ khai đăng ký khai sinh (theo mẫu)", originals=1),
            d.ReceivedPaper(name="Giấy chứng sinh hoặc văn bản thay thế", originals=1),
            d.ReceivedPaper(name="Hộ chiếu hoặc thẻ căn cước của người yêu cầu", copies=1),
            d.ReceivedPaper(name="Giấy chứng nhận kết hôn của cha, mẹ", copies=1),
            d.ReceivedPaper(name="Văn bản thỏa thuận chọn quốc tịch cho con", originals=1),
            d.ReceivedPaper(name="Văn bản ủy quyền (nếu có)", originals=1),
        ],
        channel="Trực tiếp",
        received_at=at,
        appointment_at=at + dt.timedelta(days=21, hours=7, minutes=30),
        processing_time="15 ngày làm việc",
        result_place="Quầy số 5, Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
        lookup_secret="K7QF-2M9X",  # noqa: S106 - a sample, printed on the receipt
        officer_name="Trần Văn Bình",
        logbook_ref="Quyển số 01, số thứ tự 0001",
    )


def measure(renders: int, warmup: int, *, freeze: bool = False) -> tuple[list[float], int]:
    for i in range(warmup):
        d.render_document(receipt(9000 + i))
    if freeze:
        # Long-lived objects out of the collector's way: the p95 tail is mostly gen-2 collections.
        gc.collect()
        gc.freeze()
    times, size = [], 0
    began = time.perf_counter()
    for i in range(renders):
        document = receipt(i + 1)
        start = time.perf_counter()
        data = d.render_document(document)
        times.append((time.perf_counter() - start) * 1000)
        size = len(data)
    # Wall time per render including whatever ran between renders (e.g. a collection deferred
    # by core.pdf until the render ended), so deferring work cannot hide it.
    global WALL_MS
    WALL_MS = (time.perf_counter() - began) * 1000 / max(renders, 1)
    return times, size


WALL_MS = 0.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--no-fonttools", action="store_true", help="skip the fallback run")
    parser.add_argument(
        "--freeze",
        action="store_true",
        help="gc.freeze() after the warm-up, as motcua.wsgi does after start-up",
    )
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # the fallback warns per font

    print(
        f"{platform.platform()} · {os.cpu_count()} CPUs · CPython {platform.python_version()} · "
        f"WeasyPrint {weasyprint.__version__}"
    )
    runs = [("libharfbuzz-subset0", wp_fonts.harfbuzz_subset)]
    if not args.no_fonttools:
        runs.append(("fontTools fallback", None))
    if wp_fonts.harfbuzz_subset is None:
        print("libharfbuzz-subset0 is NOT installed: apt-get install libharfbuzz-subset0")
        runs = [("fontTools fallback", None)]
    saved = wp_fonts.harfbuzz_subset
    try:
        for label, library in runs:
            wp_fonts.harfbuzz_subset = library
            times, size = measure(args.renders, args.warmup, freeze=args.freeze)
            print(
                f"{label:20} n={len(times)} wall/render {WALL_MS:6.1f} ms  "
                f"p50 {statistics.median(times):6.1f} ms  "
                f"p95 {pct(times, 0.95):6.1f} ms  min {min(times):6.1f}  max {max(times):6.1f}  "
                f"{size / 1024:.1f} KiB"
            )
    finally:
        wp_fonts.harfbuzz_subset = saved


if __name__ == "__main__":
    main()
