# SPDX-License-Identifier: AGPL-3.0-or-later
"""Folding and query parsing, without a database."""

from __future__ import annotations

import unicodedata

from motcua.search.backend import index_text, parse_query
from motcua.search.backend.postgres import tsquery_text
from motcua.search.backend.sqlite_fts5 import match_expression


def test_documents_and_queries_fold_the_same_way() -> None:
    nfd = unicodedata.normalize("NFD", "Đăng ký KẾT HÔN")
    assert index_text(nfd) == "dang ky ket hon"
    assert parse_query("ĐĂNG KÝ kết hôn").words == ("dang", "ky", "ket", "hon")
    assert parse_query("đ Đ").words == ("d", "d")


def test_fts_syntax_characters_are_separators() -> None:
    parsed = parse_query('"Nguyễn" NEAR(thị* a:b) -x ^y & z | !w (\'); DROP TABLE--')
    assert parsed.words == ("nguyen", "near", "thi", "a", "b", "x", "y", "z", "w", "drop", "table")
    assert match_expression(parse_query("dang ky kh")) == '"dang" "ky" "kh"*'
    assert tsquery_text(parse_query("dang kh")) == "'dang' & 'kh':*"
    assert tsquery_text(parse_query("dang kh"), weight="A") == "'dang':A & 'kh':*A"


def test_hostile_queries_are_bounded() -> None:
    assert parse_query("").is_empty
    assert parse_query('   "* :: 🙂 -- ').is_empty
    long = parse_query("a" * 10_000)
    assert len(long.words) == 1 and len(long.words[0]) <= 60
    assert len(parse_query("từ " * 5_000).words) <= 12
