# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixed vectors 2022–2026 against the seeded library calendar (pure: no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from motcua.workcal.deadlines import (
    DayKind,
    Timeliness,
    WorkCalendar,
    add_working_time,
    classify,
    compute_due,
    normalise_start,
    working_time_between,
)
from motcua.workcal.tests.conftest import at


def off(cal: WorkCalendar, day: dt.date) -> bool:
    return not cal.is_working_day(day)


def test_tet_2023_is_friday_20_to_thursday_26_january(vn_calendar: WorkCalendar) -> None:
    days = [dt.date(2023, 1, d) for d in range(20, 27)]
    assert all(off(vn_calendar, d) for d in days)
    assert vn_calendar.is_working_day(dt.date(2023, 1, 19))
    assert vn_calendar.is_working_day(dt.date(2023, 1, 27))


def test_receipt_at_1640_on_the_friday_before_tet_2023(vn_calendar: WorkCalendar) -> None:
    # Thu 19/1/2023 is the last working day before Tết (Fri 20/1 is "29 Tết"): 20 minutes
    # count that day, the remaining 7 h 40 min run from Fri 27/1 07:00.
    result = compute_due(vn_calendar, at(2023, 1, 19, 16, 40), 1, "working_day")
    assert result.due == at(2023, 1, 27, 16, 40)
    assert result.working_minutes == 480
    assert [s.date.day for s in result.skipped] == [20, 21, 22, 23, 24, 25, 26]
    assert result.skipped[0].kind == DayKind.COMPENSATORY
    # Friday 16:40 before Tết 2024 (Thu 8/2 is 29 Tết, Wed 7/2 the last day): 3 working days.
    due = add_working_time(vn_calendar, at(2024, 2, 7, 16, 40), 3, "working_day")
    assert due == at(2024, 2, 19, 16, 40)  # Thu 15, Fri 16, Mon 19


def test_2024_swap_monday_29_april_off_and_saturday_4_may_working(
    vn_calendar: WorkCalendar,
) -> None:
    assert off(vn_calendar, dt.date(2024, 4, 29))
    assert vn_calendar.is_working_day(dt.date(2024, 5, 4))
    assert vn_calendar.special_day(dt.date(2024, 4, 29)).kind == DayKind.SWAPPED_DAY_OFF  # type: ignore[union-attr]
    # Fri 26/4 09:00 + 2 working days: Thu 2/5 09:00 (27–28 weekend, 29 swap, 30/4, 1/5).
    assert add_working_time(vn_calendar, at(2024, 4, 26, 9), 2) == at(2024, 5, 3, 9)
    # Fri 3/5 09:00 + 1 working day lands on the working Saturday with weekday hours.
    assert add_working_time(vn_calendar, at(2024, 5, 3, 9), 1) == at(2024, 5, 4, 9)


def test_2025_swap_friday_2_may_off_and_saturday_26_april_working(
    vn_calendar: WorkCalendar,
) -> None:
    assert vn_calendar.is_working_day(dt.date(2025, 4, 26))
    result = compute_due(vn_calendar, at(2025, 4, 29, 9), 1)
    assert result.due == at(2025, 5, 5, 9)
    assert [(s.date.day, s.kind) for s in result.skipped] == [
        (30, DayKind.HOLIDAY),
        (1, DayKind.HOLIDAY),
        (2, DayKind.SWAPPED_DAY_OFF),
    ]
    assert "26/04/2025" in result.skipped[2].name_vi
    # Saturday 26/4 07:00–17:00 counts like a weekday.
    assert working_time_between(vn_calendar, at(2025, 4, 26), at(2025, 4, 27)) == dt.timedelta(
        hours=8
    )


def test_hung_kings_2026_on_sunday_gives_monday_27_april_off(vn_calendar: WorkCalendar) -> None:
    assert vn_calendar.special_day(dt.date(2026, 4, 26)).kind == DayKind.HOLIDAY  # type: ignore[union-attr]
    assert off(vn_calendar, dt.date(2026, 4, 27))
    # Fri 24/4/2026 08:00 + 5 working days → Wed 6/5 (skips 27/4, 30/4, 1/5).
    assert add_working_time(vn_calendar, at(2026, 4, 24, 8), 5) == at(2026, 5, 6, 8)


