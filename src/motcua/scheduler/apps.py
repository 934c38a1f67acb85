# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "motcua.scheduler"
    label = "scheduler"
    verbose_name = "Scheduler"
