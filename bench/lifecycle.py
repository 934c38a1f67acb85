# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: complete dossier lifecycles per second through the services and through the HTTP
API (issue 5 §11 goal: ≥ 50/s through the services on PostgreSQL on the 2-core machine).
A script, not a test; bounded (each run ``--seconds``, children and server killed on exit).

    .venv/bin/python bench/lifecycle.py [--postgres postgres://postgres@127.0.0.1:5432/postgres]
        [--seconds 15] [--clients 1,2,4] [--no-sqlite] [--async-commit]
        [--http] [--http-clients 1,4]

One lifecycle = submit online → receive (code, appointment via workcal) → forward (15:00 rule,
first step) → 3 process steps completed → approve → result ready → return: 9 service calls,
9 transactions, 9 hash-chained events, 4 outbox tasks (the events that notify anyone).
Services mode: papers are taken from the data store (no file I/O); ``--clients`` N runs N
client processes (one connection each, like N gunicorn workers). ``--http`` drives the same
lifecycle through /api/v1 (bearer tokens, ``Idempotency-Key`` on the submission, ``If-Match``
with the last ``ETag`` on every action; two small papers uploaded as base64; the submission is
a counter receipt, POST /dossiers, which records, checks and receives in one request: 8
requests)
against gunicorn (deploy/gunicorn.conf.py, ``bench/bench_settings.py``) on 127.0.0.1 at a
free port; HTTP clients are threads with one kept-alive connection each. Without ``--postgres``
env DATABASE_URL is used when it is a
PostgreSQL URL. PostgreSQL runs in throwaway databases ``motcua_bench_<pid>_<n>`` (loopback
hosts only) dropped afterwards; SQLite in temporary files. ``--async-commit`` adds runs with
``synchronous_commit=off`` to show the share of the WAL flush (diagnostic only).
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
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
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
    count, errors, started, cpu = 0, [], time.perf_counter(), time.process_time()
    try:
        while time.perf_counter() < started + seconds:
            lifecycle(count, tag)
            count += 1
    except Exception as exc:
        errors.append(repr(exc))
    # CPU of this client process (Python, ORM, driver): less sensitive to the other jobs'
    # load than the wall-clock rate on the shared machine.
    cpu_ms = 1000 * (time.process_time() - cpu) / max(count, 1)
    elapsed = time.perf_counter() - started
    return {"count": count, "seconds": elapsed, "errors": errors, "cpu_ms": cpu_ms}


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
    if clients == 0:  # --http: the server will run the lifecycles; hand over what it needs
        print(json.dumps({"vendor": vendor, "version": version, **http_world()}))
        return
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
                "cpu_ms": sum(o["cpu_ms"] for o in outs) / len(outs),
            }
        )
    )


def http_world() -> dict[str, Any]:
    """Tokens, procedure code, agencies and mandatory papers of the world (for ``--http``)."""
    from _common import api_token

    from motcua.agencies.models import Agency
    from motcua.catalog.models import ProcedureVersion, RequiredDocument

    version = ProcedureVersion.objects.select_related("procedure").get(
        procedure__name_vi="Cấp giấy phép thử nghiệm"
    )
    roles = ("applicant", "reception", "handler", "approver")
    return {
        "tokens": {r: api_token(f"{PREFIX}{r}") for r in roles},
        "procedure": version.procedure.code,
        "centre": Agency.objects.get(name_vi="Trung tâm PVHCC").identifier,
        "department": Agency.objects.get(name_vi="Sở thử nghiệm").identifier,
        "papers": list(
            RequiredDocument.objects.filter(version=version, requirement="mandatory").values_list(
                "pk", flat=True
            )
        ),
    }


def http_lifecycle(conn: Any, w: dict[str, Any], key: str) -> None:
    """One lifecycle through /api/v1 on a kept-alive connection; raises on any unexpected answer."""
    from _common import http_json

    t = w["tokens"]
    body = {
        "procedure": w["procedure"],
        "applicant": {"name": "Nguyễn Văn Bench", "email": "b@example.test"},
        "receiving_agency": w["centre"],
        "competent_agency": w["department"],
        "documents": [
            {"component_id": pk, "name": f"giay-to-{pk}.pdf", "content_base64": "JVBERi0xLjQK"}
            for pk in w["papers"]
        ],
    }
    # POST /dossiers/online answers 405 (GET /dossiers/{ref} is routed first; see the report),
    # so the dossier is received at the counter: intake + receipt in one request.
    body["channel"] = "direct"
    status, d, headers = http_json(
        conn, "POST", "/api/v1/dossiers", t["reception"], body, {"Idempotency-Key": key}
    )
    steps = [
        ("forward", "reception", {}),
        ("complete-step", "handler", {"outcome": "ok"}),
        ("complete-step", "handler", {"outcome": "ok"}),
        ("complete-step", "approver", {"outcome": "ok"}),
        ("approve", "approver", {}),
        ("result-ready", "handler", {"documents": []}),
        ("return-result", "reception", {}),
    ]
    for action, who, payload in steps:
        if status not in (200, 201):
            raise RuntimeError(f"{action}: HTTP {status} {d}")
        etag = headers.get("ETag") or f'"{d["version"]}"'
        status, d, headers = http_json(
            conn,
            "POST",
            f"/api/v1/dossiers/{d['id']}/{action}",
            t[who],
            payload,
            {"If-Match": etag},
        )
    if status != 200 or d["status"] != "returned":
        raise RuntimeError(f"lifecycle ended with HTTP {status}: {d}")


