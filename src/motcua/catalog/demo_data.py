# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo procedures: codes, legal time limits, fees, service modes and e-forms.

The legal basis of every value is listed in ``motcua.catalog.demo``'s docstring.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from motcua.catalog import demo_forms as forms
from motcua.workcal.deadlines import Unit

DEMO_EFFECTIVE_FROM = dt.date(2026, 9, 1)
ALL = ("in_person", "postal", "online")


@dataclass(frozen=True)
class DemoProcedure:
    code: str
    limit: tuple[int, Unit]
    family: str  # civil | cert | business | construction | land | residence
    fees: tuple[dict[str, Any], ...]
    eform: dict[str, Any]
    mode: str = "full_online"
    reason: str = ""
    channels: tuple[str, ...] = ALL
    cases: tuple[tuple[str, str, int], ...] = ()  # (key, name, working days)
    limit_note: str = ""


FREE_CIVIL = (
    {
        "name": "Lệ phí đăng ký hộ tịch",
        "kind": "charge",
        "amount_vnd": 0,
        "schedule_text": "Miễn lệ phí (Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b)",
    },
)
HDND = "Theo Nghị quyết của Hội đồng nhân dân tỉnh (Thông tư 85/2019/TT-BTC)"
PRESENCE = (
    "Người yêu cầu phải xuất trình bản chính hoặc ký trước mặt người thực hiện chứng thực "
    "(Nghị định 23/2015/NĐ-CP, Điều 20 và 24): cần có mặt trực tiếp."
)
LAND_PAPER = (
    "Phải nộp bản gốc Giấy chứng nhận đã cấp và nhận Giấy chứng nhận bản giấy "
    "(Luật Đất đai 2024): không đáp ứng điều kiện toàn trình."
)
LAND_NOTE = "Nguồn quốc gia ghi khác nhau theo kênh; lấy thời hạn của kênh trực tuyến."
LAND_FEE = (
    {
        "name": "Lệ phí cấp Giấy chứng nhận",
        "kind": "charge",
        "schedule_text": HDND,
        "collected_at": "result",
    },
)
DAY = Unit.WORKING_DAY

