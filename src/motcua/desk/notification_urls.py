# SPDX-License-Identifier: AGPL-3.0-or-later
"""Notification templates and delivery status for administrators (issue 6)."""

from django.urls import URLPattern, path

from motcua.desk import notification_views as v

urlpatterns: list[URLPattern] = [
    path("notifications/templates/", v.templates, name="notification_templates"),
    path(
        "notifications/templates/<int:pk>/",
        v.template_edit,
        name="notification_template_edit",
    ),
    path("notifications/log/", v.log, name="notification_log"),
]
