# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from motcua.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("units/", views.unit_list, name="unit_list"),
    path("register/", views.register_citizen, name="register_citizen"),
    path("register/business/", views.register_business, name="register_business"),
    path("register/choose/", views.signup_choice, name="signup_choice"),
]
