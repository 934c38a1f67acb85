# SPDX-License-Identifier: AGPL-3.0-or-later
"""Seed province-wide calendar rows from the ``holidays`` package (country VN, observed days).

The library follows Labour Code 45/2019/QH14 Art 112 (10/2012/QH13 Art 115 before 2021), adds the
compensatory days of Art 111(3) when a holiday falls on a weekend ("nghỉ bù"), the extra Tết days
("29 Tết", "Mùng năm") and the Government's public-sector swaps (its ``special_public_holidays``
and ``weekend_workdays``). It cannot know next year's decisions, so library rows are seeded
unconfirmed; administrators confirm or replace them.

Re-seeding is idempotent: manual rows and confirmed rows are never touched; library rows are
created, updated, or deleted when the library no longer lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import holidays
from django.db import transaction
from holidays.countries.vietnam import VietnamStaticHolidays

from motcua.workcal.deadlines import DEFAULT_SESSIONS
from motcua.workcal.models import CalendarDay, CalendarDayKind, ChangeAction, DaySource, OfficeHours
from motcua.workcal.services import calendar_change_record

DEFAULT_HOURS_FROM = dt.date(2000, 1, 1)
LC_2019 = "Bộ luật Lao động 45/2019/QH14, Điều 112"
LC_2012 = "Bộ luật Lao động 10/2012/QH13, Điều 115"
COMPENSATORY_BASIS = "Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3, Điều 112 (nghỉ bù)"
# The library's references for its swaps (holidays/countries/vietnam.py); verify each year.
SWAP_BASIS = {
    2024: "Công văn 2450/VPCP-KGVX năm 2024",
    2025: "Thông báo 6150/TB-BLĐTBXH năm 2024",
}
SWAP_BASIS_UNKNOWN = "Hoán đổi ngày làm việc (nguồn: thư viện holidays; cần xác nhận)"
CULTURE_DAY_BASIS = "Nghị quyết 80-NQ/TW (theo thư viện holidays; cần xác nhận)"


@dataclass
class SeedReport:
    created: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    deleted: list[dt.date] = field(default_factory=list)
    kept_manual: list[dt.date] = field(default_factory=list)
    hours_created: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.hours_created)


def _library_swaps() -> dict[dt.date, dt.date]:
    """Swapped day off → the weekend day worked for it, from the library's static table."""
    pairs: dict[dt.date, dt.date] = {}
    for year, entries in VietnamStaticHolidays.special_public_holidays.items():
        items: Iterable[Any] = entries if isinstance(entries[0], tuple) else (entries,)
        for item in items:
            month, day, from_month, from_day, *rest = item
            pairs[dt.date(year, month, day)] = dt.date(
                rest[0] if rest else year, from_month, from_day
            )
    return pairs


def library_rows(years: Iterable[int]) -> dict[dt.date, dict[str, Any]]:
    """What the library says for ``years``: date → CalendarDay field values."""
    years = sorted(set(years))
    observed = holidays.country_holidays("VN", years=years, observed=True, language="vi")
    english = holidays.country_holidays("VN", years=years, observed=True, language="en_US")
    statutory = holidays.country_holidays("VN", years=years, observed=False, language="vi")
    swaps = _library_swaps()
    rows: dict[dt.date, dict[str, Any]] = {}
    for day, name in sorted(observed.items()):
        if day in swaps:
            kind, pair = CalendarDayKind.SWAPPED_DAY_OFF, swaps[day]
            basis = SWAP_BASIS.get(day.year, SWAP_BASIS_UNKNOWN)
        elif day in statutory:
            kind, pair = CalendarDayKind.HOLIDAY, None
            basis = LC_2019 if day.year >= 2021 else LC_2012
            if day.month == 11 and day.day == 24:
                basis = CULTURE_DAY_BASIS
        else:
            kind, pair, basis = CalendarDayKind.COMPENSATORY, None, COMPENSATORY_BASIS
        rows[day] = {
            "kind": kind,
            "name_vi": name,
            "name_en": english.get(day, ""),
            "legal_basis": basis,
            "swap_pair_date": pair,
        }
    pair_of_workday = {work: off for off, work in swaps.items()}
    for day in sorted(observed.weekend_workdays):
        if day.year not in years:
            continue
        off = pair_of_workday.get(day)
        when = f"{off:%d/%m/%Y}" if off else ""
        rows[day] = {
            "kind": CalendarDayKind.WORKING_WEEKEND,
            "name_vi": f"Ngày làm việc bù (đổi cho ngày nghỉ {when})".replace(" ()", ""),
            "name_en": f"Working day (swapped with the day off on {when})".replace(" on )", ")"),
            "legal_basis": SWAP_BASIS.get(off.year if off else day.year, SWAP_BASIS_UNKNOWN),
            "swap_pair_date": off,
        }
    return rows


def _seed_default_hours(report: SeedReport) -> None:
    if OfficeHours.objects.filter(agency__isnull=True).exists():
        return
    for weekday in range(5):
        for begin, end in DEFAULT_SESSIONS:
            OfficeHours.objects.create(
                valid_from=DEFAULT_HOURS_FROM, weekday=weekday, starts_at=begin, ends_at=end
            )
            report.hours_created += 1


def calendar_seed_from_library(*, years: Iterable[int], actor: Any = None) -> SeedReport:
    """Write library rows for ``years`` (province-wide); manual and confirmed rows always win."""
    years = sorted(set(years))
    wanted = library_rows(years)
    report = SeedReport()
    with transaction.atomic():
        _seed_default_hours(report)
        existing = {
            row.date: row
            for row in CalendarDay.objects.select_for_update().filter(
                agency__isnull=True, date__year__in=years
            )
        }
        for day, values in wanted.items():
            row = existing.get(day)
            if row is None:
                CalendarDay.objects.create(date=day, source=DaySource.LIBRARY, **values)
                report.created.append(day)
            elif row.source == DaySource.MANUAL or row.confirmed:
                report.kept_manual.append(day)
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                row.save()
                report.updated.append(day)
        for day, row in existing.items():
            if day not in wanted and row.source == DaySource.LIBRARY and not row.confirmed:
                row.delete()
                report.deleted.append(day)
        if report.changed:
            touched = report.created + report.updated + report.deleted
            calendar_change_record(
                actor=actor,
                action=ChangeAction.SEEDED,
                first_date=min(touched, default=dt.date(years[0], 1, 1)),
                last_date=max(touched, default=dt.date(years[-1], 12, 31)),
                summary={
                    "years": [years[0], years[-1]],
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "deleted": len(report.deleted),
                },
            )
    return report
