# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py catalog_export --format xlsx|json --output PATH [--at YYYY-MM-DD] [--all]``."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.export import catalogue_export_json, catalogue_export_xlsx


class Command(BaseCommand):
    help = "Export the procedure catalogue in force on a day as Excel or JSON (docs/catalogue.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", choices=["xlsx", "json"], default="xlsx")
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--at", help="day (YYYY-MM-DD); default today")
        parser.add_argument("--all", action="store_true", help="include procedures with no version")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = dt.date.fromisoformat(options["at"]) if options["at"] else None
        except ValueError as exc:
            raise CommandError("--at must be YYYY-MM-DD") from exc
        export = catalogue_export_xlsx if options["format"] == "xlsx" else catalogue_export_json
        data = export(on=on, include_without_version=options["all"])
        options["output"].write_bytes(data)
        self.stdout.write(f"wrote {len(data)} bytes to {options['output']}")
