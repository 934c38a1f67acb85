# SPDX-License-Identifier: AGPL-3.0-or-later
"""Seeding from the holidays library: kinds, idempotence, manual rows win."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from motcua.workcal.management.commands.workcal_seed import parse_years
from motcua.workcal.models import (
    CalendarChange,
    CalendarDay,
    CalendarDayKind,
    DaySource,
    OfficeHours,
)
from motcua.workcal.seed import calendar_seed_from_library, library_rows

pytestmark = pytest.mark.django_db


def test_library_rows_match_the_reference_csv(reference_data_dir: object) -> None:
    import csv
    from pathlib import Path

    kinds = {
        "holiday": CalendarDayKind.HOLIDAY,
        "compensatory": CalendarDayKind.COMPENSATORY,
        "swap_dayoff": CalendarDayKind.SWAPPED_DAY_OFF,
        "swap_workday": CalendarDayKind.WORKING_WEEKEND,
    }
    path = Path(str(reference_data_dir)) / "holidays_vn_2022_2026.csv"
    with path.open(encoding="utf-8") as fh:
        expected = {
            dt.date.fromisoformat(r["date"]): (kinds[r["kind"]], r["swap_pair_date"])
            for r in csv.DictReader(fh)
        }
    rows = library_rows(range(2022, 2027))
    got = {
        d: (v["kind"], v["swap_pair_date"].isoformat() if v["swap_pair_date"] else "")
        for d, v in rows.items()
    }
    assert got == expected


def test_seed_creates_kinds_names_and_default_hours() -> None:
    report = calendar_seed_from_library(years=range(2024, 2026))
    assert report.created
    assert OfficeHours.objects.count() == 10
    swap = CalendarDay.objects.get(date=dt.date(2024, 4, 29))
    assert swap.kind == CalendarDayKind.SWAPPED_DAY_OFF
    assert swap.swap_pair_date == dt.date(2024, 5, 4)
    assert swap.source == DaySource.LIBRARY
    assert not swap.confirmed
    work = CalendarDay.objects.get(date=dt.date(2025, 4, 26))
    assert work.kind == CalendarDayKind.WORKING_WEEKEND
    assert work.swap_pair_date == dt.date(2025, 5, 2)
    tet = CalendarDay.objects.get(date=dt.date(2025, 1, 29))
    assert tet.name_vi == "Tết Nguyên Đán"
    assert tet.name_en == "Lunar New Year"
    assert "45/2019/QH14" in tet.legal_basis
    assert tet.history.count() == 1  # simple-history tracks the seeded row
    assert CalendarChange.objects.filter(action="seeded").count() == 1


def test_seed_is_idempotent_and_manual_rows_win() -> None:
    calendar_seed_from_library(years=[2026])
    count = CalendarDay.objects.count()
    changes = CalendarChange.objects.count()
    # An administrator switches off 24/11 and renames a Tết day; another row is confirmed.
    culture = CalendarDay.objects.get(date=dt.date(2026, 11, 24))
    culture.source, culture.active = DaySource.MANUAL, False
    culture.save()
    eve = CalendarDay.objects.get(date=dt.date(2026, 2, 16))
    eve.name_vi, eve.confirmed = "Giao thừa (đã xác nhận)", True
    eve.save()
    report = calendar_seed_from_library(years=[2026])
    assert not report.changed
    assert CalendarDay.objects.count() == count
    assert CalendarChange.objects.count() == changes
    assert set(report.kept_manual) == {dt.date(2026, 11, 24), dt.date(2026, 2, 16)}
    culture.refresh_from_db()
    eve.refresh_from_db()
    assert culture.active is False
    assert eve.name_vi == "Giao thừa (đã xác nhận)"


def test_reseed_repairs_edited_library_rows_and_drops_stale_ones() -> None:
    calendar_seed_from_library(years=[2025])
    CalendarDay.objects.filter(date=dt.date(2025, 1, 1)).update(name_vi="sai")
    CalendarDay.objects.create(
        date=dt.date(2025, 6, 2), kind="holiday", name_vi="stale", source=DaySource.LIBRARY
    )
    report = calendar_seed_from_library(years=[2025])
    assert report.updated == [dt.date(2025, 1, 1)]
    assert report.deleted == [dt.date(2025, 6, 2)]
    assert CalendarDay.objects.get(date=dt.date(2025, 1, 1)).name_vi == "Tết Dương lịch"


def test_command_seeds_2020_to_2035() -> None:
    out = io.StringIO()
    call_command("workcal_seed", "--years", "2020-2035", stdout=out)
    assert "created" in out.getvalue()
    years = set(CalendarDay.objects.dates("date", "year").values_list("date__year", flat=True))
    assert years == set(range(2020, 2036))
    out = io.StringIO()
    call_command("workcal_seed", "--years", "2020-2035", stdout=out)
    assert " 0 created, 0 updated, 0 deleted" in out.getvalue()


@pytest.mark.parametrize("text", ["20-30", "2030-2020", "abc", "1990"])
def test_command_rejects_bad_year_ranges(text: str) -> None:
    with pytest.raises(CommandError):
        parse_years(text)
