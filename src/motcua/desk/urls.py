# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from motcua.desk import org_views, views

app_name = "desk"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create_view, name="staff_create"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/new/", views.role_create, name="role_create"),
    path("roles/<int:pk>/end/", views.role_end_view, name="role_end"),
    path("units/", org_views.unit_list_view, name="unit_list"),
    path("units/new/", org_views.unit_create_view, name="unit_create"),
    path("units/<str:code>/<str:valid_from>/edit/", org_views.unit_edit_view, name="unit_edit"),
    path("agencies/", org_views.agency_list_view, name="agency_list"),
    path("agencies/new/", org_views.agency_create_view, name="agency_create"),
    path("agencies/<str:identifier>/edit/", org_views.agency_edit_view, name="agency_edit"),
]
