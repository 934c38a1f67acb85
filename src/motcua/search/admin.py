# SPDX-License-Identifier: AGPL-3.0-or-later
"""Read-only view of the search index, for operators checking what got indexed.

Rows are written only by ``search.services`` (called by the owning domains); editing them here
would be overwritten by the next upsert or reindex, so the admin does not allow it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("doc_type", "object_id", "title", "agency", "updated_at")
    list_filter = ("doc_type",)
    search_fields = ("object_id", "search_text")
    readonly_fields = (
        "doc_type",
        "object_id",
        "agency",
        "title",
        "title_folded",
        "search_text",
        "url",
        "extra",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
