# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: complete dossier lifecycles per second through the services (issue 5 §11 goal:
≥ 50/s on PostgreSQL on the 2-core machine). A script, not a test; bounded to ~1–2 minutes.

    .venv/bin/python bench/lifecycle.py [--postgres postgres://postgres@127.0.0.1:5432/postgres]
                                        [--seconds 15] [--clients 2] [--async-commit]

One lifecycle = submit online → receive (code, appointment via workcal) → forward (15:00 rule,
first step) → 3 process steps completed → approve → result ready → return: 9 service calls,
9 transactions, 9 hash-chained events, 9 outbox tasks enqueued. Papers are taken from the data
store (no file I/O). Without ``--postgres`` env DATABASE_URL is used when it is a PostgreSQL
URL, else SQLite only. PostgreSQL runs in a throwaway database ``motcua_bench_<pid>`` (loopback
hosts only) dropped afterwards; SQLite in a temporary file. ``--clients N`` adds a PostgreSQL run
with N client processes (one connection each, like N gunicorn workers). ``--async-commit`` adds
runs with ``synchronous_commit=off`` to show the share of the WAL flush (diagnostic only).
The HTTP part of this benchmark comes with the API.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PREFIX = "bench-"


def setup(database_url: str, media: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings.test"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.backends.signals import connection_created

    settings.MEDIA_ROOT = media
    if os.environ.get("BENCH_ASYNC_COMMIT") and connection.vendor == "postgresql":

        def no_sync(sender: Any, connection: Any, **kw: Any) -> None:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")

        connection_created.connect(no_sync)
        connection.close()


def lifecycle_runner() -> Callable[[int, str], None]:
    """A function running one lifecycle against the world built by ``worker``."""
    from django.contrib.auth import get_user_model

    from motcua.agencies.models import Agency
    from motcua.catalog.models import ProcedureVersion, RequiredDocument
    from motcua.dossiers import services as s
    from motcua.dossiers.services.documents import DocumentIn

    users = {u.username: u for u in get_user_model().objects.filter(username__startswith=PREFIX)}
    applicant, reception = users[f"{PREFIX}applicant"], users[f"{PREFIX}reception"]
    handler, approver = users[f"{PREFIX}handler"], users[f"{PREFIX}approver"]
    version = ProcedureVersion.objects.get(procedure__name_vi="Cấp giấy phép thử nghiệm")
    centre = Agency.objects.get(name_vi="Trung tâm PVHCC")
    department = Agency.objects.get(name_vi="Sở thử nghiệm")
    papers = [
        DocumentIn(component_id=pk, reused_from_data_store=True)
        for pk in RequiredDocument.objects.filter(
            version=version, requirement="mandatory"
        ).values_list("pk", flat=True)
    ]

    def lifecycle(i: int, tag: str) -> None:
        d = s.dossier_submit_online(
            actor=applicant,
            procedure_version=version,
            applicant=s.ApplicantIn(name="Nguyễn Văn Bench", email="b@example.test"),
            receiving_agency=centre,
            competent_agency=department,
            documents=papers,
            idempotency_key=f"{tag}-{i}",
        )
        d = s.dossier_receive(actor=reception, dossier=d.pk, version=d.version)
        d = s.dossier_forward(actor=reception, dossier=d.pk, version=d.version)
        for actor in (handler, handler, approver):
            d = s.step_complete(actor=actor, dossier=d.pk, outcome="ok", version=d.version)
        d = s.dossier_approve(actor=approver, dossier=d.pk, version=d.version)
        d = s.dossier_result_ready(actor=handler, dossier=d.pk, version=d.version)
        d = s.dossier_return_result(actor=reception, dossier=d.pk, version=d.version)
        if d.national_status != 10:
            raise RuntimeError(f"lifecycle ended in {d.status}")

    return lifecycle


def run_for(lifecycle: Callable[[int, str], None], tag: str, seconds: float) -> dict[str, Any]:
    count, errors, started = 0, [], time.perf_counter()
    try:
        while time.perf_counter() < started + seconds:
            lifecycle(count, tag)
            count += 1
    except Exception as exc:
        errors.append(repr(exc))
    return {"count": count, "seconds": time.perf_counter() - started, "errors": errors}


def client(database_url: str, seconds: float, n: int, start_at: float, media: str) -> None:
    """Grandchild: warm up, wait for the common start, run lifecycles, print JSON."""
    setup(database_url, media)
    lifecycle = lifecycle_runner()
    for i in range(10):
        lifecycle(i, f"warm{n}")
    time.sleep(max(0.0, start_at - time.time()))
    print(json.dumps(run_for(lifecycle, f"c{n}", seconds)))


def worker(database_url: str, seconds: float, clients: int, media: str) -> None:
    """Child: migrate a fresh database, build the world, run the clients, print JSON."""
    setup(database_url, media)
    from django.core.management import call_command
    from django.db import connection, connections

    from motcua.core import clock
    from motcua.dossiers.tests.factories import build_world
    from motcua.workcal.seed import calendar_seed_from_library

    call_command("migrate", verbosity=0)
    year = clock.today().year
    calendar_seed_from_library(years=[year, year + 1])
    build_world(prefix=PREFIX)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        version = cursor.fetchone()[0]
    vendor = connection.vendor
    if clients == 1:
        lifecycle = lifecycle_runner()
        for i in range(20):  # warm caches (calendar snapshot, grants), as a server would be
            lifecycle(i, "warm")
        outs = [run_for(lifecycle, "c0", seconds)]
    else:
        connections.close_all()
        start_at = time.time() + 10
        procs = [
            subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [
                    sys.executable,
                    __file__,
                    "--client",
                    database_url,
                    str(seconds),
                    str(n),
                    str(start_at),
                    media,
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(clients)
        ]
        outs = [
            json.loads(p.communicate(timeout=seconds + 90)[0].strip().splitlines()[-1])
            for p in procs
        ]
    print(
        json.dumps(
            {
                "vendor": vendor,
                "version": version,
                "clients": clients,
                "lifecycles": sum(o["count"] for o in outs),
                "seconds": max(o["seconds"] for o in outs),
                "errors": [e for o in outs for e in o["errors"]][:3],
            }
        )
    )


def run_child(database_url: str, seconds: float, clients: int, media: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "--worker", database_url, str(seconds), str(clients), media],
        capture_output=True,
        text=True,
        timeout=seconds + 180,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"worker failed for {database_url}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["async"] = bool(os.environ.get("BENCH_ASYNC_COMMIT"))
    return result


def with_postgres(url: str, seconds: float, clients: int, media: str) -> dict[str, Any]:
    import psycopg

    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        sys.exit(f"refusing a non-loopback PostgreSQL host: {parts.hostname}")
    name = f"motcua_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return run_child(urlunsplit(parts._replace(path=f"/{name}")), seconds, clients, media)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--postgres", help="PostgreSQL URL on a loopback host")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument(
        "--async-commit",
        action="store_true",
        help="also run PostgreSQL with synchronous_commit=off (diagnostic)",
    )
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--client", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        url, secs, n, start_at, media = args.client
        client(url, float(secs), int(n), float(start_at), media)
        return
    if args.worker:
        url, secs, clients, media = args.worker
        worker(url, float(secs), int(clients), media)
        return
    seconds = min(max(args.seconds, 1.0), 60.0)
    clients = min(max(args.clients, 1), 8)
    pg_url = args.postgres or os.environ.get("DATABASE_URL", "")
    if not pg_url.startswith(("postgres://", "postgresql://")):
        pg_url = ""
    results = []
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        results.append(run_child(f"sqlite:///{tmp}/lifecycle.sqlite3", seconds, 1, tmp))
        if pg_url:
            runs = [1] + ([clients] if clients > 1 else [])
            results.extend(with_postgres(pg_url, seconds, n, tmp) for n in runs)
            if args.async_commit:
                os.environ["BENCH_ASYNC_COMMIT"] = "1"
                results.extend(with_postgres(pg_url, seconds, n, tmp) for n in runs)
    print(f"nproc {os.cpu_count()}, {seconds:.0f} s per run, 9 service calls per lifecycle")
    print("| Database | Clients | Lifecycles | Per second | ms per lifecycle (per client) |")
    print("|---|---|---|---|---|")
    for r in results:
        rate = r["lifecycles"] / r["seconds"]
        per = 1000 * r["seconds"] * r["clients"] / max(r["lifecycles"], 1)
        label = " synchronous_commit=off" if r["async"] else ""
        print(
            f"| {r['vendor']} {r['version'].split()[0]}{label} | {r['clients']} "
            f"| {r['lifecycles']} | {rate:.1f} | {per:.1f} |"
        )
        if r["errors"]:
            print(f"  errors: {r['errors']}")


if __name__ == "__main__":
    main()
