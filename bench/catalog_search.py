# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: ms per ``search.selectors.search()`` over 10,000 procedures, on SQLite and
PostgreSQL (issue 4 goal: p95 ≤ 20 ms on both). A script, not a test; bounded to ~2 minutes.

    .venv/bin/python bench/catalog_search.py [--postgres postgres://postgres@127.0.0.1:5432/postgres]

Without ``--postgres`` the script uses env DATABASE_URL when it is a PostgreSQL URL, else only
SQLite. The PostgreSQL URL names a server and a maintenance database to connect to; the script
creates a throwaway database ``motcua_bench_<pid>`` next to it and drops it afterwards. Only
loopback hosts are accepted. SQLite runs in a fresh file under /tmp, deleted afterwards.

Documents: the real names in ../shared/data (procedures_sample.json + the national catalogue
CSV), plus generated variants that splice the words of two real names, up to 10,000. Queries:
300 drawn with a fixed seed from real names (1–4 consecutive words, with and without accents,
upper case, the last word cut to a prefix) plus the issue's own examples. Each database runs
in a child process (Django binds one default connection); the parent compares the top 10 of
every query across the databases, which must agree (ARCHITECTURE.md §1.5, issue 4).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
N_DOCS = 10_000
N_QUERIES = 300
SEED = 20261127
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FIXED_QUERIES = [
    "dang ky ket hon",
    "Đăng ký kết hôn",
    "DANG KY KET HON",
    "dang ky khai sinh",
    "dang ky kh",
    "giấy phép xây dựng",
    "giay phep xay d",
    "chung thuc ban sao",
    "d",
    "ch",
    "dat dai",
    "ho kinh doanh",
]


def real_procedures() -> list[tuple[str, str, str]]:
    """(code, name, body) of every real procedure, deduplicated by code."""
    found: dict[str, tuple[str, str, str]] = {}
    for item in json.loads((DATA / "procedures_sample.json").read_text(encoding="utf-8")):
        body = " ".join([item.get("field") or "", *(item.get("implementing_agencies") or [])])
        found[item["code"]] = (item["code"], item["name"], body)
    with (DATA / "procedures_catalog_national.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            body = f"{row['field']} {row['issuing_ministry']} {row['implementing_agencies']}"
            found.setdefault(row["code"], (row["code"], row["name"], body))
    return sorted(found.values())


def corpus(rng: random.Random) -> list[tuple[str, str, str]]:
    real = real_procedures()
    docs = list(real)
    n = 0
    while len(docs) < N_DOCS:
        a, b = rng.choice(real), rng.choice(real)
        wa, wb = a[1].split(), b[1].split()
        name = " ".join(wa[: max(2, len(wa) // 2)] + wb[len(wb) // 2 :])
        docs.append((f"9.{n:06d}", name, b[2]))
        n += 1
    return docs


def queries(rng: random.Random, docs: list[tuple[str, str, str]]) -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from motcua.core.text import fold_vi

    out = list(FIXED_QUERIES)
    while len(out) < N_QUERIES:
        words = rng.choice(docs)[1].replace(",", " ").split()
        size = min(len(words), rng.choice([1, 2, 2, 3, 3, 4]))
        start = rng.randrange(len(words) - size + 1)
        picked = words[start : start + size]
        if rng.random() < 0.4 and len(picked[-1]) > 2:
            picked[-1] = picked[-1][: rng.randint(2, len(picked[-1]) - 1)]
        text = " ".join(picked)
        style = rng.random()
        if style < 0.45:
            text = fold_vi(text)
        elif style < 0.55:
            text = text.upper()
        out.append(text)
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def worker(database_url: str, payload_path: str) -> None:
    """Child: migrate a fresh database, index, time every query, print JSON."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings.test"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from motcua.search.selectors import search
    from motcua.search.services import SearchInput, search_reindex

    payload = json.loads(Path(payload_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    search_reindex(
        doc_type="procedure",
        documents=(SearchInput(code, name, body=body) for code, name, body in payload["docs"]),
    )
    indexed = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
    for query in payload["queries"][:30]:  # warm caches, as a running server would be
        search(query)
    timings, tops, hits = [], {}, 0
    for query in payload["queries"]:
        t0 = time.perf_counter()
        result = search(query, limit=20)
        timings.append((time.perf_counter() - t0) * 1000)
        tops[query] = [h.object_id for h in result[:10]]
        hits += bool(result)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        version = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "version": version,
                "migrate_s": migrated - started,
                "index_s": indexed - migrated,
                "timings": timings,
                "with_hits": hits,
                "tops": tops,
            }
        )
    )


def run_child(database_url: str, payload_path: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "--worker", database_url, payload_path],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"worker failed for {database_url}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def with_postgres(url: str, payload_path: str) -> dict[str, Any]:
    import psycopg

    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        sys.exit(f"refusing a non-loopback PostgreSQL host: {parts.hostname}")
    name = f"motcua_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return run_child(urlunsplit(parts._replace(path=f"/{name}")), payload_path)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="PostgreSQL URL on a loopback host")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    if not DATA.is_dir():
        sys.exit(f"reference data not found at {DATA}")
    pg_url = args.postgres or os.environ.get("DATABASE_URL", "")
    if not pg_url.startswith(("postgres://", "postgresql://")):
        pg_url = ""
    rng = random.Random(SEED)  # noqa: S311 - reproducible sample, not security
    docs = corpus(rng)
    payload = {"docs": docs, "queries": queries(rng, docs)}
    results = []
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        payload_path = str(Path(tmp) / "payload.json")
        Path(payload_path).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        results.append(run_child(f"sqlite:///{tmp}/search.sqlite3", payload_path))
        if pg_url:
            results.append(with_postgres(pg_url, payload_path))
    print(f"{len(docs)} documents, {len(payload['queries'])} queries, nproc {os.cpu_count()}")
    print("| Database | Index 10k | Queries with hits | p50 | p95 | max |")
    print("|---|---|---|---|---|---|")
    for r in results:
        t = r["timings"]
        print(
            f"| {r['vendor']} {r['version']} | {r['index_s']:.2f} s | {r['with_hits']} "
            f"| {statistics.median(t):.2f} ms | {percentile(t, 95):.2f} ms | {max(t):.2f} ms |"
        )
    for r in results:
        slow = sorted(zip(r["timings"], payload["queries"], strict=True), reverse=True)[:5]
        print(f"Slowest on {r['vendor']}: " + ", ".join(f"{q!r} {ms:.1f} ms" for ms, q in slow))
    if len(results) == 2:
        a, b = results[0]["tops"], results[1]["tops"]
        same = sum(a[q] == b[q] for q in a)
        print(f"Same top 10 on both databases: {same} of {len(a)} queries")
        for q in [q for q in a if a[q] != b[q]][:5]:
            print(f"  differs: {q!r}: {a[q][:5]} vs {b[q][:5]}")


if __name__ == "__main__":
    main()
