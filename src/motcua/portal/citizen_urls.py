# SPDX-License-Identifier: AGPL-3.0-or-later
"""Citizen portal pages: submission wizard, my dossiers, lookup, evaluation, data store."""

from django.urls import URLPattern, path

from motcua.portal import (
    account_views,
    evaluation_views,
    lookup_views,
    my_dossier_views,
    wizard_views,
)

urlpatterns: list[URLPattern] = [
    # Submission wizard (Decree 45/2020 Art 9; Decree 61/2018 Art 16(3)).
    path("submit/<str:code>/", wizard_views.submit_start, name="submit_start"),
    path("drafts/<int:pk>/", wizard_views.draft_choices, name="draft_choices"),
    path("drafts/<int:pk>/form/", wizard_views.draft_form, name="draft_form"),
    path("drafts/<int:pk>/papers/", wizard_views.draft_papers, name="draft_papers"),
    path(
        "drafts/<int:pk>/papers/<int:component_id>/upload/",
        wizard_views.draft_upload,
        name="draft_upload",
    ),
    path(
        "drafts/<int:pk>/papers/<int:component_id>/pick/",
        wizard_views.draft_pick,
        name="draft_pick",
    ),
    path(
        "drafts/<int:pk>/papers/<int:component_id>/remove/",
        wizard_views.draft_detach,
        name="draft_detach",
    ),
    path("drafts/<int:pk>/review/", wizard_views.draft_review, name="draft_review"),
    path("drafts/<int:pk>/done/", wizard_views.draft_done, name="draft_done"),
    # My dossiers (Circular 01/2018 Art 16).
    path("my/dossiers/", my_dossier_views.my_dossiers, name="my_dossiers"),
    path("my/dossiers/<str:ref>/", my_dossier_views.my_dossier_detail, name="my_dossier_detail"),
    path(
        "my/dossiers/<str:ref>/supplement/",
        my_dossier_views.my_dossier_supplement,
        name="my_dossier_supplement",
    ),
    path(
        "my/dossiers/<str:ref>/withdraw/",
        my_dossier_views.my_dossier_withdraw,
        name="my_dossier_withdraw",
    ),
    path(
        "my/dossiers/<str:ref>/documents/<int:document_id>/",
        my_dossier_views.my_dossier_document,
        name="my_dossier_document",
    ),
    path(
        "my/dossiers/<str:ref>/evaluate/",
        evaluation_views.my_dossier_evaluate,
        name="my_dossier_evaluate",
    ),
    # Profile and personal data store (Decree 45/2020 Art 16).
    path("my/profile/", account_views.profile, name="profile"),
    path("my/papers/", account_views.data_store, name="data_store"),
    path("my/papers/<int:pk>/", account_views.data_store_download, name="data_store_download"),
    path("my/papers/<int:pk>/delete/", account_views.data_store_delete, name="data_store_delete"),
    # Public lookup (Circular 01/2018 Art 16); /tra-cuu/<code> is the receipt's QR link.
    path("tra-cuu/", lookup_views.lookup, name="lookup"),
    path("tra-cuu/<str:code>", lookup_views.lookup_code, name="lookup_code"),
    path("tra-cuu/<str:code>/", lookup_views.lookup_code),
]
