# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: statistics over a large database (issue 7 §6 goals: the yearly II.06a report for
the province ≤ 200 ms on PostgreSQL, ≤ 500 ms on SQLite; a dashboard page ≤ 300 ms).

    .venv/bin/python bench/generate.py --count 1000000 --database URL     # once (bench/generate.py)
    .venv/bin/python bench/reports.py --database URL [--year 2026] [--reps 20] [--no-refresh]

Migrates (the reports tables), runs ``reports.services.aggregates_refresh`` until it has folded
every event (timed: the first run is the initial load of every dossier), then times, ``--reps``
times each after one warm-up: the yearly II.06a query for the province (all agencies, by agency),
the same by field, the Decision 766 groups, and the desk pages rendered in-process by Django's
test client for a superuser (II.06a page, dashboard page). Prints p50/p95/max in ms and the
totals, as JSON at the end. Writes only the reports tables (and a superuser session).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import django_setup, percentile


def timed(fn: Callable[[], Any], reps: int) -> dict[str, float]:
    fn()  # warm-up (caches, connection)
    values = []
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        values.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(values, 0.5), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--year", type=int, default=0, help="report year (default: the latest)")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--no-refresh", action="store_true")
    args = parser.parse_args()
    django_setup(args.database)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from motcua.accounts.models import User
    from motcua.agencies.models import Agency
    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.reports.index766 import index766
    from motcua.reports.models import DossierFact, StatRow
    from motcua.reports.periods import Period
    from motcua.reports.queries import ii06a
    from motcua.reports.services import aggregates_refresh

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    out: dict[str, Any] = {"vendor": connection.vendor}
    out["dossiers"] = Dossier.objects.count()
    out["events"] = DossierEvent.objects.order_by().count()
    if not args.no_refresh:
        started = time.perf_counter()
        total = 0
        while True:
            r = aggregates_refresh(page_size=100_000)
            total += r.folded
            print(f"refresh: folded {total} ({time.perf_counter() - started:.0f} s)", flush=True)
            if r.events == 0:
                break
        out["refresh_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        aggregates_refresh()
        out["refresh_idle_ms"] = round((time.perf_counter() - started) * 1000, 1)
    out["facts"] = DossierFact.objects.count()
    out["stat_rows"] = StatRow.objects.count()
    year = args.year or max(StatRow.objects.filter(g=2).values_list("day", flat=True)).year
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    root = Agency.objects.order_by("depth", "path").first()
    if root is None:
        sys.exit("no agencies: run bench/generate.py first")
    ids = list(Agency.objects.values_list("pk", flat=True))
    report = ii06a(unit=root, agency_ids=ids, period=period)
    out["year"] = year
    out["ii06a_total"] = report.total.cols
    print(json.dumps({"ii06a_total": report.total.cols}), flush=True)
    out["ii06a_by_agency"] = timed(
        lambda: ii06a(unit=root, agency_ids=ids, period=period), args.reps
    )
    out["ii06a_by_field"] = timed(
        lambda: ii06a(unit=root, agency_ids=ids, period=period, grouping="field"), args.reps
    )
    out["index766"] = timed(lambda: index766(agency_ids=ids, period=period), args.reps)
    user = User.objects.filter(is_superuser=True).first()
    if user is None:
        sys.exit("no superuser: run bench/generate.py first (it loads the demo data)")
    client = Client()
    client.force_login(user)
    query = {"unit": root.pk, "period": "year", "year": year}
    for name in ("report_ii06a", "report_dashboard", "report_766"):
        url = reverse(f"desk:{name}")

        def page(url: str = url) -> None:
            response = client.get(url, query)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: {response.status_code}")

        out[f"page_{name}"] = timed(page, args.reps)
    print(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
