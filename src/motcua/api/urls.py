# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from motcua.api.app import api

urlpatterns = [path("", api.urls)]