DEMO: tuple[DemoProcedure, ...] = (
    DemoProcedure("1.001193", (1, DAY), "civil", FREE_CIVIL, forms.BIRTH),
    DemoProcedure(
        "1.000894",
        (1, DAY),
        "civil",
        FREE_CIVIL,
        forms.MARRIAGE,
        cases=(
            ("standard", "Đủ điều kiện, không cần xác minh", 1),
            ("verification", "Cần xác minh điều kiện kết hôn", 5),
        ),
    ),
    DemoProcedure("1.000656", (1, DAY), "civil", FREE_CIVIL, forms.DEATH),
    DemoProcedure("1.004837", (3, DAY), "civil", FREE_CIVIL, forms.BIRTH),
    DemoProcedure(
        "1.001022",
        (3, DAY),
        "civil",
        ({"name": "Lệ phí đăng ký nhận cha, mẹ, con", "kind": "charge", "schedule_text": HDND},),
        forms.BIRTH,
    ),
    DemoProcedure(
        "2.000635",
        (1, DAY),
        "civil",
        (
            {
                "name": "Phí cấp bản sao trích lục hộ tịch",
                "amount_vnd": 8000,
                "schedule_text": "8.000 đồng/bản sao (Thông tư 281/2016/TT-BTC)",
            },
        ),
        forms.BIRTH,
    ),
    DemoProcedure(
        "2.000815",
        (1, DAY),
        "cert",
        (
            {
                "name": "Phí chứng thực bản sao từ bản chính",
                "amount_vnd": 2000,
                "schedule_text": "2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang, "
                "tối đa "
                "200.000 đồng/bản (Thông tư 226/2016/TT-BTC)",
            },
        ),
        forms.CERTIFICATION,
        "partial_online",
        PRESENCE,
        ("in_person",),
    ),
    DemoProcedure(
        "2.000884",
        (1, DAY),
        "cert",
        (
            {
                "name": "Phí chứng thực chữ ký",
                "amount_vnd": 10000,
                "schedule_text": "10.000 đồng/trường hợp (Thông tư 226/2016/TT-BTC)",
            },
        ),
        forms.CERTIFICATION,
        "partial_online",
        PRESENCE,
        ("in_person",),
    ),
    DemoProcedure(
        "1.004222",
        (7, DAY),
        "residence",
        (
            {
                "name": "Lệ phí đăng ký thường trú",
                "kind": "charge",
                "amount_vnd": 20000,
                "channel": "in_person",
                "schedule_text": "Thông tư 75/2022/TT-BTC",
            },
            {
                "name": "Lệ phí đăng ký thường trú (trực tuyến)",
                "kind": "charge",
                "amount_vnd": 10000,
                "channel": "online",
                "schedule_text": "Thông tư 75/2022/TT-BTC",
            },
        ),
        forms.RESIDENCE,
        channels=("in_person", "online"),
    ),
    DemoProcedure(
        "1.004194",
        (3, DAY),
        "residence",
        (
            {
                "name": "Lệ phí đăng ký tạm trú",
                "kind": "charge",
                "schedule_text": "Theo Thông tư 75/2022/TT-BTC",
            },
        ),
        forms.RESIDENCE,
        channels=("in_person", "online"),
    ),
    DemoProcedure(
        "1.002755",
        (3, DAY),
        "residence",
        (
            {
                "name": "Lệ phí gia hạn tạm trú",
                "kind": "charge",
                "schedule_text": "Theo Thông tư 75/2022/TT-BTC",
            },
        ),
        forms.RESIDENCE,
        channels=("in_person", "online"),
    ),
    DemoProcedure(
        "1.001612",
        (3, DAY),
        "business",
        ({"name": "Lệ phí đăng ký hộ kinh doanh", "kind": "charge", "schedule_text": HDND},),
        forms.BUSINESS,
    ),
    DemoProcedure(
        "2.000720",
        (3, DAY),
        "business",
        ({"name": "Lệ phí đăng ký hộ kinh doanh", "kind": "charge", "schedule_text": HDND},),
        forms.BUSINESS,
    ),
    DemoProcedure(
        "2.001610",
        (3, DAY),
        "business",
        (
            {
                "name": "Lệ phí đăng ký doanh nghiệp",
                "kind": "charge",
                "schedule_text": "Thông tư 47/2019/TT-BTC (miễn khi đăng ký qua mạng); "
                "mức giảm theo "
                "Thông tư 64/2025/TT-BTC",
            },
            {
                "name": "Phí công bố nội dung đăng ký doanh nghiệp",
                "amount_vnd": 100000,
                "schedule_text": "100.000 đồng/lần (Thông tư 47/2019/TT-BTC)",
            },
        ),
        forms.BUSINESS,
    ),
    DemoProcedure(
        "1.013225",
        (20, Unit.CALENDAR_DAY),
        "construction",
        ({"name": "Lệ phí cấp giấy phép xây dựng", "kind": "charge", "schedule_text": HDND},),
        forms.CONSTRUCTION,
    ),
    DemoProcedure(
        "1.013229",
        (20, Unit.CALENDAR_DAY),
        "construction",
        ({"name": "Lệ phí cấp giấy phép xây dựng", "kind": "charge", "schedule_text": HDND},),
        forms.CONSTRUCTION,
    ),
    DemoProcedure(
        "1.013228",
        (5, DAY),
        "construction",
        ({"name": "Lệ phí cấp giấy phép xây dựng", "kind": "charge", "schedule_text": HDND},),
        forms.CONSTRUCTION,
    ),
    DemoProcedure(
        "1.012753",
        (17, DAY),
        "land",
        LAND_FEE,
        forms.LAND,
        "partial_online",
        LAND_PAPER,
        limit_note=LAND_NOTE,
    ),
    DemoProcedure(
        "1.013831",
        (18, DAY),
        "land",
        LAND_FEE,
        forms.LAND,
        "partial_online",
        LAND_PAPER,
        limit_note=LAND_NOTE,
    ),
    DemoProcedure(
        "1.012783",
        (15, DAY),
        "land",
        LAND_FEE,
        forms.LAND,
        "partial_online",
        LAND_PAPER,
        limit_note=LAND_NOTE,
    ),
    DemoProcedure(
        "1.012784",
        (12, DAY),
        "land",
        LAND_FEE,
        forms.LAND,
        "partial_online",
        LAND_PAPER,
        limit_note=LAND_NOTE,
    ),
)
