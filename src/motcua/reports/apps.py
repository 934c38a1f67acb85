# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = "Reports"
