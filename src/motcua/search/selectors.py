# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accent-insensitive search over ``SearchDocument`` (ARCHITECTURE.md §1.5).

"dang ky kh", "Đăng ký kh" and "ĐĂNG KÝ KH" are the same query: every word must match, the last
one as a prefix. Input that folds to no word (empty, punctuation, emoji) returns nothing and never
raises; FTS syntax cannot be injected (see ``backend.base``).

Order, identical on SQLite and PostgreSQL: titles holding every word first, then shorter titles
(the plain procedure before its variants), then title and object_id by code point. bm25 and
ts_rank_cd are deliberately not used to order: bm25 weighs rare words by corpus frequency and
ts_rank_cd does not, so the two databases would disagree on the first results, which issue 4
requires to be the same. ``SearchHit.rank`` encodes the same order as a number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.search.backend import Filters, Row, get_backend, parse_query

MAX_LIMIT = 1000


@dataclass(frozen=True)
class SearchHit:
    doc_type: str
    object_id: str
    title: str
    url: str
    rank: float
    extra: dict[str, Any] = field(hash=False)


def _filters(doc_types: Sequence[str] | None, agency_ids: Sequence[int] | None) -> Filters:
    return Filters(
        doc_types=tuple(doc_types) if doc_types is not None else None,
        agency_ids=tuple(int(a) for a in agency_ids) if agency_ids is not None else None,
    )


def _check_page(limit: int, offset: int) -> None:
    if not 0 <= limit <= MAX_LIMIT or offset < 0:
        raise ValidationFailed(
            _("Invalid page."),
            details={"limit": [_("Give a limit from 0 to %d and an offset ≥ 0.") % MAX_LIMIT]},
        )


def _rank(row: Row) -> float:
    """Higher is better: 1 for a title hit, plus a bonus that falls with the title's length."""
    return (1.0 if row.title_hit else 0.0) + 1.0 / (1.0 + row.title_length)


def _extra(value: Any) -> dict[str, Any]:
    if isinstance(value, str):  # SQLite, and PostgreSQL jsonb as Django's psycopg loader sees it
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


def search(
    query: str,
    *,
    doc_types: Sequence[str] | None = None,
    agency_ids: Sequence[int] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Ranked hits for ``query``; ``doc_types``/``agency_ids`` None = no filter, [] = none."""
    _check_page(limit, offset)
    parsed = parse_query(query)
    filters = _filters(doc_types, agency_ids)
    if parsed.is_empty or filters.matches_nothing or limit == 0:
        return []
    rows = get_backend().rows(parsed, filters, limit=limit, offset=offset)
    return [
        SearchHit(r.doc_type, r.object_id, r.title, r.url, _rank(r), _extra(r.extra)) for r in rows
    ]


def search_count(
    query: str,
    *,
    doc_types: Sequence[str] | None = None,
    agency_ids: Sequence[int] | None = None,
) -> int:
    """How many documents ``search`` would return without a limit."""
    parsed = parse_query(query)
    filters = _filters(doc_types, agency_ids)
    if parsed.is_empty or filters.matches_nothing:
        return 0
    return get_backend().count(parsed, filters)


def search_object_ids(query: str, *, doc_type: str, limit: int = 1000) -> list[str]:
    """Ranked object ids of one type, for ``pk__in`` filtering plus ordering in the caller's SQL.

    The caller keeps the order with e.g. ``Case(*[When(code=c, then=i) ...])``.
    """
    _check_page(limit, 0)
    parsed = parse_query(query)
    if parsed.is_empty or limit == 0:
        return []
    return get_backend().object_ids(parsed, Filters(doc_types=(doc_type,)), limit=limit)
