# SPDX-License-Identifier: AGPL-3.0-or-later
"""Django admin for accounts (operators only; officials use the desk and its services).

Token secrets are never shown: only the prefix and the hash exist, and tokens cannot be created
here (the API issues them).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import (
    ApiToken,
    CitizenProfile,
    OrganisationProfile,
    StaffProfile,
    User,
)


class CitizenProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = CitizenProfile
    extra = 0
    raw_id_fields = ("address_unit",)
    fk_name = "user"


class OrganisationProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = OrganisationProfile
    extra = 0
    raw_id_fields = ("address_unit",)
    fk_name = "user"


class StaffProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = StaffProfile
    extra = 0
    raw_id_fields = ("agency",)
    fk_name = "user"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "full_name", "email", "is_staff", "is_active", "last_login")
    search_fields = (
        "username",
        "full_name",
        "email",
        "citizen_profile__personal_id",
        "organisation_profile__tax_code",
    )
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("motcua"), {"fields": ("full_name", "phone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("motcua"), {"fields": ("full_name", "email")}),
    )
    inlines = (CitizenProfileInline, OrganisationProfileInline, StaffProfileInline)


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("full_name", "personal_id", "date_of_birth", "gender", "address_unit")
    search_fields = ("full_name", "personal_id", "user__username", "email", "phone")
    list_filter = ("gender",)
    raw_id_fields = ("user", "address_unit")
    readonly_fields = ("oidc_subject", "created_at", "updated_at")


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "tax_code", "representative_name", "address_unit")
    search_fields = ("name", "tax_code", "user__username", "email")
    raw_id_fields = ("user", "address_unit")
    readonly_fields = ("created_at", "updated_at")


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "agency", "position", "staff_code")
    search_fields = ("user__username", "user__full_name", "staff_code", "agency__name_vi")
    list_select_related = ("user", "agency")
    raw_id_fields = ("user", "agency")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "key_hash", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
