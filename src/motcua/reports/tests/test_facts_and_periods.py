# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure logic: period blocks, interval subtraction, and "as of day D" sums of the deltas."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from motcua.reports.facts import Fact, contributions, subtract
from motcua.reports.periods import blocks

days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))


@given(days, st.integers(min_value=0, max_value=900))
def test_blocks_cover_exactly_the_days_asked(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    covered: list[dt.date] = []
    for g, first in blocks(start, end):
        if g == 0:
            covered.append(first)
        elif g == 1:
            d = first
            while d.month == first.month:
                covered.append(d)
                d += dt.timedelta(days=1)
        else:
            d = first
            while d.year == first.year:
                covered.append(d)
                d += dt.timedelta(days=1)
    assert covered == [start + dt.timedelta(days=i) for i in range(length + 1)]


def test_a_whole_year_is_one_block() -> None:
    assert blocks(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == [(2, dt.date(2026, 1, 1))]


@given(days, st.integers(0, 60), days, st.one_of(st.none(), st.integers(0, 30)))
def test_subtract_removes_exactly_the_hole(a: dt.date, n: int, h0: dt.date, hn: int | None) -> None:
    span = (a, a + dt.timedelta(days=n))
    hole = (h0, None if hn is None else h0 + dt.timedelta(days=hn))
    pieces = subtract(span, [hole])

    def inside(d: dt.date, iv: tuple[dt.date, dt.date | None]) -> bool:
        return iv[0] <= d and (iv[1] is None or d < iv[1])

    for i in range(-2, n + 3):
        d = a + dt.timedelta(days=i)
        expected = inside(d, span) and not inside(d, hole)
        assert any(inside(d, p) for p in pieces) == expected


@given(
    days,
    st.one_of(st.none(), st.integers(0, 40)),
    st.integers(0, 20),
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10)), max_size=2),
)
def test_state_sums_equal_the_direct_state(
    received: dt.date, finish_after: int | None, due_after: int, wait_specs: list[tuple[int, int]]
) -> None:
    finished = None if finish_after is None else received + dt.timedelta(days=finish_after)
    due = received + dt.timedelta(days=due_after)
    waits = []
    for off, length in sorted(wait_specs):
        w0 = received + dt.timedelta(days=off)
        if (finished is None or w0 < finished) and (not waits or w0 >= (waits[-1][1] or w0)):
            w1 = w0 + dt.timedelta(days=length)
            waits.append((w0, w1 if finished is None or w1 < finished else finished))
    f = Fact(1, 1, 1, 1, 1, "direct", received_day=received, finished_day=finished, due_day=due,
             cls="late" if finished else "", waits=waits)  # fmt: skip
    f.overs = subtract((due + dt.timedelta(days=1), finished), waits)
    deltas, _ = contributions(f)
    for i in range(-1, 60):
        d = received + dt.timedelta(days=i)
        acc: dict[str, int] = {}
        for day, counters in deltas.items():
            if day <= d:
                for k, v in counters.items():
                    acc[k] = acc.get(k, 0) + v
        is_open = received <= d and (finished is None or d < finished)
        waiting = any(w0 <= d and (w1 is None or d < w1) for w0, w1 in waits)
        recv = acc.get("recv_counter", 0)
        fin = acc.get("fin_late", 0)
        assert recv - fin == int(is_open)
        assert acc.get("wait_in", 0) - acc.get("wait_out", 0) == int(is_open and waiting)
        overdue = is_open and not waiting and d > due
        assert acc.get("over_in", 0) - acc.get("over_out", 0) == int(overdue)
