# SPDX-License-Identifier: AGPL-3.0-or-later
"""Realistic procedure titles for the search tests (real names from the national catalogue)."""

from __future__ import annotations

import pytest

from motcua.search.services import SearchInput, search_reindex

TITLES = {
    "1.001193": "Đăng ký khai sinh",
    "1.001695": "Đăng ký khai sinh có yếu tố nước ngoài",
    "1.000656": "Đăng ký kết hôn",
    "1.000894": "Đăng ký kết hôn có yếu tố nước ngoài",
    "1.004746": "Đăng ký lại kết hôn",
    "1.001022": "Đăng ký khai tử",
    "1.011608": "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV",
    "1.012800": "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
    "2.000884": "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
    "1.001612": "Đăng ký thành lập hộ kinh doanh",
    "1.004227": "Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm",
    "1.003596": "Trích lục hộ tịch",
}

BODIES = {
    # A body-only match for "ket hon": must rank after every title match.
    "1.003596": "Cấp bản sao trích lục kết hôn, khai sinh, khai tử",
}


@pytest.fixture
def procedures(db: None) -> dict[str, str]:
    search_reindex(
        doc_type="procedure",
        documents=[
            SearchInput(code, title, body=BODIES.get(code, ""), url=f"/thu-tuc/{code}")
            for code, title in TITLES.items()
        ],
    )
    return TITLES
