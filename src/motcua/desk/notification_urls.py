# SPDX-License-Identifier: AGPL-3.0-or-later
"""Notification templates and delivery status for administrators (issue 6)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
