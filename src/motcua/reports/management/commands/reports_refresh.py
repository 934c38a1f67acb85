# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py reports_refresh``: fold new dossier events into the statistics (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.reports.services import aggregates_refresh


class Command(BaseCommand):
    help = "Fold the dossier events committed since the last run into the statistics."

    def handle(self, *args: Any, **options: Any) -> None:
        r = aggregates_refresh()
        self.stdout.write(
            f"folded={r.folded} events={r.events} holes={r.holes} seconds={r.seconds:.2f}"
        )
