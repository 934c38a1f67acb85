# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "motcua.units"
    label = "units"
