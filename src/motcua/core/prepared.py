# SPDX-License-Identifier: AGPL-3.0-or-later
"""Server-side prepared statements for the hot path's fixed SQL (PostgreSQL).

``prepared_cursor`` is the one way to them; ``core.rows`` and ``core.writes`` build on it.
Measured effects are in docs/performance.md ("Fourth session"). Behind a connection pooler in
transaction mode, use PgBouncer ≥ 1.21 with ``max_prepared_statements`` set, or set the
database ``OPTIONS["prepare_threshold"]`` to None in the deployment's settings: this module
then falls back to Django's ordinary cursor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connections
from django.db.backends.utils import CursorWrapper

_PREPARED_CURSOR: Any = None


def _prepared_cursor_class() -> Any:
    """Django's server-binding psycopg cursor, preparing every statement it runs."""
    global _PREPARED_CURSOR
    if _PREPARED_CURSOR is None:
        import psycopg
        from django.db.backends.postgresql import base
        from psycopg.pq import Format

        tz_oid = psycopg.adapters.types["timestamptz"].oid
        fast_tz = psycopg.adapters.get_loader(tz_oid, Format.TEXT)  # the C loader, if built

        class PreparedCursor(base.ServerBindingCursor):  # type: ignore[name-defined]
            def __init__(self, connection: Any, **kw: Any) -> None:
                super().__init__(connection, **kw)
                # Django reads ``timestamptz`` through a Python subclass of psycopg's loader
                # that re-labels the value with the session's zone (UTC); the C loader gives
                # the same aware datetime (it converts to the session zone) at a fraction of
                # the cost, and a dossier row holds a dozen of them.
                if fast_tz is not None and connection.info.timezone == dt.UTC:
                    self.adapters.register_loader(tz_oid, fast_tz)

            in_use = False

            def execute(self, query: Any, params: Any = None, **kw: Any) -> Any:
                kw["prepare"] = True
                return super().execute(query, params, **kw)

            def close(self) -> None:
                # Kept for the connection's next statement (``prepared_cursor``): a psycopg
                # cursor is reusable once its result is read, and building one (adapter maps,
                # the loader above) cost more than some of the statements it runs.
                self.in_use = False

            def _send_query_prepared(self, name: bytes, pgq: Any, **kw: Any) -> None:
                # psycopg keeps the text of unprepared queries only; Django's query log
                # (``connection.queries``, ``assertNumQueries``) reads it from ``_query``.
                self._query = pgq
                super()._send_query_prepared(name, pgq, **kw)

        _PREPARED_CURSOR = PreparedCursor
    return _PREPARED_CURSOR


def prepared_cursor(using: str = "default") -> CursorWrapper:
    """A cursor whose statements PostgreSQL parses and plans once per connection.

    Why: Django binds parameters on the client (``ClientCursor``), so PostgreSQL parses and
    plans every statement anew; for the single-row statements of a dossier action that is
    most of the server's CPU (measured: 33 → 17 ms per lifecycle, docs/performance.md). Only
    fixed SQL text written for it belongs here: server-side binding types each parameter
    (``%s`` becomes ``$n``), which the ORM's generated SQL does not always survive
    (a ``GROUP BY`` over a parameter), so the ORM keeps its client cursor.
    The psycopg connection needs a ``prepare_threshold`` (settings set one; Django's default
    ``None`` disables preparing). On SQLite this is the ordinary cursor: ``sqlite3`` already
    caches its compiled statements. Errors, query logging (``assertNumQueries``) and the
    broken-transaction check are Django's, as with ``connection.cursor()``.
    """
    conn = connections[using]
    options = conn.settings_dict["OPTIONS"]
    if conn.vendor != "postgresql" or options.get("prepare_threshold") is None:
        return conn.cursor()
    conn.ensure_connection()
    raw = getattr(conn, "_motcua_prepared_cursor", None)
    if raw is None or raw.in_use or raw.connection is not conn.connection:
        fresh = raw is None or raw.connection is not conn.connection
        with conn.wrap_database_errors:
            raw = _prepared_cursor_class()(conn.connection)
        if fresh:  # one kept per connection; a nested use gets its own
            conn._motcua_prepared_cursor = raw  # type: ignore[attr-defined]
    raw.in_use = True
    cursor: CursorWrapper = conn._prepare_cursor(raw)  # type: ignore[attr-defined]
    return cursor
