# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"

    def ready(self) -> None:
        # Calendar changes recompute open appointments (workcal sits below us: we register).
        from motcua.dossiers.services.watch import open_deadlines
        from motcua.workcal.recompute import register_deadline_provider

        register_deadline_provider("dossiers", open_deadlines)
