# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py workcal_seed --years 2020-2035``: load the calendar from the holidays library."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.workcal.seed import calendar_seed_from_library

_YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def parse_years(text: str) -> range:
    """ "2026" → 2026..2026; "2020-2035" → 2020..2035 (at most 100 years)."""
    match = _YEARS.match(text.strip())
    if not match:
        raise CommandError(f"--years must look like 2026 or 2020-2035, not {text!r}")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first or last - first > 100 or first < 1995:
        raise CommandError("--years must be an ascending range of at most 100 years from 1995")
    return range(first, last + 1)


class Command(BaseCommand):
    help = (
        "Seed province-wide calendar days from the holidays package (VN, observed days, "
        "working Saturdays). Manual and confirmed rows are never overwritten; idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", default="2020-2035", help="e.g. 2026 or 2020-2035")

    def handle(self, *args: Any, **options: Any) -> None:
        years = parse_years(options["years"])
        report = calendar_seed_from_library(years=years)
        self.stdout.write(
            f"workcal_seed {years[0]}-{years[-1]}: {len(report.created)} created, "
            f"{len(report.updated)} updated, {len(report.deleted)} deleted, "
            f"{len(report.kept_manual)} manual or confirmed kept, "
            f"{report.hours_created} office-hour rows created"
        )
