# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from motcua.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("units/", views.unit_list, name="unit_list"),
]
