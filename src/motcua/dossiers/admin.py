# SPDX-License-Identifier: AGPL-3.0-or-later
"""Read-only admin: dossiers change only through services; events never change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.dossiers.models import Dossier, DossierEvent, RuleSet


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnly):
    list_display = ("code", "status", "national_status", "receiving_agency", "due_at")
    list_filter = ("status", "channel")
    search_fields = ("code", "applicant_name")


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnly):
    list_display = ("dossier", "seq", "type", "occurred_at", "actor")


@admin.register(RuleSet)
class RuleSetAdmin(ReadOnly):
    list_display = ("code", "valid_from", "valid_to", "code_pattern", "supplement_clock")
