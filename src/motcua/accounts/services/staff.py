# SPDX-License-Identifier: AGPL-3.0-or-later
"""Officials' accounts: created by a system administrator in scope, with a strong password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import StaffProfile
from motcua.accounts.services._common import (
    FieldErrors,
    authorise_agency,
    check_login,
    check_password,
    save_user,
)
from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.core.text import nfc

User = get_user_model()


@transaction.atomic
def staff_create(
    *,
    actor: Any,
    username: str,
    email: str,
    full_name: str,
    password: str,
    agency: Agency,
    position: str = "",
) -> Any:
    """Create an official's account with a StaffProfile at ``agency`` (no role yet).

    Legal basis: Decree 85/2016/NĐ-CP (information-system security levels): officials get strong
    passwords (``passwords.StaffPasswordStrengthValidator``).
    Pre: ``actor`` is a superuser or a system administrator whose scope covers ``agency``
    (PermissionDenied otherwise); the agency is in force today. Post: user + StaffProfile.
    """
    authorise_agency(actor, agency)
    errors = FieldErrors()
    username, email = check_login(errors, username=username, email=email)
    full_name = nfc(full_name or "")
    if not full_name:
        errors.add("full_name", _("Enter the official's full name."))
    if not agency.is_valid_on(clock.today()):
        errors.add("agency", _("This agency is not in force today."))
    user = User(username=username, email=email, full_name=full_name)
    # The staff password rule must apply before the StaffProfile exists.
    user._motcua_is_staff = True  # type: ignore[attr-defined]
    check_password(errors, password=password, user=user)
    errors.raise_if_any()

    save_user(user, password)
    StaffProfile.objects.create(user=user, agency=agency, position=nfc(position or ""))
    return user
