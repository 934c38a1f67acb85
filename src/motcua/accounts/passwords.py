# SPDX-License-Identifier: AGPL-3.0-or-later
"""Password rules: officials need strong passwords (Decree 85/2016 family, level ≥3 systems)."""

from __future__ import annotations

import string
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

STAFF_MIN_LENGTH = 12


class StaffPasswordStrengthValidator:
    """For staff accounts: at least 12 characters with lower, upper, digit and symbol.

    Applicants keep Django's ordinary validators; the stricter rule applies when the user is
    staff (``is_staff`` or has a staff profile), so a new official cannot get a weak password.
    """

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not _is_staff(user):
            return
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or c.isspace() for c in password),
        ]
        if len(password) < STAFF_MIN_LENGTH or not all(classes):
            raise ValidationError(
                _(
                    "Staff passwords need at least %(min)d characters, with lower- and "
                    "upper-case letters, a digit and a symbol."
                ),
                code="password_staff_weak",
                params={"min": STAFF_MIN_LENGTH},
            )

    def get_help_text(self) -> str:
        return _(
            "Staff passwords need at least %(min)d characters, with lower- and upper-case "
            "letters, a digit and a symbol."
        ) % {"min": STAFF_MIN_LENGTH}


def _is_staff(user: Any) -> bool:
    if getattr(user, "is_staff", False):
        return True
    pk = getattr(user, "pk", None)
    if pk is None:
        return bool(getattr(user, "_motcua_is_staff", False))
    return hasattr(user, "staff_profile")
