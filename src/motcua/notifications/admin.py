# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from motcua.notifications.models import ChannelPreference, Message, Template


@admin.register(Template)
class TemplateAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "channel", "language", "subject", "updated_at"]
    list_filter = ["channel", "language", "kind"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "kind", "channel", "address", "status", "attempts", "handed_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["subject_ref", "address", "dedupe_key"]
    readonly_fields = [f.name for f in Message._meta.fields]


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "email", "sms", "language", "updated_at"]
