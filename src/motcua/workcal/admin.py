# SPDX-License-Identifier: AGPL-3.0-or-later
"""Django admin for the calendar: read-mostly; day edits go through the desk and the services."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from motcua.workcal.models import CalendarChange, CalendarDay, OfficeHours


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ("date", "kind", "name_vi", "agency", "source", "active", "confirmed")
    list_filter = ("kind", "source", "active", "confirmed")
    search_fields = ("name_vi", "name_en", "legal_basis")
    date_hierarchy = "date"
    raw_id_fields = ("agency", "confirmed_by")


@admin.register(OfficeHours)
class OfficeHoursAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "weekday", "starts_at", "ends_at", "valid_from", "valid_to")
    list_filter = ("weekday",)
    raw_id_fields = ("agency",)


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "action", "first_date", "agency", "actor", "status")
    list_filter = ("action", "status")
    readonly_fields = [f.name for f in CalendarChange._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
