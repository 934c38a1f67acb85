# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "motcua.desk"
    label = "desk"
