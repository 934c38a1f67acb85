# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py dossier_verify [--all | CODE ...]``: re-check the event hash chains.

Prints the first broken link of each damaged dossier and exits with status 1 when any is found.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.dossiers.events import chain_verify
from motcua.dossiers.models import Dossier, DossierEvent


class Command(BaseCommand):
    help = "Verify the tamper-evident event history of dossiers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("codes", nargs="*", help="dossier codes (or #id)")
        parser.add_argument("--all", action="store_true", help="verify every dossier")

    def handle(self, *args: Any, **options: Any) -> None:
        codes: list[str] = options["codes"]
        if not codes and not options["all"]:
            raise CommandError("Give dossier codes or --all.")
        qs = Dossier.objects.order_by("pk")
        if codes:
            ids = [int(c[1:]) for c in codes if c.startswith("#") and c[1:].isdigit()]
            named = [c for c in codes if not c.startswith("#")]
            qs = qs.filter(code__in=named) | qs.filter(pk__in=ids)
            if qs.count() != len(codes):
                raise CommandError(f"Unknown dossier code among: {', '.join(codes)}")
        broken = checked = 0
        for dossier in qs.iterator():
            checked += 1
            events = DossierEvent.objects.filter(dossier=dossier).order_by("seq")
            link = chain_verify(list(events))
            if link is None and dossier.event_seq != events.count():
                self.stdout.write(f"{dossier}: BROKEN at seq {events.count() + 1}: event missing")
                broken += 1
            elif link is not None:
                self.stdout.write(f"{dossier}: BROKEN at seq {link.seq}: {link.reason}")
                broken += 1
        self.stdout.write(f"checked {checked} dossier(s), {broken} broken")
        if broken:
            raise SystemExit(1)
