# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "motcua.agencies"
    label = "agencies"
