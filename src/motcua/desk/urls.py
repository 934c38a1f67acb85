# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from motcua.desk import (
    calendar_views,
    catalog_version_views,
    catalog_views,
    dossier_print_views,
    dossier_views,
    notification_urls,
    org_views,
    report_urls,
    views,
)

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
    path("dossiers/", dossier_views.dossier_inbox_view, name="dossier_inbox"),
    path("dossiers/receive/", dossier_views.dossier_receive_view, name="dossier_receive"),
    path("dossiers/logbook/", dossier_print_views.logbook_view, name="dossier_logbook"),
    path(
        "dossiers/logbook/export.<str:fmt>",
        dossier_print_views.logbook_view,
        name="dossier_logbook_export",
    ),
    path("dossiers/<str:code>/", dossier_views.dossier_workbench_view, name="dossier_workbench"),
    path(
        "dossiers/<str:code>/actions/<str:action>/",
        dossier_views.dossier_action_view,
        name="dossier_action",
    ),
    path(
        "dossiers/<str:code>/print/<str:kind>/",
        dossier_print_views.dossier_print_view,
        name="dossier_print",
    ),
    path(
        "dossiers/<str:code>/control-slip.xlsx",
        dossier_print_views.dossier_control_slip_export_view,
        name="dossier_control_slip_export",
    ),
    path("calendar/", calendar_views.calendar_view, name="calendar"),
    path("calendar/due/", calendar_views.calendar_due_view, name="calendar_due"),
    path("calendar/days/new/", calendar_views.calendar_day_create, name="calendar_day_create"),
    path(
        "calendar/days/<int:pk>/edit/", calendar_views.calendar_day_edit, name="calendar_day_edit"
    ),
    path(
        "calendar/days/<int:pk>/confirm/",
        calendar_views.calendar_day_confirm,
        name="calendar_day_confirm",
    ),
    path(
        "calendar/days/<int:pk>/switch/",
        calendar_views.calendar_day_switch,
        name="calendar_day_switch",
    ),
    path(
        "calendar/days/<int:pk>/delete/",
        calendar_views.calendar_day_delete,
        name="calendar_day_delete",
    ),
    path("catalogue/", catalog_views.catalogue_list, name="catalog_list"),
    path("catalogue/new/", catalog_views.procedure_create_view, name="catalog_procedure_create"),
    path("catalogue/<str:code>/", catalog_views.procedure_view, name="catalog_procedure"),
    path(
        "catalogue/<str:code>/versions/new/",
        catalog_views.version_create_view,
        name="catalog_version_create",
    ),
    path(
        "catalogue/<str:code>/versions/<int:number>/",
        catalog_version_views.version_view,
        name="catalog_version",
    ),
    path(
        "catalogue/<str:code>/versions/<int:number>/parts/<str:kind>/",
        catalog_version_views.version_parts_view,
        name="catalog_version_parts",
    ),
    path(
        "catalogue/<str:code>/versions/<int:number>/documents/<int:document_id>/template/",
        catalog_version_views.document_template_view,
        name="catalog_document_template",
    ),
    path(
        "catalogue/<str:code>/versions/<int:number>/documents/<int:document_id>/template/remove/",
        catalog_version_views.document_template_remove_view,
        name="catalog_document_template_remove",
    ),
    path(
        "catalogue/<str:code>/versions/<int:number>/publish/",
        catalog_version_views.version_publish_view,
        name="catalog_version_publish",
    ),
    path(
        "catalogue/<str:code>/versions/<int:number>/retire/",
        catalog_version_views.version_retire_view,
        name="catalog_version_retire",
    ),
]

# Feature route modules (names stay in the desk namespace).
urlpatterns += notification_urls.urlpatterns + report_urls.urlpatterns
