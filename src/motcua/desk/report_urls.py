# SPDX-License-Identifier: AGPL-3.0-or-later
"""Statistics, report II.06a, dashboards, scoring and the 766 index (issue 7)."""

from django.urls import URLPattern, path

from motcua.desk import report_scoring_views, report_views

urlpatterns: list[URLPattern] = [
    path("reports/", report_views.report_ii06a_view, name="report_ii06a"),
    path(
        "reports/ii06a.xlsx",
        report_views.report_ii06a_export_view,
        {"kind": "xlsx"},
        name="report_ii06a_xlsx",
    ),
    path(
        "reports/ii06a.pdf",
        report_views.report_ii06a_export_view,
        {"kind": "pdf"},
        name="report_ii06a_pdf",
    ),
    path("reports/766/", report_views.report_766_view, name="report_766"),
    path(
        "reports/766/dossiers/", report_views.report_766_dossiers_view, name="report_766_dossiers"
    ),
    path("reports/dashboard/", report_views.report_dashboard_view, name="report_dashboard"),
    path("reports/scoring/", report_scoring_views.report_scoring_view, name="report_scoring"),
]
