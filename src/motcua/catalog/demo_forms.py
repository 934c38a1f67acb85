# SPDX-License-Identifier: AGPL-3.0-or-later
"""E-form definitions of the demo procedures (``eforms`` format; Decree 224/2026 Art 15(1))."""

from __future__ import annotations

from typing import Any


def f(
    name: str, vi: str, en: str, kind: str = "text", required: bool = True, **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "label_vi": vi,
        "label_en": en,
        "type": kind,
        "required": required,
        **extra,
    }


SEX = [
    {"value": "male", "label_vi": "Nam", "label_en": "Male"},
    {"value": "female", "label_vi": "Nữ", "label_en": "Female"},
]
DECLARATION = f(
    "declaration",
    "Tôi cam đoan nội dung khai là đúng sự thật",
    "I declare that the above is true",
    "checkbox",
)
APPLICANT = [
    f("applicant_name", "Họ, chữ đệm, tên người yêu cầu", "Applicant's full name", max_length=100),
    f("applicant_id", "Số định danh cá nhân", "Personal identification number", "personal_id"),
    f("applicant_phone", "Số điện thoại", "Phone number", required=False, max_length=15),
    f("applicant_commune", "Xã/phường nơi cư trú", "Commune of residence", "unit"),
]

BIRTH = {
    "fields": [
        *APPLICANT,
        f("child_name", "Họ, chữ đệm, tên trẻ", "Child's full name", max_length=100),
        f("child_birth_date", "Ngày sinh", "Date of birth", "date", min="1900-01-01"),
        f("child_sex", "Giới tính", "Sex", "select", choices=SEX),
        f("birth_place", "Nơi sinh", "Place of birth", max_length=255),
        f(
            "mother_name",
            "Họ, chữ đệm, tên mẹ",
            "Mother's full name",
            required=False,
            max_length=100,
        ),
        f(
            "mother_id",
            "Số định danh cá nhân của mẹ",
            "Mother's personal ID",
            "personal_id",
            required=False,
        ),
        f(
            "father_name",
            "Họ, chữ đệm, tên cha",
            "Father's full name",
            required=False,
            max_length=100,
        ),
        f(
            "father_id",
            "Số định danh cá nhân của cha",
            "Father's personal ID",
            "personal_id",
            required=False,
        ),
        DECLARATION,
    ]
}

MARRIAGE = {
    "fields": [
        f("husband_name", "Họ, chữ đệm, tên bên nam", "Husband's full name", max_length=100),
        f("husband_birth_date", "Ngày sinh bên nam", "Husband's date of birth", "date"),
        f("husband_id", "Số định danh cá nhân bên nam", "Husband's personal ID", "personal_id"),
        f("wife_name", "Họ, chữ đệm, tên bên nữ", "Wife's full name", max_length=100),
        f("wife_birth_date", "Ngày sinh bên nữ", "Wife's date of birth", "date"),
        f("wife_id", "Số định danh cá nhân bên nữ", "Wife's personal ID", "personal_id"),
        f("commune", "Xã/phường đăng ký", "Commune of registration", "unit"),
        f(
            "verification_needed",
            "Cần xác minh điều kiện kết hôn",
            "Conditions need verification",
            "checkbox",
            required=False,
        ),
        DECLARATION,
    ]
}

DEATH = {
    "fields": [
        *APPLICANT,
        f("deceased_name", "Họ, chữ đệm, tên người chết", "Deceased's full name", max_length=100),
        f(
            "deceased_id",
            "Số định danh cá nhân người chết",
            "Deceased's personal ID",
            "personal_id",
            required=False,
        ),
        f("death_date", "Ngày chết", "Date of death", "date"),
        f("death_place", "Nơi chết", "Place of death", max_length=255),
        f(
            "death_cause",
            "Nguyên nhân chết",
            "Cause of death",
            "textarea",
            required=False,
            max_length=1000,
        ),
        DECLARATION,
    ]
}

