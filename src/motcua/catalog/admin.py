# SPDX-License-Identifier: AGPL-3.0-or-later
"""Read-only Django admin for the catalogue: inspection and change history (simple_history).

Edits go through ``motcua.catalog.services`` (desk and API), which authorise, validate and keep
published versions immutable; the admin must not bypass them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from motcua.catalog.models import (
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureCase,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeLimit,
)


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _Inline(_ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    show_change_link = False


class LegalBasisInline(_Inline):
    model = LegalBasis
    fields = ("position", "number", "title")


class CaseInline(_Inline):
    model = ProcedureCase
    fields = ("position", "key", "name_vi")


class DocumentInline(_Inline):
    model = RequiredDocument
    fields = ("position", "name", "originals", "copies", "requirement", "reusable", "needs_review")


class FeeInline(_Inline):
    model = Fee
    fields = (
        "name",
        "kind",
        "amount_vnd",
        "schedule_text",
        "channel",
        "collected_at",
        "needs_review",
    )


class TimeLimitInline(_Inline):
    model = TimeLimit
    fields = ("channel", "case", "amount", "unit", "raw", "needs_review")


class StepInline(_Inline):
    model = ProcessStep
    fields = (
        "order",
        "parallel_group",
        "branch",
        "name_vi",
        "performer",
        "agency",
        "role",
        "norm_amount",
        "norm_unit",
    )


@admin.register(Field)
class FieldAdmin(_ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_vi", "code_generated")
    search_fields = ("code", "name_vi", "name_folded")


@admin.register(Procedure)
class ProcedureAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ("code", "name_vi", "field", "needs_review")
    list_filter = ("needs_review", "field")
    search_fields = ("code", "name_vi")
    list_select_related = ("field",)


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = (
        "procedure",
        "number",
        "status",
        "origin",
        "effective_from",
        "effective_to",
        "service_mode",
    )
    list_filter = ("status", "origin", "service_mode")
    search_fields = ("procedure__code", "procedure__name_vi")
    list_select_related = ("procedure",)
    inlines = [LegalBasisInline, CaseInline, DocumentInline, FeeInline, TimeLimitInline, StepInline]
