# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py dossier_deadline_watch``: run the deadline watch once (idempotent, catches up)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.dossiers.services.watch import deadline_watch_run


class Command(BaseCommand):
    help = "Mark due-soon and overdue dossiers and steps; record notifications."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = deadline_watch_run()
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
