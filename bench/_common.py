# SPDX-License-Identifier: AGPL-3.0-or-later
"""Helpers shared by the benchmark scripts (not part of the application).

* ``django_setup(url)``: point Django at ``url`` (test settings: demo mode on) and set it up.
* ``loopback_only(url)``: refuse any PostgreSQL host other than this machine.
* ``pg_create`` / ``pg_drop``: throwaway ``motcua_bench_*`` databases.
* ``BulkWriter``: fast appends of prepared rows (PostgreSQL ``COPY``; SQLite ``executemany`` in
  one transaction per batch), with the values adapted as the ORM would store them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def loopback_only(url: str) -> None:
    if is_postgres(url) and urlsplit(url).hostname not in LOOPBACK:
        sys.exit(f"refusing a non-loopback PostgreSQL host: {urlsplit(url).hostname}")


def with_dbname(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def pg_create(url: str, name: str) -> str:
    """Create database ``name`` (dropping a leftover of the same name); its URL."""
    import psycopg

    loopback_only(url)
    if not name.startswith("motcua_bench_"):
        raise ValueError("benchmark databases are named motcua_bench_*")
    with psycopg.connect(with_dbname(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return with_dbname(url, name)


def pg_drop(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(with_dbname(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_setup(url: str, settings: str = "motcua.settings.test") -> None:
    loopback_only(url)
    os.environ["DATABASE_URL"] = url
    # MOTCUA_BENCH_SETTINGS: another settings module (e.g. while an app's migration is broken).
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("MOTCUA_BENCH_SETTINGS", settings)
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


class BulkWriter:
    """Append rows to model tables, bypassing the ORM (rows are prepared by the caller).

    Pre: rows hold one value per ``columns`` entry, Python values (aware datetimes, dates,
    Decimals, dicts/lists for JSON columns, None). Post: after ``flush`` every buffered row is
    committed; the caller resets the id sequences with ``sequences_reset`` at the end.
    """

    def __init__(self, models: Iterable[Any]) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        self.tables: dict[str, tuple[str, list[str], list[Any]]] = {}
        for model in models:
            fields = list(model._meta.concrete_fields)
            self.tables[model._meta.label] = (
                model._meta.db_table,
                [f.column for f in fields],
                [self._adapter(f) for f in fields],
            )
        self.rows: dict[str, list[Sequence[Any]]] = {label: [] for label in self.tables}
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA cache_size = -200000")
                cursor.execute("PRAGMA temp_store = MEMORY")
        else:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
                # Rows are generated consistent; skip the per-row FK trigger checks while
                # loading (the append-only triggers fire on UPDATE/DELETE only anyway).
                cursor.execute("SET session_replication_role = replica")

    def _adapter(self, field: Any) -> Any:
        from django.db import models

        if isinstance(field, models.JSONField):
            return lambda v: json.dumps(v, ensure_ascii=False)
        if self.vendor != "sqlite":
            return None
        if isinstance(field, models.DateTimeField):
            return lambda v: (
                None if v is None else v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
            )
        if isinstance(field, models.DateField):
            return lambda v: None if v is None else v.isoformat()
        if isinstance(field, models.DecimalField):
            return lambda v: None if v is None else str(Decimal(v))
        if isinstance(field, models.TimeField):
            return lambda v: None if v is None else v.isoformat()
        return None

    def add(self, label: str, row: Sequence[Any]) -> None:
        self.rows[label].append(row)

    def flush(self) -> None:
        from django.db import transaction

        with transaction.atomic():
            for label, (table, columns, adapters) in self.tables.items():
                rows = self.rows[label]
                if not rows:
                    continue
                active = [(i, a) for i, a in enumerate(adapters) if a is not None]
                if active:
                    for r in rows:
                        for i, a in active:
                            r[i] = a(r[i])  # type: ignore[index]
                self._write(table, columns, rows)
                rows.clear()

    def _write(self, table: str, columns: list[str], rows: list[Sequence[Any]]) -> None:
        quote = self.connection.ops.quote_name
        cols = ", ".join(quote(c) for c in columns)
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {quote(table)} ({cols}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
            else:
                marks = ", ".join("?" for _ in columns)
                sql = f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql.replace("?", "%s"), rows)

    def sequences_reset(self) -> None:
        """Point the id sequences past the explicit ids written (PostgreSQL only)."""
        if self.vendor != "postgresql":
            return  # SQLite AUTOINCREMENT follows the largest id by itself
        with self.connection.cursor() as cursor:
            for table, _columns, _adapters in self.tables.values():
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
                )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """gunicorn with deploy/gunicorn.conf.py on 127.0.0.1 (a free port) against ``url``.

    Use as a context manager: the server (its whole process group) is stopped on exit, also on
    errors or Ctrl-C. ``workers``/``threads`` override WEB_CONCURRENCY/GUNICORN_THREADS.
    """

    def __init__(self, url: str, *, workers: int | None = None, threads: int | None = None):
        loopback_only(url)
        self.url, self.port = url, free_port()
        self.workers, self.threads = workers, threads
        self.proc: Any = None
        self.log = Path(f"/tmp/motcua-bench-gunicorn-{os.getpid()}.log")  # noqa: S108

    def __enter__(self) -> Server:
        import signal
        import subprocess
        import time
        import urllib.request

        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.url,
            DJANGO_SETTINGS_MODULE="bench_settings",
            PYTHONPATH=f"{ROOT / 'src'}:{ROOT / 'bench'}",
        )
        env.pop("MOTCUA_BENCH_SETTINGS", None)
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        if self.threads:
            env["GUNICORN_THREADS"] = str(self.threads)
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.proc = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [
                gunicorn,
                "motcua.wsgi:application",
                "-c",
                str(ROOT / "deploy/gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            env=env,
            cwd=ROOT,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._signal = signal
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5)
                return self
            except OSError as exc:
                if getattr(exc, "code", None):  # an HTTP error status: the server answers
                    return self
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc: Any) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, self._signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except Exception:
                os.killpg(self.proc.pid, self._signal.SIGKILL)
                self.proc.wait(timeout=5)


def api_token(username: str) -> str:
    """A fresh bearer token for ``username`` (Django must be set up on the same database)."""
    from django.contrib.auth import get_user_model

    from motcua.accounts.tokens import token_create

    user = get_user_model().objects.get(username=username)
    _token, raw = token_create(user=user, name=f"bench {os.getpid()}")
    return raw


def http_json(
    conn: Any, method: str, path: str, token: str, body: Any = None, headers: Any = None
) -> tuple[int, Any, Any]:
    """One request on a kept-alive ``http.client.HTTPConnection``: (status, JSON, headers)."""
    hdrs = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    if body is not None:
        hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=data, headers=hdrs)
    response = conn.getresponse()
    raw = response.read()
    return response.status, (json.loads(raw) if raw else None), response.headers
