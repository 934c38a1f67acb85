# SPDX-License-Identifier: AGPL-3.0-or-later
"""Statistics, report II.06a, dashboards, scoring and the 766 index (issue 7)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
