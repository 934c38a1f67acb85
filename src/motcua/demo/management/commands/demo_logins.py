# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from motcua.demo.seed import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the portal URL and the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"]
        self.stdout.write("")
        self.stdout.write(f"motcua is serving the public portal at {url}")
        self.stdout.write(f"  officials' desk: {url}desk/    API docs: {url}api/v1/docs")
        if not getattr(settings, "DEMO_MODE", False):
            return
        self.stdout.write(f"  demo logins (password for all: {DEMO_PASSWORD}):")
        for login in demo_logins():
            self.stdout.write(f"    {login.username:<20} {login.description}")
        self.stdout.write("  Press Ctrl-C to stop.")
        self.stdout.write("")
