# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py catalog_import``: load the national procedure catalogue (docs/catalogue.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from motcua.catalog.importer import DEFAULT_CSV, DEFAULT_JSON, import_catalogue


class Command(BaseCommand):
    help = "Import procedures_sample.json and the national code/name/field list (idempotent)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=DEFAULT_JSON, help="detailed records (JSON)"
        )
        parser.add_argument(
            "--national", type=Path, default=DEFAULT_CSV, help="national list (CSV)"
        )
        parser.add_argument("--no-national", action="store_true", help="skip the national list")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            percent = 100 * done // total if total else 100
            # Plain progress lines on stderr (no dependency); unstyled, also when a terminal.
            self.stderr.write(
                f"catalog_import: {done}/{total} records ({percent}%)", style_func=lambda s: s
            )

        summary = import_catalogue(
            json_path=options["file"],
            csv_path=None if options["no_national"] else options["national"],
            progress=progress,
        )
        for line in summary.lines():
            self.stdout.write(line)
