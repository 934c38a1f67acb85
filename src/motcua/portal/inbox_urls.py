# SPDX-License-Identifier: AGPL-3.0-or-later
"""The applicant's notification inbox and channel choices (issue 6, notifications)."""

from django.urls import URLPattern, path

from motcua.portal import inbox_views

urlpatterns: list[URLPattern] = [
    path("notifications/", inbox_views.inbox, name="notification_inbox"),
    path(
        "notifications/<int:pk>/read/",
        inbox_views.mark_read,
        name="notification_mark_read",
    ),
    path(
        "notifications/preferences/",
        inbox_views.preferences,
        name="notification_preferences",
    ),
]
