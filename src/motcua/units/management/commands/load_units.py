# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py load_units``: load Tây Ninh's administrative units (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.units.loader import load_reference_units


class Command(BaseCommand):
    help = "Load Tây Ninh's administrative units before and after 01/07/2025 (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_reference_units()
        self.stdout.write(self.style.SUCCESS(str(summary)))