def http_run(url: str, clients: list[int], seconds: float, media: str) -> list[dict[str, Any]]:
    """Prepare ``url`` in a child, serve it with gunicorn, run the HTTP clients (threads)."""
    import http.client
    import threading

    from _common import Server

    w = run_child(url, seconds, 0, media)
    os.environ["MOTCUA_BENCH_MEDIA"] = media
    results = []
    with Server(url) as server:
        for n in [0, *clients]:  # 0: warm-up (imports, caches in every worker)
            counts, errors = [0] * max(n, 1), []
            until = time.perf_counter() + (3.0 if n == 0 else seconds)

            def loop(
                i: int,
                n: int = n,
                until: float = until,
                counts: list[int] = counts,
                errors: list[str] = errors,
            ) -> None:
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                try:
                    while time.perf_counter() < until:
                        http_lifecycle(conn, w, f"h{n}-{i}-{counts[i]}-{time.time_ns()}")
                        counts[i] += 1
                except Exception as exc:  # reported with the figures
                    errors.append(repr(exc)[:300])
                finally:
                    conn.close()

            threads = [threading.Thread(target=loop, args=(i,)) for i in range(max(n, 1))]
            started = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join(timeout=seconds + 120)
            elapsed = time.perf_counter() - started
            if n:
                results.append(
                    {
                        **w,
                        "clients": n,
                        "lifecycles": sum(counts),
                        "seconds": elapsed,
                        "errors": errors[:3],
                        "async": False,
                        "http": True,
                    }
                )
    return results


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


def with_postgres(url: str, run: Callable[[str], Any]) -> Any:
    """``run(url_of_a_fresh_database)`` in a throwaway ``motcua_bench_<pid>_<n>`` database."""
    from _common import pg_create, pg_drop

    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        sys.exit(f"refusing a non-loopback PostgreSQL host: {parts.hostname}")
    _SERIAL[0] += 1
    name = f"motcua_bench_{os.getpid()}_{_SERIAL[0]}"
    try:
        return run(pg_create(url, name))
    finally:
        pg_drop(url, name)


_SERIAL = [0]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--postgres", help="PostgreSQL URL on a loopback host")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", default="1,2", help="client processes, e.g. 1,2,4")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL runs only")
    parser.add_argument("--no-services", action="store_true", help="HTTP runs only")
    parser.add_argument("--http", action="store_true", help="also run through the HTTP API")
    parser.add_argument("--http-clients", default="1,4", help="HTTP client threads, e.g. 1,4")
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
    clients = [min(max(int(c), 1), 8) for c in args.clients.split(",")]
    http_clients = [min(max(int(c), 1), 16) for c in args.http_clients.split(",")]
    pg_url = args.postgres or os.environ.get("DATABASE_URL", "")
    if not pg_url.startswith(("postgres://", "postgresql://")):
        pg_url = ""
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        if not args.no_services:
            if not args.no_sqlite:
                results += [
                    run_child(f"sqlite:///{tmp}/lc{n}.sqlite3", seconds, n, tmp) for n in clients
                ]
            if pg_url:
                results += [
                    with_postgres(pg_url, lambda u, n=n: run_child(u, seconds, n, tmp))
                    for n in clients
                ]
                if args.async_commit:
                    os.environ["BENCH_ASYNC_COMMIT"] = "1"
                    results.extend(
                        with_postgres(pg_url, lambda u, n=n: run_child(u, seconds, n, tmp))
                        for n in clients
                    )
                    os.environ.pop("BENCH_ASYNC_COMMIT")
        if args.http:
            if not args.no_sqlite:
                results += http_run(f"sqlite:///{tmp}/http.sqlite3", http_clients, seconds, tmp)
            if pg_url:
                results += with_postgres(pg_url, lambda u: http_run(u, http_clients, seconds, tmp))
    print(f"nproc {os.cpu_count()}, {seconds:.0f} s per run, 9 service calls per lifecycle")
    print(
        "| Through | Database | Clients | Lifecycles | Per second "
        "| ms per lifecycle per client | client CPU ms per lifecycle |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in results:
        rate = r["lifecycles"] / r["seconds"]
        per = 1000 * r["seconds"] * r["clients"] / max(r["lifecycles"], 1)
        label = " synchronous_commit=off" if r["async"] else ""
        print(
            f"| {'HTTP API' if r.get('http') else 'services'} "
            f"| {r['vendor']} {r['version'].split()[0]}{label} | {r['clients']} "
            f"| {r['lifecycles']} | {rate:.1f} | {per:.1f} "
            f"| {r.get('cpu_ms', float('nan')):.1f} |"
        )
        if r["errors"]:
            print(f"  errors: {r['errors']}")


if __name__ == "__main__":
    main()
