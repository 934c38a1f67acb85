# SPDX-License-Identifier: AGPL-3.0-or-later
"""One searchable row per indexed object (procedure, agency, ...), whatever its domain.

Why a separate table (ARCHITECTURE.md §1.5): accent folding has to happen in Python, because
SQLite FTS5 ``remove_diacritics 2`` does not fold đ/Đ and PostgreSQL ``unaccent`` is STABLE and
cannot be indexed. ``search_text`` and ``title_folded`` therefore hold text already folded by
``core.text.fold_vi`` and cut into words separated by single spaces, so that FTS5 ``unicode61``
and PostgreSQL's ``simple`` parser see the same words.

Only portable fields live here. The vendor-specific index is created by migration 0002:
SQLite: an external-content FTS5 table ``search_document_fts(title_folded, search_text)`` kept in
sync by triggers. PostgreSQL: a generated ``search_vector`` tsvector column (title weight A,
body weight D) with a GIN index.

Caution for future migrations: on SQLite, an ``AlterField`` on this model makes Django rebuild
the table, which drops the FTS triggers; re-run ``SQLITE_INSTALL`` from migration 0002 in that
migration. ``tests/test_index_sync.py`` fails if the triggers are missing. On PostgreSQL,
``title_folded`` and ``search_text`` cannot change type while the generated column uses them.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock

DOC_TYPE_MAX = 40
OBJECT_ID_MAX = 64


def _empty_extra() -> dict[str, Any]:
    return {}


class SearchDocument(models.Model):
    doc_type = models.CharField(_("document type"), max_length=DOC_TYPE_MAX)
    object_id = models.CharField(_("object id"), max_length=OBJECT_ID_MAX)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.TextField(_("title"))
    # Folded words of the title; empty when the caller asked for no title weighting.
    title_folded = models.TextField(_("folded title"), blank=True)
    # Folded words of title + body: what every query word must match.
    search_text = models.TextField(_("search text"))
    url = models.CharField(_("URL"), max_length=500, blank=True)
    extra = models.JSONField(_("extra data"), default=_empty_extra, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)

    class Meta:
        db_table = "search_document"
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "object_id"], name="search_document_type_object_uniq"
            )
        ]
        indexes = [models.Index(fields=["agency"], name="search_document_agency_idx")]

    def __str__(self) -> str:
        return f"{self.doc_type}:{self.object_id} {self.title}"
