# SPDX-License-Identifier: AGPL-3.0-or-later
"""Django admin for the agency tree and role assignments (history through simple_history)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from motcua.agencies.models import Agency, RoleAssignment


@admin.register(Agency)
class AgencyAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Agency)
    list_display = (
        "name_vi",
        "identifier",
        "kind",
        "unit",
        "receives_dossiers",
        "valid_from",
        "valid_to",
    )
    list_filter = ("kind", "receives_dossiers", "identifier_is_demo")
    search_fields = ("identifier", "name_vi", "name_en", "short_name")
    raw_id_fields = ("unit",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "agency", "include_descendants", "valid_from", "valid_to")
    list_filter = ("role", "include_descendants")
    search_fields = ("user__username", "user__full_name", "agency__name_vi", "agency__identifier")
    raw_id_fields = ("user", "agency", "granted_by")
    list_select_related = ("user", "agency")
