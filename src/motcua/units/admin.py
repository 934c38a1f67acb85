# SPDX-License-Identifier: AGPL-3.0-or-later
"""Django admin for levels, dated units and successions (history through simple_history)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from motcua.units.models import AdministrativeUnit, UnitLevel, UnitSuccession


@admin.register(UnitLevel)
class UnitLevelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_vi", "name_en", "rank")
    ordering = ("rank",)


class SuccessionOutInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitSuccession
    fk_name = "predecessor"
    raw_id_fields = ("successor",)
    extra = 0


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "unit_type", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level", "valid_from", "valid_to", "unit_type")
    search_fields = ("code", "name", "name_folded")
    raw_id_fields = ("parent",)
    readonly_fields = ("name_folded", "created_at", "updated_at")
    list_select_related = ("level", "parent")
    inlines = (SuccessionOutInline,)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("predecessor", "successor", "effective_on", "partial", "note")
    list_filter = ("partial", "effective_on")
    search_fields = ("predecessor__code", "predecessor__name", "successor__code", "successor__name")
    raw_id_fields = ("predecessor", "successor")
    list_select_related = ("predecessor", "successor")
