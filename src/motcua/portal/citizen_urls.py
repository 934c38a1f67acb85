# SPDX-License-Identifier: AGPL-3.0-or-later
"""Citizen portal pages: submission wizard, my dossiers, lookup, evaluation, data store."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
