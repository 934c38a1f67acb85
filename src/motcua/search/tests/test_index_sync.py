# SPDX-License-Identifier: AGPL-3.0-or-later
"""Upsert, delete and reindex keep the vendor index in step with ``SearchDocument``."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from motcua.core.errors import ValidationFailed
from motcua.search.backend import get_backend
from motcua.search.backend.sqlite_fts5 import FTS_TABLE, TRIGGERS
from motcua.search.models import SearchDocument
from motcua.search.selectors import search, search_count
from motcua.search.services import (
    SearchInput,
    search_document_delete,
    search_document_upsert,
    search_reindex,
)

pytestmark = pytest.mark.django_db


def test_vendor_index_is_installed() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            assert set(TRIGGERS) <= {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE indexname = 'search_document_vector_gin'"
            )
            assert cursor.fetchone() is not None


def test_upsert_replaces_the_document() -> None:
    search_document_upsert(doc_type="procedure", object_id="1.0", title="Đăng ký khai sinh")
    search_document_upsert(doc_type="procedure", object_id="1.0", title="Đăng ký kết hôn")
    assert SearchDocument.objects.count() == 1
    assert search("khai sinh") == []
    assert [h.title for h in search("ket hon")] == ["Đăng ký kết hôn"]


def test_delete_removes_and_is_idempotent() -> None:
    search_document_upsert(doc_type="procedure", object_id="1.0", title="Đăng ký khai sinh")
    search_document_delete(doc_type="procedure", object_id="1.0")
    search_document_delete(doc_type="procedure", object_id="1.0")
    assert search("khai sinh") == []


def test_bulk_queryset_writes_keep_the_index_in_sync() -> None:
    """Triggers (SQLite) and the generated column (PostgreSQL) see writes that skip save()."""
    search_document_upsert(doc_type="t", object_id="1", title="Khai sinh")
    search_document_upsert(doc_type="t", object_id="2", title="Khai tử")
    SearchDocument.objects.filter(object_id="1").update(
        title="Kết hôn", title_folded="ket hon", search_text="ket hon"
    )
    assert [h.object_id for h in search("ket hon")] == ["1"]
    assert search("khai sinh") == []
    SearchDocument.objects.filter(object_id="2").delete()
    assert search("khai") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')")  # noqa: S608


def test_reindex_replaces_only_its_type() -> None:
    search_document_upsert(doc_type="procedure", object_id="old", title="Khai sinh cũ")
    search_document_upsert(doc_type="agency", object_id="9", title="Khai sinh sở tư pháp")
    count = search_reindex(
        doc_type="procedure",
        documents=[
            SearchInput("a", "Khai sinh"),
            SearchInput("b", "Kết hôn"),
            SearchInput("a", "Khai sinh lưu động"),  # last wins
        ],
    )
    assert count == 2
    assert [h.object_id for h in search("khai sinh", doc_types=["procedure"])] == ["a"]
    assert search("khai sinh")[0].title == "Khai sinh lưu động"
    assert search_count("khai sinh", doc_types=["agency"]) == 1


def test_body_is_searchable_and_title_weight_can_be_switched_off() -> None:
    search_document_upsert(doc_type="t", object_id="1", title="Ghi chú", body="đất đai")
    search_document_upsert(doc_type="t", object_id="2", title="Đất đai", weight_title=False)
    search_document_upsert(doc_type="t", object_id="3", title="Đất đai dài hơn")
    assert [h.object_id for h in search("dat dai")] == ["3", "1", "2"]


def test_bad_keys_and_unknown_agency_are_field_errors() -> None:
    with pytest.raises(ValidationFailed) as err:
        search_document_upsert(doc_type="", object_id="x" * 65, title="a")
    assert set(err.value.details) == {"doc_type", "object_id"}
    with pytest.raises(ValidationFailed) as err:
        search_document_upsert(doc_type="t", object_id="1", title="a", agency_id=987654)
    assert "agency_id" in err.value.details
    with pytest.raises(ValidationFailed):
        search_reindex(doc_type="t", documents=[SearchInput("", "a")])


def test_unknown_vendor_is_a_clear_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="SQLite and PostgreSQL only"):
        get_backend("oracle")
