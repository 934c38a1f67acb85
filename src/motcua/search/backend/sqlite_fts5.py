# SPDX-License-Identifier: AGPL-3.0-or-later
"""SQLite backend: an external-content FTS5 table over ``search_document``.

Why this shape (ARCHITECTURE.md §1.5, *measured* at 200k documents: builds in 0.46 s, queries
in 4.7 ms): the text is folded in Python, so the tokenizer is ``unicode61 remove_diacritics 0``;
the FTS table stores only the index (``content='search_document'``) and triggers keep it in sync
with every INSERT, UPDATE and DELETE, including bulk ones that bypass ``save()``. ``prefix='2 3'``
keeps two- and three-letter prefixes of the last word (search as you type) cheap.

The title has its own FTS column, so "every query word is in the title" is one more MATCH with a
column filter, evaluated once per query as an IN list.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from motcua.search.backend.base import Filters, ParsedQuery, Row

TABLE = "search_document"
FTS_TABLE = "search_document_fts"

# Created by migration 0002 (SQLITE_INSTALL); the tests check they exist.
TRIGGERS = (f"{TABLE}_fts_ai", f"{TABLE}_fts_ad", f"{TABLE}_fts_au")

# Tie-breaks compare code points: BINARY here, COLLATE "C" on PostgreSQL.
_ORDER = "title_hit DESC, title_length ASC, d.title ASC, d.object_id ASC"


def match_expression(query: ParsedQuery) -> str:
    """``"dang" "ky" "kh"*``: implicit AND, last word as a prefix.

    ``parse_query`` keeps only letters and digits, so quoting cannot be broken and words such as
    NEAR, AND or OR are plain strings, never operators.
    """
    quoted = [f'"{word}"' for word in query.words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _where(query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
    clauses = [f"{FTS_TABLE} MATCH %s"]
    params: list[Any] = [match_expression(query)]
    if filters.doc_types is not None:
        clauses.append(f"d.doc_type IN ({', '.join(['%s'] * len(filters.doc_types))})")
        params.extend(filters.doc_types)
    if filters.agency_ids is not None:
        clauses.append(f"d.agency_id IN ({', '.join(['%s'] * len(filters.agency_ids))})")
        params.extend(filters.agency_ids)
    return " AND ".join(clauses), params


def _ranked_sql(query: ParsedQuery, filters: Filters, columns: str) -> tuple[str, list[Any]]:
    where, where_params = _where(query, filters)
    sql = (
        f"SELECT {columns}, "  # noqa: S608 - identifiers are constants, values are parameters
        f"d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS title_hit, "
        f"length(d.title) AS title_length "
        f"FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid "
        f"WHERE {where} ORDER BY {_ORDER} LIMIT %s OFFSET %s"
    )
    title_match = f"title_folded : ({match_expression(query)})"
    return sql, [title_match, *where_params]


class SqliteFts5Backend:
    vendor = "sqlite"

    def rows(self, query: ParsedQuery, filters: Filters, *, limit: int, offset: int) -> list[Row]:
        sql, params = _ranked_sql(
            query, filters, "d.doc_type, d.object_id, d.title, d.url, d.extra"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return [
                Row(doc_type, object_id, title, url, bool(hit), length, extra)
                for doc_type, object_id, title, url, extra, hit, length in cursor.fetchall()
            ]

    def count(self, query: ParsedQuery, filters: Filters) -> int:
        where, params = _where(query, filters)
        sql = (
            f"SELECT count(*) FROM {FTS_TABLE} "  # noqa: S608 - constants and parameters only
            f"JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid WHERE {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])

    def object_ids(self, query: ParsedQuery, filters: Filters, *, limit: int) -> list[str]:
        sql, params = _ranked_sql(query, filters, "d.object_id")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, 0])
            return [row[0] for row in cursor.fetchall()]
