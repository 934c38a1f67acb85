# SPDX-License-Identifier: AGPL-3.0-or-later
"""Synthetic dossiers with realistic histories, for the list and statistics benchmarks.

    .venv/bin/python bench/generate.py --count 1000000 --database sqlite:////tmp/x.sqlite3
    .venv/bin/python bench/generate.py --count 1000000 \\
        --database postgres://postgres@127.0.0.1:5432/motcua_bench_1m [--create]

The database is migrated first; the working-day calendar (2023–2027) and the demo data
(agencies, staff, the demo catalogue: ``seed_demo``) are loaded when missing. Then ``--count``
dossiers of the demo procedures are simulated one by one, the way the services would have
written them (``bench/_gensim.py``), and appended in bulk (PostgreSQL ``COPY``; SQLite
``executemany``), ``--batch`` dossiers per transaction. Existing dossiers are kept; new ids
follow them. ``--create`` (PostgreSQL) drops and recreates the named ``motcua_bench_*``
database first. Loopback hosts only. Prints progress and totals.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import django_setup, is_postgres, loopback_only, pg_create


def prepare(quiet: bool) -> None:
    """Migrate; load the calendar and the demo data when missing (both are idempotent)."""
    from django.core.management import call_command

    from motcua.catalog.constants import VersionOrigin, VersionStatus
    from motcua.catalog.models import ProcedureVersion
    from motcua.workcal.models import CalendarDay
    from motcua.workcal.seed import calendar_seed_from_library

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    years = list(range(2023, 2028))
    if CalendarDay.objects.filter(agency__isnull=True, date__year=2023).count() < 5:
        calendar_seed_from_library(years=years)
    demo = ProcedureVersion.objects.filter(
        origin=VersionOrigin.DEMO, status=VersionStatus.PUBLISHED
    )
    if not demo.exists():
        from motcua.demo.seed import seed_demo

        if not quiet:
            print("loading the demo data (national catalogue import, ~1–3 min) …", flush=True)
        seed_demo()
    if not quiet:
        print(f"prepared in {time.perf_counter() - started:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://… URL")
    parser.add_argument("--batch", type=int, default=20_000, help="dossiers per transaction")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (reproducible)")
    parser.add_argument(
        "--create", action="store_true", help="PostgreSQL: recreate the motcua_bench_* database"
    )
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    url = args.database
    loopback_only(url)
    if args.create and is_postgres(url):
        name = url.rsplit("/", 1)[-1]
        pg_create(url, name)
    django_setup(url)
    prepare(args.quiet)

    import _gensim as g

    world = g.World.load()
    writer = g.writer()
    rng = random.Random(args.seed)  # noqa: S311 - reproducible synthetic data, not secrets
    started = time.perf_counter()
    totals = g.Totals()
    for done in g.generate(world, writer, rng, args.count, args.batch, totals):
        if not args.quiet:
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(
                f"{done:>9,} dossiers  {totals.events:>11,} events  {totals.steps:>10,} steps"
                f"  {rate:,.0f}/s",
                flush=True,
            )
    g.finish(writer, world)
    seconds = time.perf_counter() - started
    print(
        f"generated {totals.dossiers:,} dossiers, {totals.events:,} events, "
        f"{totals.steps:,} steps in {seconds:.0f} s ({totals.dossiers / seconds:,.0f}/s) "
        f"on {writer.vendor}"
    )
    print("states: " + ", ".join(f"{k} {v:,}" for k, v in sorted(totals.states.items())))
    print(
        f"online {totals.online:,}, late {totals.late:,}, supplements {totals.supplements:,} "
        f"(2 requests: {totals.two_supplements:,}), extended {totals.extended:,}, "
        f"financial waits {totals.financial:,}, open and overdue {totals.overdue:,}"
    )


if __name__ == "__main__":
    main()
