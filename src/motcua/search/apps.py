# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "motcua.search"
    label = "search"
    verbose_name = "Search"
