# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the personal data store and of the applicant's profile (owner-scoped)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.accounts.datastore import PersonalPaper
from motcua.accounts.models import CitizenProfile, OrganisationProfile


def paper_list(*, owner: Any) -> QuerySet[PersonalPaper]:
    """The papers ``owner`` may reuse (Decree 45/2020 Art 16); none for anonymous users."""
    if owner is None or not getattr(owner, "is_authenticated", False):
        return PersonalPaper.objects.none()
    return PersonalPaper.objects.filter(owner=owner, deleted=False)


def paper_get(*, owner: Any, paper_id: int) -> PersonalPaper | None:
    return paper_list(owner=owner).filter(pk=paper_id).first()


def applicant_profile(*, user: Any) -> CitizenProfile | OrganisationProfile | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        CitizenProfile.objects.filter(user=user).select_related("address_unit").first()
        or OrganisationProfile.objects.filter(user=user).select_related("address_unit").first()
    )
