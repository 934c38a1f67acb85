# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one place that picks the search backend, by ``connection.vendor`` (ARCHITECTURE.md §1.5).

SQLite (tier 0) uses FTS5, PostgreSQL (tier 1+) a generated tsvector; both receive text folded
by ``core.text.fold_vi`` and return rows in the same order. No Elasticsearch/OpenSearch: at
provincial scale (thousands of procedures) the database is fast enough.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from motcua.search.backend.base import (
    Filters,
    ParsedQuery,
    Row,
    SearchBackend,
    index_text,
    parse_query,
    words,
)
from motcua.search.backend.postgres import PostgresBackend
from motcua.search.backend.sqlite_fts5 import SqliteFts5Backend

__all__ = [
    "Filters",
    "ParsedQuery",
    "Row",
    "SearchBackend",
    "get_backend",
    "index_text",
    "parse_query",
    "words",
]

_BACKENDS: dict[str, SearchBackend] = {
    "sqlite": SqliteFts5Backend(),
    "postgresql": PostgresBackend(),
}


def get_backend(vendor: str | None = None) -> SearchBackend:
    """The backend for ``vendor`` (default: the current connection's)."""
    vendor = vendor or connection.vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"motcua search supports SQLite and PostgreSQL only, not {vendor!r} "
            "(ARCHITECTURE.md §1.5)."
        ) from None
