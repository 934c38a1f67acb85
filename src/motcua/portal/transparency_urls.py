# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public transparency figures (issue 7)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
