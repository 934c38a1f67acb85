# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: µs per ``add_working_time`` for 30 working days across Tết, next to the holidays
package's ``get_nth_working_day`` on the same cases. A script, not a test; runs in seconds.

    .venv/bin/python bench/deadlines.py [--repeat 5] [--number 2000]

Cases: for each year 2022–2035, a start on each of the 10 working days before Tết (09:00), +30
working days. motcua counts in working hours (30 × 8 h); holidays counts whole days from the
start date, so the two answer on the same date (checked below) for a start at 09:00 … except
that motcua's due is a moment (09:00 of that day) and the library's a date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")

import django

django.setup()

import holidays  # noqa: E402

from motcua.core.clock import VN_TZ  # noqa: E402
from motcua.workcal.deadlines import DayKind, DaySpec, WorkCalendar, add_working_time  # noqa: E402
from motcua.workcal.seed import library_rows  # noqa: E402

FIRST, LAST = 2022, 2036


def build_calendar() -> WorkCalendar:
    days = [
        DaySpec(d, DayKind(v["kind"]), v["name_vi"], v["name_en"], v["swap_pair_date"])
        for d, v in library_rows(range(FIRST, LAST + 1)).items()
    ]
    return WorkCalendar(first_year=FIRST, last_year=LAST, days=days)


def cases(lib: holidays.HolidayBase) -> list[dt.date]:
    starts = []
    for year in range(FIRST, LAST):
        tet = min(d for d, n in lib.items() if d.year == year and n == "Tết Nguyên Đán")
        day, found = tet - dt.timedelta(days=1), []
        while len(found) < 10:
            day -= dt.timedelta(days=1)
            if lib.is_working_day(day):
                found.append(day)
        starts.extend(found)
    return starts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--number", type=int, default=3)
    args = parser.parse_args()

    lib = holidays.country_holidays(
        "VN", years=range(FIRST, LAST + 1), observed=True, language="vi"
    )
    t0 = timeit.default_timer()
    cal = build_calendar()
    build_ms = (timeit.default_timer() - t0) * 1000
    starts = cases(lib)
    moments = [dt.datetime.combine(d, dt.time(9), tzinfo=VN_TZ) for d in starts]

    # Same answers first: the same due date for every case.
    mismatches = [
        (s, add_working_time(cal, m, 30).date(), lib.get_nth_working_day(s, 30))
        for s, m in zip(starts, moments, strict=True)
        if add_working_time(cal, m, 30).date() != lib.get_nth_working_day(s, 30)
    ]

    def ours() -> None:
        for m in moments:
            add_working_time(cal, m, 30)

    def theirs() -> None:
        for s in starts:
            lib.get_nth_working_day(s, 30)

    n = len(starts)
    ours_us = min(timeit.repeat(ours, repeat=args.repeat, number=args.number)) / args.number / n
    theirs_us = min(timeit.repeat(theirs, repeat=args.repeat, number=args.number)) / args.number / n
    ours_us, theirs_us = ours_us * 1e6, theirs_us * 1e6
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus")
    print(f"cases: {n} starts (10 working days before Tết {FIRST}-{LAST - 1}), +30 working days")
    print(f"snapshot build {FIRST}-{LAST}: {build_ms:.1f} ms (once per calendar version)")
    print(f"motcua add_working_time:          {ours_us:8.2f} µs/call")
    print(f"holidays get_nth_working_day:     {theirs_us:8.2f} µs/call")
    print(f"speed-up: {theirs_us / ours_us:.1f}x; differing due dates: {len(mismatches)}")
    for row in mismatches[:5]:
        print("  differs:", *row)


if __name__ == "__main__":
    main()