@pytest.mark.parametrize(
    ("year", "adjacent"),
    [(2022, (9, 1)), (2023, (9, 4)), (2024, (9, 3)), (2025, (9, 1)), (2026, (9, 1))],
)
def test_national_day_with_the_adjacent_day(
    vn_calendar: WorkCalendar, year: int, adjacent: tuple[int, int]
) -> None:
    assert vn_calendar.special_day(dt.date(year, 9, 2)) is not None
    assert off(vn_calendar, dt.date(year, *adjacent))


@pytest.mark.parametrize(("year", "last_friday", "monday"), [(2022, 31, 3), (2023, 30, 2)])
def test_new_year_on_a_weekend_gives_monday_off(
    vn_calendar: WorkCalendar, year: int, last_friday: int, monday: int
) -> None:
    assert off(vn_calendar, dt.date(year, 1, monday))
    due = add_working_time(vn_calendar, at(year - 1, 12, last_friday, 16), 1)
    assert due.date() == dt.date(year, 1, monday + 1)


def test_start_at_2130_counts_from_next_morning(vn_calendar: WorkCalendar) -> None:
    # Saturday 21:30 online submission → Monday 07:00.
    assert normalise_start(vn_calendar, at(2025, 3, 8, 21, 30)) == at(2025, 3, 10, 7)
    assert add_working_time(vn_calendar, at(2025, 3, 8, 21, 30), 1) == at(2025, 3, 10, 17)


def test_start_at_noon_counts_from_1330(vn_calendar: WorkCalendar) -> None:
    assert normalise_start(vn_calendar, at(2025, 3, 10, 12)) == at(2025, 3, 10, 13, 30)
    assert add_working_time(vn_calendar, at(2025, 3, 10, 12), "0.5") == at(2025, 3, 11, 7, 30)


def test_start_at_exactly_1700_counts_from_next_session(vn_calendar: WorkCalendar) -> None:
    assert normalise_start(vn_calendar, at(2025, 3, 10, 17)) == at(2025, 3, 11, 7)


def test_work_ending_at_session_end_is_due_then(vn_calendar: WorkCalendar) -> None:
    assert add_working_time(vn_calendar, at(2025, 3, 10, 7), 1) == at(2025, 3, 10, 17)
    assert add_working_time(vn_calendar, at(2025, 3, 10, 7), "4.5", "working_hour") == at(
        2025, 3, 10, 11, 30
    )


def test_half_day_is_four_working_hours(vn_calendar: WorkCalendar) -> None:
    a = add_working_time(vn_calendar, at(2025, 3, 10, 8), Decimal("0.5"), "working_day")
    b = add_working_time(vn_calendar, at(2025, 3, 10, 8), 4, "working_hour")
    assert a == b == at(2025, 3, 10, 14, 0)


def test_calendar_days_move_off_non_working_dates(vn_calendar: WorkCalendar) -> None:
    # Tue 25/4/2025 + 5 calendar days = Wed 30/4 (holiday) → next working day Mon 5/5, 17:00.
    result = compute_due(vn_calendar, at(2025, 4, 25, 10), 5, "calendar_day")
    assert result.due == at(2025, 5, 5, 17)
    # Received after hours: the counting start (Mon 07:00) gives the date.
    assert add_working_time(vn_calendar, at(2025, 3, 7, 17, 40), 10, "calendar_day") == at(
        2025, 3, 20, 17
    )


