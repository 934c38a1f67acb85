# SPDX-License-Identifier: AGPL-3.0-or-later
"""Helpers shared by the account services: field-error collection, login/password checks, scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _

from motcua.accounts import identifiers, policies
from motcua.agencies.models import Agency, Role
from motcua.agencies.selectors import role_assignments_active
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, PermissionDenied, ValidationFailed

User = get_user_model()
INVALID = _("Please correct the errors below.")


class FieldErrors:
    """Collects field errors so that a form shows all of them at once, then raises."""

    def __init__(self) -> None:
        self.details: dict[str, list[str]] = {}

    def add(self, field: str, message: object) -> None:
        self.details.setdefault(field, []).append(str(message))

    def take(self, exc: DomainError) -> None:
        for field, messages in exc.details.items():
            self.details.setdefault(field, []).extend(messages)

    def raise_if_any(self) -> None:
        if self.details:
            raise ValidationFailed(INVALID, details=self.details)


def check_login(errors: FieldErrors, *, username: str, email: str) -> tuple[str, str]:
    username = (username or "").strip()
    email = (email or "").strip()
    if not username:
        errors.add("username", _("Enter a username."))
    else:
        try:
            User.username_validator(username)
        except DjangoValidationError as exc:
            errors.add("username", " ".join(str(m) for m in exc.messages))
        if User.objects.filter(username__iexact=username).exists():
            errors.add("username", _("This username is already taken."))
    if not email:
        errors.add("email", _("Enter an e-mail address."))
    else:
        try:
            validate_email(email)
        except DjangoValidationError:
            errors.add("email", _("Enter a valid e-mail address."))
        else:
            if User.objects.filter(email__iexact=email).exists():
                errors.add("email", _("An account with this e-mail address already exists."))
    return username, email


def check_password(errors: FieldErrors, *, password: str, user: Any) -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        for message in exc.messages:
            errors.add("password", message)


def check_phone(errors: FieldErrors, phone: str) -> str:
    if not (phone or "").strip():
        return ""
    try:
        return identifiers.validate_phone(phone)
    except ValidationFailed as exc:
        errors.take(exc)
        return ""


def check_address_unit(errors: FieldErrors, address_unit: Any) -> None:
    if address_unit is not None and not address_unit.is_valid_on(clock.today()):
        errors.add(
            "address_unit",
            _("This administrative unit is no longer in force; choose the current one."),
        )


def save_user(user: Any, password: str) -> Any:
    user.set_password(password)
    try:
        user.save()
    except IntegrityError as exc:  # a concurrent registration won the unique constraint
        raise Conflict(_("This account already exists.")) from exc
    return user


def admin_paths(actor: Any) -> list[tuple[str, bool]]:
    return [
        (ra.agency.path, ra.include_descendants)
        for ra in role_assignments_active(user=actor, roles=[Role.SYSTEM_ADMIN])
        if ra.agency is not None
    ]


def authorise_agency(actor: Any, agency: Agency, *, include_descendants: bool = False) -> None:
    allowed = policies.can_grant_at_agency(
        admin_paths=admin_paths(actor),
        agency_path=agency.path,
        include_descendants=include_descendants,
        is_superuser=bool(getattr(actor, "is_superuser", False)),
    )
    if not allowed:
        raise PermissionDenied(_("You may not manage staff of this agency."))
