# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lunar holidays 2020–2040 cross-checked against vnlunar (Vietnamese UTC+7 algorithm).

``lunardate`` computes the Chinese (UTC+8) calendar and misplaces Tết in some years (2030), so
it must not be the oracle (docs/ARCHITECTURE.md §1.3).
"""

from __future__ import annotations

import datetime as dt

import pytest
import vnlunar

from motcua.workcal.deadlines import DayKind, WorkCalendar


def solar(day: int, month: int, year: int) -> dt.date:
    result = vnlunar.convert_lunar_to_solar(day, month, year, 0)
    assert result is not None
    d, m, y = result
    return dt.date(y, m, d)


@pytest.mark.parametrize("year", range(2020, 2041))
def test_tet_and_hung_kings_match_vnlunar(vn_calendar: WorkCalendar, year: int) -> None:
    tet = solar(1, 1, year)
    for offset, name in [(-1, "Giao thừa"), (0, "Tết Nguyên Đán"), (1, "Mùng hai"), (2, "Mùng ba")]:
        spec = vn_calendar.special_day(tet + dt.timedelta(days=offset))
        assert spec is not None, (year, offset)
        assert spec.kind == DayKind.HOLIDAY
        assert name in spec.name_vi
    hung = vn_calendar.special_day(solar(10, 3, year))
    assert hung is not None
    assert hung.kind == DayKind.HOLIDAY
    assert "Hùng Vương" in hung.name_vi


def test_tet_2030_is_the_vietnamese_date() -> None:
    assert solar(1, 1, 2030) == dt.date(2030, 2, 2)
