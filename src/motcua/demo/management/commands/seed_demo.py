# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.demo.seed import DemoModeRequired, seed_demo


class Command(BaseCommand):
    help = "Load the Tây Ninh demo agencies and accounts (demo mode only; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            logins = seed_demo()
        except DemoModeRequired as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"motcua: demo data ready ({len(logins)} demo logins).")