def test_months_clamp_to_the_end_of_the_month(vn_calendar: WorkCalendar) -> None:
    # 31/1/2024 + 1 month → Thu 29/2/2024 (leap year), end of office hours.
    assert add_working_time(vn_calendar, at(2024, 1, 31, 9), 1, "month") == at(2024, 2, 29, 17)
    # 31/1/2025 is in Tết: counting starts Mon 3/2, so the month ends on Mon 3/3.
    assert add_working_time(vn_calendar, at(2025, 1, 31, 9), 1, "month") == at(2025, 3, 3, 17)
    # 30/3/2026 + 1 month → 30/4/2026 holiday → Mon 4/5/2026.
    assert add_working_time(vn_calendar, at(2026, 3, 30, 9), 1, "month") == at(2026, 5, 4, 17)


def test_pause_adds_its_working_time(vn_calendar: WorkCalendar) -> None:
    start = at(2025, 3, 10, 7)
    plain = add_working_time(vn_calendar, start, 2)
    paused = add_working_time(
        vn_calendar, start, 2, pauses=[(at(2025, 3, 10, 13, 30), at(2025, 3, 11, 13, 30))]
    )
    assert plain == at(2025, 3, 11, 17)
    assert paused == at(2025, 3, 12, 17)
    # A pause after the due moment changes nothing; overlapping pauses count once.
    assert add_working_time(vn_calendar, start, 2, pauses=[(at(2025, 4, 1), at(2025, 4, 2))]) == (
        plain
    )
    twice = [(at(2025, 3, 10, 13, 30), at(2025, 3, 11, 13, 30))] * 2
    assert add_working_time(vn_calendar, start, 2, pauses=twice) == paused


def test_restart_counts_the_full_time_again(vn_calendar: WorkCalendar) -> None:
    due = add_working_time(vn_calendar, at(2025, 3, 3, 7), 3, restart_at=at(2025, 3, 10, 7))
    assert due == at(2025, 3, 12, 17)


def test_classify_finished_and_open_items(vn_calendar: WorkCalendar) -> None:
    due = at(2025, 3, 12, 15)
    assert classify(vn_calendar, due, finished_at=at(2025, 3, 11, 16)) == Timeliness.EARLY
    assert classify(vn_calendar, due, finished_at=at(2025, 3, 12, 8)) == Timeliness.ON_TIME
    assert classify(vn_calendar, due, finished_at=due) == Timeliness.ON_TIME
    assert classify(vn_calendar, due, finished_at=at(2025, 3, 12, 15, 1)) == Timeliness.LATE
    assert classify(vn_calendar, due, at=at(2025, 3, 10, 9)) == Timeliness.WITHIN_TIME
    assert classify(vn_calendar, due, at=at(2025, 3, 11, 16)) == Timeliness.DUE_SOON
    assert classify(vn_calendar, due, at=at(2025, 3, 11, 16), due_soon_hours=2) == (
        Timeliness.WITHIN_TIME
    )
    assert classify(vn_calendar, due, at=at(2025, 3, 12, 15, 1)) == Timeliness.OVERDUE


def test_other_timezones_are_converted(vn_calendar: WorkCalendar) -> None:
    utc = dt.datetime(2025, 3, 10, 1, 0, tzinfo=dt.UTC)  # 08:00 in Hà Nội
    assert add_working_time(vn_calendar, utc, 1, "working_hour") == at(2025, 3, 10, 9)


@pytest.mark.parametrize(
    ("friday", "due"),
    [
        (at(2025, 1, 24, 16, 40), at(2025, 2, 3, 16, 40)),  # 27/1 (29 Tết) – 31/1 off
        (at(2026, 2, 13, 16, 40), at(2026, 2, 23, 16, 40)),  # 16/2 – 20/2 off
    ],
)
def test_receipt_at_1640_on_the_friday_before_tet(
    vn_calendar: WorkCalendar, friday: dt.datetime, due: dt.datetime
) -> None:
    result = compute_due(vn_calendar, friday, 1, "working_day")
    assert result.counting_from == friday
    assert result.due == due
    assert all(s.kind in {DayKind.HOLIDAY, DayKind.COMPENSATORY} for s in result.skipped)
    assert any("Tết Nguyên Đán" in s.name_vi for s in result.skipped)
