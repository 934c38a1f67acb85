# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "motcua.api"
    label = "api"
