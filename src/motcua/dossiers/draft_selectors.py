# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of online submission drafts (owner-scoped; Decree 45/2020/NĐ-CP Art 9)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.dossiers.models import SubmissionDraft


def draft_list(*, owner: Any) -> QuerySet[SubmissionDraft]:
    """The owner's drafts not yet submitted, newest first; none for anonymous users."""
    if owner is None or not getattr(owner, "is_authenticated", False):
        return SubmissionDraft.objects.none()
    return SubmissionDraft.objects.filter(owner=owner, dossier__isnull=True).select_related(
        "procedure_version__procedure", "case", "receiving_agency"
    )


def draft_get(*, owner: Any, pk: int) -> SubmissionDraft | None:
    """One of the owner's drafts (submitted or not)."""
    if owner is None or not getattr(owner, "is_authenticated", False):
        return None
    return (
        SubmissionDraft.objects.filter(owner=owner, pk=pk)
        .select_related("procedure_version__procedure", "case", "receiving_agency", "dossier")
        .prefetch_related("files")
        .first()
    )
