# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
