# SPDX-License-Identifier: AGPL-3.0-or-later
import datetime as dt

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from motcua.core import clock
from motcua.core.models import periods_overlap
from motcua.core.text import fold_vi, nfc


def test_fold_vi_folds_d_stroke_and_every_tone_mark():
    assert fold_vi("Đăng ký khai sinh") == "dang ky khai sinh"
    assert fold_vi("Nguyễn Thị Ưng Ở") == "nguyen thi ung o"


def test_fold_vi_treats_nfd_and_nfc_alike():
    composed = "Nguyễn"
    decomposed = "Nguye\u0302\u0303n"
    assert fold_vi(composed) == fold_vi(decomposed) == "nguyen"
    assert nfc(decomposed) == composed


@given(st.text())
def test_fold_vi_is_idempotent(text):
    assert fold_vi(fold_vi(text)) == fold_vi(text)


def test_today_is_the_vietnamese_date_not_utc():
    # 18:30 UTC on 31/12 is already 01:30 on 01/01 in Hanoi.
    with time_machine.travel(dt.datetime(2025, 12, 31, 18, 30, tzinfo=dt.UTC), tick=False):
        assert clock.today() == dt.date(2026, 1, 1)
        assert clock.now().utcoffset() == dt.timedelta(hours=7)


def test_localize_rejects_naive_datetimes():
    with pytest.raises(ValueError, match="naive"):
        clock.localize(dt.datetime(2025, 1, 1, 8, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((dt.date(2025, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 7, 1), None), False),
        ((dt.date(2025, 1, 1), dt.date(2025, 7, 1)), (dt.date(2025, 7, 1), None), True),
        ((dt.date(2025, 1, 1), None), (dt.date(2030, 1, 1), dt.date(2030, 2, 1)), True),
    ],
)
def test_periods_overlap_is_inclusive_and_open_ended(a, b, expected):
    assert periods_overlap(*a, *b) is expected
    assert periods_overlap(*b, *a) is expected
