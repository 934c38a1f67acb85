# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    label = "catalog"
    verbose_name = "Procedure catalogue"
