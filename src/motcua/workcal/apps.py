# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class WorkcalConfig(AppConfig):
    name = "motcua.workcal"
    label = "workcal"
    verbose_name = "Working-day calendar"
