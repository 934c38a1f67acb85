# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: GET /api/v1/dossiers latency over a large database (issue 5 §11 goal: p50 ≤ 50 ms
with 1 client, ≤ 250 ms with 16, agency-scoped official, pages of 50). A script, not a test.

    .venv/bin/python bench/generate.py --count 1000000 --database URL     # once (~10–15 min)
    .venv/bin/python bench/list_latency.py --database URL [--user tiepnhan.tanninh]
                                           [--clients 1,16] [--seconds 20]

Serves ``URL`` with gunicorn (deploy/gunicorn.conf.py, ``bench/bench_settings.py``: persistent
connections) on 127.0.0.1 at a free port, creates an API token for ``--user`` and, per client
count, runs the cases in turn for ``--seconds`` each: the first page, pages 2–4 (following
``next_cursor``), and the ``to_receive``, ``to_process``, ``overdue`` inboxes. Clients are
threads with one kept-alive connection each. Prints p50/p95/max per case. The server is stopped
on exit; the database is only read (plus one API token).
"""

from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Server, api_token, django_setup, http_json, percentile

CASES = {
    "first page": "/api/v1/dossiers?limit=50",
    "pages 2–4": "/api/v1/dossiers?limit=50",
    "inbox to_receive": "/api/v1/dossiers?limit=50&inbox=to_receive",
    "inbox to_process": "/api/v1/dossiers?limit=50&inbox=to_process",
    "inbox overdue": "/api/v1/dossiers?limit=50&inbox=overdue",
}


def one_client(port: int, token: str, case: str, until: float, out: list[float]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    path = CASES[case]
    try:
        while time.perf_counter() < until:
            if case == "pages 2–4":
                status, body, _h = http_json(conn, "GET", path, token)
                for _page in range(3):
                    cursor = (body or {}).get("next_cursor")
                    if status != 200 or not cursor:
                        break
                    start = time.perf_counter()
                    status, body, _h = http_json(
                        conn, "GET", f"{path}&cursor={quote(cursor)}", token
                    )
                    out.append((time.perf_counter() - start) * 1000)
            else:
                start = time.perf_counter()
                status, body, _h = http_json(conn, "GET", path, token)
                out.append((time.perf_counter() - start) * 1000)
            if status != 200:
                raise RuntimeError(f"{case}: HTTP {status} {body}")
    finally:
        conn.close()


def run_case(port: int, token: str, case: str, clients: int, seconds: float) -> list[float]:
    samples: list[list[float]] = [[] for _ in range(clients)]
    until = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=one_client, args=(port, token, case, until, samples[i]))
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    return [x for s in samples for x in s]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://… URL")
    parser.add_argument("--user", default="tiepnhan.tanninh", help="an agency-scoped official")
    parser.add_argument("--clients", default="1,16")
    parser.add_argument("--seconds", type=float, default=20.0, help="per case and client count")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 2.0), 120.0)
    django_setup(args.database)
    from django.db import connection

    from motcua.dossiers.models import Dossier

    token = api_token(args.user)
    total = Dossier.objects.count()
    vendor = connection.vendor
    connection.close()
    cases = [c for c in args.cases.split(",") if c in CASES]
    print(f"{vendor}: {total:,} dossiers, user {args.user}, {seconds:.0f} s per case")
    print("| Clients | Case | Requests | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|---|")
    with Server(args.database, workers=args.workers) as server:
        # Warm every worker (imports, first queries) before timing.
        run_case(server.port, token, "first page", 4, 3.0)
        for clients in [int(c) for c in args.clients.split(",")]:
            for case in cases:
                ms = run_case(server.port, token, case, clients, seconds)
                print(
                    f"| {clients} | {case} | {len(ms)} | {percentile(ms, 0.5):.1f} "
                    f"| {percentile(ms, 0.95):.1f} | {max(ms, default=0):.1f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
