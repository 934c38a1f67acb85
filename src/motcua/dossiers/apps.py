# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"
