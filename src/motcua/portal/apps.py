# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "motcua.portal"
    label = "portal"
