# SPDX-License-Identifier: AGPL-3.0-or-later
"""Search behaviour on whichever database runs the suite (SQLite, or DATABASE_URL=PostgreSQL)."""

from __future__ import annotations

import unicodedata

import pytest
from django.db import models

from motcua.agencies.tests.factories import make_agency
from motcua.core.errors import ValidationFailed
from motcua.search.models import SearchDocument
from motcua.search.selectors import search, search_count, search_object_ids
from motcua.search.services import search_document_upsert

pytestmark = pytest.mark.django_db


def ids(query: str, **kw: object) -> list[str]:
    return [hit.object_id for hit in search(query, **kw)]  # type: ignore[arg-type]


def test_accents_d_and_case_do_not_matter(procedures: dict[str, str]) -> None:
    expected = ids("dang ky ket hon")
    assert expected[:3] == ["1.000656", "1.004746", "1.000894"]
    assert ids("Đăng ký kết hôn") == expected
    assert ids("DANG KY KET HON") == expected
    assert ids("ĐĂNG KÝ KẾT HÔN") == expected
    assert ids(unicodedata.normalize("NFD", "Đăng ký kết hôn")) == expected


def test_every_word_must_match(procedures: dict[str, str]) -> None:
    assert set(ids("khai sinh nuoc ngoai")) == {"1.001695"}
    assert ids("khai sinh xay") == []


def test_last_word_matches_as_prefix(procedures: dict[str, str]) -> None:
    assert ids("dang ky kh")[:3] == ["1.001022", "1.001193", "1.001695"]
    assert "1.011608" in ids("giay phep xay d")
    # Only the last word is a prefix.
    assert ids("dan ky khai sinh") == []


def test_title_matches_rank_before_body_matches(procedures: dict[str, str]) -> None:
    hits = search("ket hon")
    assert hits[-1].object_id == "1.003596"
    assert all(hit.rank > hits[-1].rank for hit in hits[:-1])
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)


def test_ties_break_by_title_then_object_id(db: None) -> None:
    for object_id in ("b", "a", "c"):
        search_document_upsert(doc_type="t", object_id=object_id, title="Cấp phép")
    search_document_upsert(doc_type="t", object_id="z", title="Cap phep")
    assert ids("cap phep") == ["z", "a", "b", "c"]


def test_hit_carries_title_url_and_extra(db: None) -> None:
    search_document_upsert(
        doc_type="procedure",
        object_id="1.001193",
        title="  Đăng ký khai sinh ",
        url="/thu-tuc/1.001193",
        extra={"level": "Cấp xã", "online": True},
    )
    [hit] = search("khai sinh")
    assert (hit.doc_type, hit.title, hit.url) == ("procedure", "Đăng ký khai sinh", hit.url)
    assert hit.extra == {"level": "Cấp xã", "online": True}


def test_doc_type_and_agency_filters(db: None) -> None:
    a1, a2 = make_agency(), make_agency()
    search_document_upsert(doc_type="procedure", object_id="1", title="Khai sinh", agency_id=a1.pk)
    search_document_upsert(doc_type="procedure", object_id="2", title="Khai sinh", agency_id=a2.pk)
    search_document_upsert(doc_type="agency", object_id="3", title="Khai sinh")
    assert ids("khai sinh", doc_types=["procedure"]) == ["1", "2"]
    assert ids("khai sinh", agency_ids=[a2.pk]) == ["2"]
    assert ids("khai sinh", doc_types=["agency"], agency_ids=[a1.pk]) == []
    assert ids("khai sinh", doc_types=[]) == []
    assert search_count("khai sinh") == 3
    assert search_count("khai sinh", agency_ids=[a1.pk, a2.pk]) == 2
    # Deleting an agency keeps its documents (unscoped) rather than losing them.
    assert SearchDocument._meta.get_field("agency").remote_field.on_delete is models.SET_NULL


def test_pagination_and_object_ids(procedures: dict[str, str]) -> None:
    everything = ids("dang ky")
    assert ids("dang ky", limit=2, offset=1) == everything[1:3]
    assert search_count("dang ky") == len(everything) == 8
    assert search_object_ids("dang ky", doc_type="procedure", limit=3) == everything[:3]
    assert search_object_ids("dang ky", doc_type="other") == []
    with pytest.raises(ValidationFailed):
        search("dang", limit=-1)
    with pytest.raises(ValidationFailed):
        search("dang", offset=-5)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "*",
        "NEAR(",
        "NEAR(a b)",
        "a:b",
        "'); DROP TABLE search_document; --",
        "AND OR NOT",
        "title_folded:dang",
        "dang & | ! ( ) - ^ :*",
        "🙂🙂",
        "x" * 10_000,
        "đăng " * 2_000,
        "\x00dang",
    ],
)
def test_hostile_input_never_raises(procedures: dict[str, str], query: str) -> None:
    search(query)
    search_count(query)
    search_object_ids(query, doc_type="procedure")


def test_empty_query_returns_nothing(procedures: dict[str, str]) -> None:
    assert search("") == []
    assert search(" -*- ") == []
    assert search_count("") == 0


def test_real_catalogue_names_are_found(reference_data_dir: object, db: None) -> None:
    import csv
    from pathlib import Path

    from motcua.search.services import SearchInput, search_reindex

    path = Path(str(reference_data_dir)) / "procedures_catalog_national.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:500]
    count = search_reindex(
        doc_type="procedure",
        documents=[SearchInput(r["code"], r["name"], body=r["field"]) for r in rows],
    )
    assert count == len({r["code"] for r in rows})
    for row in rows[:50]:
        assert row["code"] in search_object_ids(row["name"], doc_type="procedure")
