# SPDX-License-Identifier: AGPL-3.0-or-later
"""The applicant's notification inbox and channel choices (issue 6, notifications)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
