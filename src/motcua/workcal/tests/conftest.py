# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures: a pure calendar built straight from the holidays library (no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import translation

from motcua.core.clock import VN_TZ
from motcua.workcal.deadlines import DayKind, DaySpec, WorkCalendar
from motcua.workcal.seed import library_rows
from motcua.workcal.selectors import snapshot_cache_clear

FIRST_YEAR, LAST_YEAR = 2020, 2040


def library_calendar(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> WorkCalendar:
    rows = library_rows(range(first, last + 1))
    days = [
        DaySpec(
            date=day,
            kind=DayKind(values["kind"]),
            name_vi=values["name_vi"],
            name_en=values["name_en"],
            swap_pair_date=values["swap_pair_date"],
        )
        for day, values in rows.items()
    ]
    return WorkCalendar(first_year=first, last_year=last, days=days)


@pytest.fixture(scope="session")
def vn_calendar() -> WorkCalendar:
    return library_calendar()


@pytest.fixture(autouse=True)
def _fresh_snapshot_cache() -> Iterator[None]:
    # Tests roll back their transactions, which the version key cannot always see on SQLite.
    snapshot_cache_clear()
    with translation.override("en"):  # assertions read the English msgids
        yield
    snapshot_cache_clear()


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN_TZ)
