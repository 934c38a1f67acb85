# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from motcua.portal import catalogue_views, citizen_urls, inbox_urls, transparency_urls, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("units/", views.unit_list, name="unit_list"),
    path("procedures/", catalogue_views.procedure_list, name="procedure_list"),
    path(
        "procedures/statistics/",
        catalogue_views.procedure_statistics,
        name="procedure_statistics",
    ),
    path(
        "procedures/export.xlsx",
        catalogue_views.procedure_export_xlsx,
        name="procedure_export_xlsx",
    ),
    path(
        "procedures/export.json",
        catalogue_views.procedure_export_json,
        name="procedure_export_json",
    ),
    path("procedures/<str:code>/", catalogue_views.procedure_detail, name="procedure_detail"),
    path(
        "procedures/<str:code>/templates/<int:document_id>/",
        catalogue_views.procedure_template,
        name="procedure_template",
    ),
    path("register/", views.register_citizen, name="register_citizen"),
    path("register/business/", views.register_business, name="register_business"),
    path("register/choose/", views.signup_choice, name="signup_choice"),
]

# Each feature keeps its routes in its own module (names stay in the portal namespace).
urlpatterns += citizen_urls.urlpatterns + inbox_urls.urlpatterns + transparency_urls.urlpatterns
