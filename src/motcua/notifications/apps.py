# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    label = "notifications"
    verbose_name = "Notifications"
