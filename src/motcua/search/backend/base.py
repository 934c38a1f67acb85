# SPDX-License-Identifier: AGPL-3.0-or-later
"""What both search backends share: turning text into words, and the query they receive.

Documents and queries go through the same two steps (ARCHITECTURE.md §1.5): ``fold_vi`` (đ→d,
no marks, NFC, casefold), then a cut into runs of letters and digits. Everything else (quotes,
``*``, ``:``, ``&``, ``|``, ``!``, brackets, ``-``, ``^``, emoji) becomes a separator, so user
input can never reach the FTS5 or tsquery syntax, and the two databases tokenise identically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from motcua.core.text import fold_vi

# Letters and digits, without "_" (a separator for both FTS5 unicode61 and PostgreSQL's parser).
_WORD = re.compile(r"[^\W_]+")

# A query is typed by a person: cap the work a hostile 10k-character string can cause.
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 12
MAX_WORD_CHARS = 60


def words(text: str) -> list[str]:
    """Folded words of ``text``: "Đăng ký (khai-sinh)" -> ["dang", "ky", "khai", "sinh"]."""
    return _WORD.findall(fold_vi(text))


def index_text(text: str) -> str:
    """Folded words joined by single spaces: the stored form of ``title_folded``/``search_text``."""
    return " ".join(words(text))


@dataclass(frozen=True)
class ParsedQuery:
    """Every word must match; the last one matches as a prefix (search as you type)."""

    words: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.words


def parse_query(query: str) -> ParsedQuery:
    found = words(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
    return ParsedQuery(tuple(word[:MAX_WORD_CHARS] for word in found))


@dataclass(frozen=True)
class Filters:
    doc_types: tuple[str, ...] | None = None
    agency_ids: tuple[int, ...] | None = None

    @property
    def matches_nothing(self) -> bool:
        """An explicit empty list means "none of them", not "no filter"."""
        return self.doc_types == () or self.agency_ids == ()


@dataclass(frozen=True)
class Row:
    doc_type: str
    object_id: str
    title: str
    url: str
    title_hit: bool
    title_length: int
    extra: Any


class SearchBackend(Protocol):
    """One implementation per database vendor; see ``get_backend``.

    Ordering contract, identical on every backend so that results agree across databases
    (issue 4, "Done when"): documents whose title holds every query word first, then shorter
    titles, then ``title`` by code point, then ``object_id`` by code point.
    """

    def rows(
        self, query: ParsedQuery, filters: Filters, *, limit: int, offset: int
    ) -> list[Row]: ...

    def count(self, query: ParsedQuery, filters: Filters) -> int: ...

    def object_ids(self, query: ParsedQuery, filters: Filters, *, limit: int) -> list[str]: ...
