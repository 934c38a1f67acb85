# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes to the search index. Domains (the catalogue first) call these inside their own
transaction, so the index never shows a procedure that was rolled back (ARCHITECTURE.md §1.5:
"kept current by services").

Pre-condition: ``doc_type`` and ``object_id`` are non-empty; ``agency_id`` names an existing
agency or is None. Post-condition: exactly one ``SearchDocument`` per (doc_type, object_id), and
on SQLite the FTS5 table agrees with it (triggers), on PostgreSQL the generated tsvector does.
The title is searchable as typed and in folded form: ``fold_vi`` is applied here, never by the
caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.text import nfc
from motcua.search.backend import index_text
from motcua.search.models import DOC_TYPE_MAX, OBJECT_ID_MAX, SearchDocument

REINDEX_BATCH = 500


@dataclass(frozen=True)
class SearchInput:
    """One document for ``search_reindex``; same meaning as the upsert arguments."""

    object_id: str
    title: str
    body: str = ""
    agency_id: int | None = None
    url: str = ""
    extra: dict[str, Any] | None = field(default=None, hash=False)
    weight_title: bool = True


def _check_keys(doc_type: str, object_id: str) -> None:
    errors: dict[str, list[str]] = {}
    if not doc_type or len(doc_type) > DOC_TYPE_MAX:
        errors["doc_type"] = [_("Give a document type of 1 to %d characters.") % DOC_TYPE_MAX]
    if not object_id or len(object_id) > OBJECT_ID_MAX:
        errors["object_id"] = [_("Give an object id of 1 to %d characters.") % OBJECT_ID_MAX]
    if errors:
        raise ValidationFailed(_("Invalid search document."), details=errors)


def _check_agencies(agency_ids: set[int]) -> None:
    # On PostgreSQL a bad FK would only fail at COMMIT (deferred), far from the cause.
    if not agency_ids:
        return
    known = set(Agency.objects.filter(pk__in=agency_ids).values_list("pk", flat=True))
    missing = sorted(agency_ids - known)
    if missing:
        raise ValidationFailed(
            _("Unknown agency."),
            details={"agency_id": [_("No agency with id %s.") % ", ".join(map(str, missing))]},
        )


def _document(doc_type: str, item: SearchInput) -> SearchDocument:
    title = nfc(item.title)
    return SearchDocument(
        doc_type=doc_type,
        object_id=item.object_id,
        agency_id=item.agency_id,
        title=title,
        title_folded=index_text(title) if item.weight_title else "",
        search_text=index_text(f"{title} {nfc(item.body)}"),
        url=item.url,
        extra=item.extra or {},
        updated_at=clock.now(),
    )


def search_document_upsert(
    *,
    doc_type: str,
    object_id: str,
    title: str,
    body: str = "",
    agency_id: int | None = None,
    url: str = "",
    extra: dict[str, Any] | None = None,
    weight_title: bool = True,
) -> None:
    """Create or replace the document (doc_type, object_id).

    ``weight_title=False`` indexes the title as ordinary text (no title-first ranking), for
    document types whose title is not what people search for.
    """
    _check_keys(doc_type, object_id)
    _check_agencies({agency_id} if agency_id is not None else set())
    doc = _document(
        doc_type, SearchInput(object_id, title, body, agency_id, url, extra, weight_title)
    )
    with transaction.atomic():
        SearchDocument.objects.update_or_create(
            doc_type=doc_type,
            object_id=object_id,
            defaults={
                "agency_id": doc.agency_id,
                "title": doc.title,
                "title_folded": doc.title_folded,
                "search_text": doc.search_text,
                "url": doc.url,
                "extra": doc.extra,
                "updated_at": doc.updated_at,
            },
        )


def search_document_delete(*, doc_type: str, object_id: str) -> None:
    """Remove the document if it exists (idempotent)."""
    SearchDocument.objects.filter(doc_type=doc_type, object_id=object_id).delete()


def search_reindex(*, doc_type: str, documents: Iterable[SearchInput]) -> int:
    """Replace every document of ``doc_type`` with ``documents``; return how many are indexed.

    All or nothing (one transaction). When an object_id appears twice, the last one wins.
    """
    by_id: dict[str, SearchInput] = {}
    for item in documents:
        _check_keys(doc_type, item.object_id)
        by_id[item.object_id] = item
    _check_agencies({i.agency_id for i in by_id.values() if i.agency_id is not None})
    rows = [_document(doc_type, item) for item in by_id.values()]
    with transaction.atomic():
        SearchDocument.objects.filter(doc_type=doc_type).delete()
        SearchDocument.objects.bulk_create(rows, batch_size=REINDEX_BATCH)
    return len(rows)
