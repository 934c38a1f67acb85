# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of the personal data store and of the applicant's profile.

Legal basis: Decree 45/2020/NĐ-CP Art 16 (amended by Decree 118/2025 Art 40(8)): papers and
electronic results are kept in the owner's store and reused in later dossiers; the owner may
remove them. The bytes handed in here were already validated by the dossier document checks
(size, sniffed type, sanitised name); this module only stores them for their owner.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.accounts.datastore import PersonalPaper
from motcua.accounts.models import CitizenProfile, OrganisationProfile
from motcua.accounts.services._common import FieldErrors, check_address_unit, check_phone
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.text import nfc


@transaction.atomic
def paper_keep(
    *,
    owner: Any,
    title: str,
    content: bytes,
    name: str,
    mime: str,
    component_code: str = "",
    source_dossier_code: str = "",
) -> PersonalPaper:
    """Keep one paper in ``owner``'s store; the same bytes are kept once (idempotent)."""
    if not content:
        raise ValidationFailed(_("The paper is empty."), details={"file": [str(_("Empty."))]})
    digest = hashlib.sha256(content).hexdigest()
    found = PersonalPaper.objects.filter(owner=owner, sha256=digest, deleted=False).first()
    if found is not None:
        return found
    paper = PersonalPaper(
        owner=owner,
        title=nfc(title)[:255] or name,
        component_code=component_code[:60],
        original_name=name[:255],
        sha256=digest,
        size=len(content),
        mime=mime,
        source_dossier_code=source_dossier_code[:40],
        created_at=clock.now(),
    )
    paper.file.save(name, ContentFile(content), save=False)
    paper.save()
    return paper


@transaction.atomic
def paper_delete(*, actor: Any, paper_id: int) -> None:
    """The owner removes a paper from the store (flagged; dossiers keep their own copies)."""
    updated = PersonalPaper.objects.filter(pk=paper_id, owner=actor, deleted=False).update(
        deleted=True
    )
    if not updated:
        raise NotFound(_("No such paper in your data store."))


@transaction.atomic
def applicant_profile_update(
    *,
    actor: Any,
    phone: str = "",
    email: str = "",
    address_unit: Any = None,
    address_detail: str = "",
) -> Any:
    """Update the contact data of the signed-in applicant (citizen or organisation profile).

    The personal ID number and the name come from registration or the e-ID and are not edited
    here (Decree 69/2024/NĐ-CP Art 9). The address unit must be in force today (two-level units
    from 01/07/2025).
    """
    errors = FieldErrors()
    phone = check_phone(errors, phone)
    check_address_unit(errors, address_unit)
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("email", _("Enter a valid e-mail address."))
    errors.raise_if_any()
    profile: CitizenProfile | OrganisationProfile | None = (
        CitizenProfile.objects.filter(user=actor).first()
        or OrganisationProfile.objects.filter(user=actor).first()
    )
    if profile is None:
        raise NotFound(_("This account has no applicant profile."))
    profile.phone = phone
    profile.email = email
    profile.address_unit = address_unit
    profile.address_detail = nfc(address_detail or "")[:255]
    profile.save()
    actor.phone = phone
    if email:
        actor.email = email
    actor.save(update_fields=["phone", "email"])
    return profile
