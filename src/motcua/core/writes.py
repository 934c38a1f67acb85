# SPDX-License-Identifier: AGPL-3.0-or-later
"""The rows one action writes at its end, sent to the database together.

Why: every dossier action ends with the same writes — its history event, the changed dossier
columns and, when it notifies anyone, the outbox task — and each statement costs a round trip
and its share of driver and Django overhead on both sides; on the lifecycle benchmark that
overhead, not the database's work, is the limit (docs/performance.md).

On PostgreSQL ``Writes.send`` runs them as ONE prepared statement of data-modifying common
table expressions (``WITH w0 AS (INSERT …), w1 AS (UPDATE …) SELECT …``). PostgreSQL runs
every data-modifying CTE exactly once, to completion, in the statement's transaction, whether
or not the final ``SELECT`` reads it; they share one snapshot and must not touch the same row
(here they never do: each writes a different table). Elsewhere (SQLite) the statements run one
after another. The SQL of each combination is built once, from ``core.rows``' statements, so
values go through each field's ``pre_save`` and ``get_db_prep_save`` exactly as ``save()``.

Pre: the caller holds the transaction (the service's ``atomic``). Post: inserted objects have
their keys and are marked saved; ``send`` returns the row count of each update, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import Model

from motcua.core.prepared import prepared_cursor
from motcua.core.rows import (
    insert_rows,
    insert_statement,
    insert_values,
    inserted,
    update_row,
    update_statement,
    update_values,
)

_COMBINED: dict[tuple[Any, ...], str] = {}


class Writes:
    """Inserts and updates collected in order and sent together by ``send``."""

    def __init__(self, *, using: str = "default") -> None:
        self.using = using
        self._ops: list[tuple[Model, tuple[str, ...] | None]] = []

    def insert(self, obj: Model) -> None:
        self._ops.append((obj, None))

    def update(self, obj: Model, fields: Sequence[str]) -> None:
        self._ops.append((obj, tuple(fields)))

    def send(self) -> list[int]:
        """Write everything collected; the row counts of the updates, in order."""
        ops, self._ops = self._ops, []
        conn = connections[self.using]
        combined = (
            conn.vendor == "postgresql"
            and len(ops) > 1
            and conn.settings_dict["OPTIONS"].get("prepare_threshold") is not None
        )
        if not combined:
            counts = []
            for obj, fields in ops:
                if fields is None:
                    insert_rows([obj], using=self.using)
                else:
                    counts.append(update_row(obj, fields, using=self.using))
            return counts
        return self._send_combined(conn, ops)

    def _send_combined(
        self, conn: Any, ops: list[tuple[Model, tuple[str, ...] | None]]
    ) -> list[int]:
        params: list[Any] = []
        statements: list[str] = []
        for obj, fields in ops:
            if fields is None:
                sql, chosen = insert_statement(type(obj), conn, 1)  # ends RETURNING the key
                params += insert_values([obj], chosen, conn)
            else:
                sql, chosen = update_statement(type(obj), conn, fields)
                params += update_values(obj, chosen, conn)
            statements.append(sql)
        key = tuple((type(obj), fields) for obj, fields in ops)
        text = _COMBINED.get(key)
        if text is None:
            parts, reads = [], []
            for n, ((obj, fields), sql) in enumerate(zip(ops, statements, strict=True)):
                if fields is None:
                    parts.append(f"w{n} AS ({sql})")
                    pk = conn.ops.quote_name(obj._meta.pk.column)
                    reads.append(f"(SELECT {pk} FROM w{n})")  # noqa: S608 - model names
                else:
                    parts.append(f"w{n} AS ({sql} RETURNING 1)")
                    reads.append(f"(SELECT count(*) FROM w{n})")  # noqa: S608
            text = _COMBINED[key] = f"WITH {', '.join(parts)} SELECT {', '.join(reads)}"
        with prepared_cursor(self.using) as cursor:
            cursor.execute(text, params)
            row = cursor.fetchone()
        counts = []
        for (obj, fields), value in zip(ops, row, strict=True):
            if fields is None:
                inserted([obj], [value], self.using)
            else:
                counts.append(int(value))
        return counts
