# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applicant accounts: citizens and organisations register, e-ID sign-in fills the profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.accounts import identifiers
from motcua.accounts.models import CitizenProfile, Gender, OrganisationProfile
from motcua.accounts.services._common import (
    FieldErrors,
    check_address_unit,
    check_login,
    check_password,
    check_phone,
    save_user,
)
from motcua.agencies.models import Role, RoleAssignment
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.text import nfc

User = get_user_model()


@transaction.atomic
def citizen_register(
    *,
    username: str,
    email: str,
    password: str,
    personal_id: str,
    full_name: str,
    date_of_birth: dt.date | None = None,
    gender: str = "",
    phone: str = "",
    address_unit: Any = None,
    address_detail: str = "",
) -> Any:
    """Create a citizen applicant: a User, its CitizenProfile and the applicant role from today.

    Legal basis: Decree 45/2020/NĐ-CP Art 16 (an account per applicant), personal ID number per
    Law 26/2023/QH15 and Decree 70/2024/NĐ-CP (``identifiers.validate_personal_id``).
    Pre: username, e-mail and personal ID are not used by another account; the phone, if given,
    is a Vietnamese mobile number; the address unit, if given, is in force today.
    Post: the user can log in; on any ValidationFailed nothing is saved.
    """
    errors = FieldErrors()
    username, email = check_login(errors, username=username, email=email)
    full_name = nfc(full_name or "")
    if not full_name:
        errors.add("full_name", _("Enter your full name."))
    today = clock.today()
    if gender and gender not in Gender.values:
        errors.add("gender", _("Choose a gender from the list."))
        gender = ""
    if date_of_birth is not None and date_of_birth > today:
        errors.add("date_of_birth", _("The date of birth cannot be in the future."))
        date_of_birth = None
    try:
        personal_id = identifiers.validate_personal_id(
            personal_id, date_of_birth=date_of_birth, gender=gender or None, today=today
        )
    except ValidationFailed as exc:
        errors.take(exc)
    else:
        if CitizenProfile.objects.filter(personal_id=personal_id).exists():
            errors.add("personal_id", _("An account with this personal ID number already exists."))
    phone = check_phone(errors, phone)
    check_address_unit(errors, address_unit)
    user = User(username=username, email=email, full_name=full_name, phone=phone)
    check_password(errors, password=password, user=user)
    errors.raise_if_any()

    save_user(user, password)
    CitizenProfile.objects.create(
        user=user,
        personal_id=personal_id,
        full_name=full_name,
        date_of_birth=date_of_birth,
        gender=gender,
        phone=phone,
        email=email,
        address_unit=address_unit,
        address_detail=nfc(address_detail or ""),
    )
    RoleAssignment.objects.create(user=user, role=Role.APPLICANT, agency=None, valid_from=today)
    return user


@transaction.atomic
def organisation_register(
    *,
    username: str,
    email: str,
    password: str,
    tax_code: str,
    name: str,
    representative_name: str = "",
    phone: str = "",
    address_unit: Any = None,
    address_detail: str = "",
) -> Any:
    """Create an organisation applicant: a User, its OrganisationProfile and the applicant role.

    Legal basis: tax code per Circular 105/2020/TT-BTC Art 5 (``identifiers.validate_tax_code``).
    Pre: username, e-mail and tax code unused; post: as ``citizen_register``.
    """
    errors = FieldErrors()
    username, email = check_login(errors, username=username, email=email)
    name = nfc(name or "")
    if not name:
        errors.add("name", _("Enter the organisation's name."))
    try:
        tax_code = identifiers.validate_tax_code(tax_code)
    except ValidationFailed as exc:
        errors.take(exc)
    else:
        if OrganisationProfile.objects.filter(tax_code=tax_code).exists():
            errors.add("tax_code", _("An account with this tax code already exists."))
    phone = check_phone(errors, phone)
    check_address_unit(errors, address_unit)
    user = User(username=username, email=email, full_name=name, phone=phone)
    check_password(errors, password=password, user=user)
    errors.raise_if_any()

    save_user(user, password)
    OrganisationProfile.objects.create(
        user=user,
        tax_code=tax_code,
        name=name,
        representative_name=nfc(representative_name or ""),
        phone=phone,
        email=email,
        address_unit=address_unit,
        address_detail=nfc(address_detail or ""),
    )
    RoleAssignment.objects.create(
        user=user, role=Role.APPLICANT, agency=None, valid_from=clock.today()
    )
    return user


@transaction.atomic
def citizen_profile_sync_from_e_id(
    *,
    user: Any,
    subject: str,
    personal_id: str,
    full_name: str = "",
    date_of_birth: dt.date | None = None,
    gender: str = "",
) -> CitizenProfile:
    """Create or update ``user``'s CitizenProfile from claims of a trusted e-ID (OIDC) provider.

    Legal basis: Decree 69/2024/NĐ-CP Art 9 (e-identification accounts used to log in to public
    services); the personal ID number is checked as in ``identifiers.validate_personal_id``.
    Pre: ``user`` is saved; ``personal_id`` is valid and not held by another user's profile
    (a self-declared number on another account is never taken over silently).
    Post: the profile carries ``oidc_subject = subject`` and the claimed identity; the user
    holds the applicant role. ValidationFailed (personal_id) otherwise, with nothing saved.
    """
    gender = gender if gender in Gender.values else ""
    personal_id = identifiers.validate_personal_id(
        personal_id, date_of_birth=date_of_birth, gender=gender or None, today=clock.today()
    )
    if CitizenProfile.objects.filter(personal_id=personal_id).exclude(user_id=user.pk).exists():
        message = _("Another account already uses this personal ID number.")
        raise ValidationFailed(message, details={"personal_id": [str(message)]})
    full_name = nfc(full_name or "") or getattr(user, "full_name", "") or user.get_username()
    profile = CitizenProfile.objects.select_for_update().filter(user_id=user.pk).first()
    if profile is None:
        profile = CitizenProfile(user=user, email=user.email or "")
    profile.personal_id = personal_id
    profile.full_name = full_name
    profile.oidc_subject = subject
    if date_of_birth is not None:
        profile.date_of_birth = date_of_birth
    if gender:
        profile.gender = gender
    profile.save()
    today = clock.today()
    applicant_roles = RoleAssignment.objects.filter(user_id=user.pk, role=Role.APPLICANT)
    if not applicant_roles.valid_on(today).exists():
        RoleAssignment.objects.create(user=user, role=Role.APPLICANT, agency=None, valid_from=today)
    return profile
