# SPDX-License-Identifier: AGPL-3.0-or-later
"""``manage.py run_scheduler [--once] [--tick N]``: enqueue the interval jobs of
``SCHEDULER_JOBS``. Safe to run on several hosts at once (unique (job, slot) rows)."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import OperationalError, close_old_connections

from motcua.core import clock
from motcua.scheduler.services import jobs_from_settings, runs_prune, seconds_to_next_slot, tick


class Command(BaseCommand):
    help = "Enqueue periodic jobs (deadline watch, notification sweep, …) on their interval."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Tick once and exit.")
        parser.add_argument(
            "--tick",
            type=float,
            default=None,
            help="Longest sleep between ticks in seconds (default: SCHEDULER_TICK_SECONDS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = jobs_from_settings()
        longest = float(options["tick"] or settings.SCHEDULER_TICK_SECONDS)
        self.running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            self.running = False

        if not options["once"]:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            names = ", ".join(f"{j.name}/{j.every_seconds}s" for j in jobs)
            self.stdout.write(f"scheduler: {names}")
        ticks, first = 0, True
        while True:
            if not first:  # between ticks: a long sleep may outlive the database connection
                close_old_connections()
            first = False
            try:
                for outcome in tick(jobs=jobs):
                    if outcome.enqueued and options["verbosity"] >= 1:
                        self.stdout.write(f"enqueued {outcome.job} slot={outcome.slot}")
                ticks += 1
                if ticks % 1000 == 0:
                    runs_prune()
            except OperationalError as exc:  # database busy or restarting: try next tick
                self.stderr.write(f"scheduler: {exc}")
            if options["once"]:
                return
            deadline = time.monotonic() + min(longest, seconds_to_next_slot(jobs, clock.now()))
            while self.running and time.monotonic() < deadline:
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
            if not self.running:
                self.stdout.write("scheduler: stopped")
                return
