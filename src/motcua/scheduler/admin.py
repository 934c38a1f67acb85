# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin

from motcua.scheduler.models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["job", "slot", "enqueued_at", "task_id"]
    list_filter = ["job"]