CERTIFICATION = {
    "fields": [
        *APPLICANT,
        f("document_title", "Tên giấy tờ, văn bản", "Title of the document", max_length=255),
        f("pages", "Số trang", "Number of pages", "number", min=1, max=1000),
        f("copies", "Số bản sao", "Number of copies", "number", min=1, max=100),
    ]
}

BUSINESS = {
    "fields": [
        *APPLICANT,
        f("business_name", "Tên hộ kinh doanh/doanh nghiệp", "Business name", max_length=255),
        f("business_commune", "Xã/phường đặt trụ sở", "Commune of the head office", "unit"),
        f("business_address", "Địa chỉ trụ sở", "Head-office address", max_length=255),
        f("capital_vnd", "Vốn kinh doanh (đồng)", "Capital (VND)", "number", min=0),
        f(
            "business_lines",
            "Ngành, nghề kinh doanh",
            "Lines of business",
            "textarea",
            max_length=4000,
        ),
        f("employees", "Số lao động", "Number of employees", "number", required=False, min=0),
        DECLARATION,
    ]
}

CONSTRUCTION = {
    "fields": [
        *APPLICANT,
        f("site_commune", "Xã/phường nơi xây dựng", "Commune of the site", "unit"),
        f("site_address", "Địa điểm xây dựng", "Site address", max_length=255),
        f("plot_number", "Số thửa đất", "Plot number", max_length=20),
        f("map_sheet", "Tờ bản đồ số", "Map sheet number", max_length=20),
        f(
            "building_area_m2",
            "Diện tích xây dựng (m²)",
            "Building footprint (m²)",
            "number",
            min=1,
        ),
        f("floors", "Số tầng", "Number of floors", "number", min=1, max=100),
        f(
            "works_grade",
            "Cấp công trình",
            "Grade of the works",
            "select",
            choices=[
                {"value": g, "label_vi": f"Cấp {g}", "label_en": f"Grade {g}"}
                for g in ("III", "IV")
            ],
        ),
        DECLARATION,
    ]
}

LAND = {
    "fields": [
        *APPLICANT,
        f("parcel_commune", "Xã/phường nơi có đất", "Commune of the parcel", "unit"),
        f("plot_number", "Số thửa đất", "Plot number", max_length=20),
        f("map_sheet", "Tờ bản đồ số", "Map sheet number", max_length=20),
        f("area_m2", "Diện tích (m²)", "Area (m²)", "number", min=0.1),
        f(
            "certificate_number",
            "Số phát hành Giấy chứng nhận (nếu có)",
            "Certificate serial (if any)",
            required=False,
            max_length=30,
        ),
        f(
            "change_kind",
            "Nội dung đăng ký",
            "What is registered",
            "select",
            choices=[
                {"value": "first", "label_vi": "Đăng ký lần đầu", "label_en": "First registration"},
                {
                    "value": "transfer",
                    "label_vi": "Chuyển nhượng, tặng cho, thừa kế",
                    "label_en": "Transfer, gift, inheritance",
                },
                {
                    "value": "split_merge",
                    "label_vi": "Tách thửa, hợp thửa",
                    "label_en": "Split or merge plots",
                },
                {
                    "value": "exchange",
                    "label_vi": "Cấp đổi Giấy chứng nhận",
                    "label_en": "Certificate exchange",
                },
            ],
        ),
        f("request", "Nội dung đề nghị", "Request", "textarea", required=False, max_length=2000),
        DECLARATION,
    ]
}

RESIDENCE = {
    "fields": [
        *APPLICANT,
        f(
            "residence_commune",
            "Xã/phường nơi đăng ký cư trú",
            "Commune of residence registration",
            "unit",
        ),
        f("residence_address", "Địa chỉ chỗ ở", "Address", max_length=255),
        f("until", "Đến ngày (tạm trú)", "Until (temporary residence)", "date", required=False),
        DECLARATION,
    ]
}
