# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public transparency figures (issue 7)."""

from django.urls import URLPattern, path

from motcua.portal import transparency_views

urlpatterns: list[URLPattern] = [
    path("transparency/", transparency_views.transparency_view, name="transparency"),
]
