# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py reports_recompute [--compare] [--write]``: rebuild the statistics from the dossier
rows and their event histories. ``--compare`` prints the differences with the stored aggregates
and exits with status 1 when there are any; ``--write`` replaces the stored ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.reports.services import aggregates_recompute


class Command(BaseCommand):
    help = "Recompute the statistics from the raw events; compare (--compare) or repair (--write)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--compare", action="store_true", help="report differences")
        parser.add_argument("--write", action="store_true", help="replace the stored aggregates")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["compare"] and not options["write"]:
            raise CommandError("Give --compare, --write or both.")
        cmp = aggregates_recompute(write=options["write"])
        for line in cmp.fact_differences + cmp.row_differences:
            self.stdout.write(line)
        self.stdout.write(
            f"facts={cmp.facts_checked} fact_differences={len(cmp.fact_differences)} "
            f"row_differences={len(cmp.row_differences)}"
        )
        if options["compare"] and not options["write"] and not cmp.equal:
            raise CommandError("aggregates differ from the recomputation", returncode=1)
