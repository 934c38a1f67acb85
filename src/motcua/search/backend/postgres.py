# SPDX-License-Identifier: AGPL-3.0-or-later
"""PostgreSQL backend: a generated ``tsvector`` column with a GIN index.

Why this shape (ARCHITECTURE.md §1.5, *measured* at 200k documents: generated
``tsvector('simple', search_text)`` + GIN 10 ms, against 27 ms for pg_trgm and 293 ms for
``unaccent`` at query time): the text is folded in Python, so the built-in ``simple``
configuration is enough and no extension (pg_trgm, unaccent) is required of the app role.
The title is weighted A and the rest D, so "every query word is in the title" is the same
tsquery with the ``:A`` weight restriction.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from motcua.search.backend.base import Filters, ParsedQuery, Row

TABLE = "search_document"

# Tie-breaks compare code points, as SQLite's BINARY collation does.
_ORDER = 'title_hit DESC, title_length ASC, d.title COLLATE "C" ASC, d.object_id COLLATE "C" ASC'


def tsquery_text(query: ParsedQuery, *, weight: str = "") -> str:
    """``'dang' & 'ky' & 'kh':*``; with ``weight="A"``: ``'dang':A & 'ky':A & 'kh':*A``.

    ``parse_query`` keeps only letters and digits, so no quote or operator can get in; the text
    is still passed as a parameter, never spliced into SQL.
    """
    terms = [f"'{word}'" + (f":{weight}" if weight else "") for word in query.words]
    terms[-1] = f"'{query.words[-1]}':*{weight}"
    return " & ".join(terms)


def _where(query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
    clauses = ["d.search_vector @@ to_tsquery('simple'::regconfig, %s)"]
    params: list[Any] = [tsquery_text(query)]
    if filters.doc_types is not None:
        clauses.append("d.doc_type = ANY(%s)")
        params.append(list(filters.doc_types))
    if filters.agency_ids is not None:
        clauses.append("d.agency_id = ANY(%s)")
        params.append(list(filters.agency_ids))
    return " AND ".join(clauses), params


def _ranked_sql(query: ParsedQuery, filters: Filters, columns: str) -> tuple[str, list[Any]]:
    where, where_params = _where(query, filters)
    sql = (
        f"SELECT {columns}, "  # noqa: S608 - identifiers are constants, values are parameters
        "d.search_vector @@ to_tsquery('simple'::regconfig, %s) AS title_hit, "
        "length(d.title) AS title_length "
        f"FROM {TABLE} d WHERE {where} ORDER BY {_ORDER} LIMIT %s OFFSET %s"
    )
    return sql, [tsquery_text(query, weight="A"), *where_params]


class PostgresBackend:
    vendor = "postgresql"

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
        sql = f"SELECT count(*) FROM {TABLE} d WHERE {where}"  # noqa: S608 - as above
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])

    def object_ids(self, query: ParsedQuery, filters: Filters, *, limit: int) -> list[str]:
        sql, params = _ranked_sql(query, filters, "d.object_id")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, 0])
            return [row[0] for row in cursor.fetchall()]
