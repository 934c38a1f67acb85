# SPDX-License-Identifier: AGPL-3.0-or-later
"""Users, applicant profiles (citizen, organisation), staff profiles and API tokens.

Personal ID numbers follow Law on Identification 26/2023/QH15 and Decree 70/2024/NĐ-CP (12 digits:
birth-registration province, century+gender, birth year, random); tax codes follow the 10/13-digit
MST scheme with a check digit. Validation lives in ``accounts.identifiers`` (pure functions).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class CitizenProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_profile"
    )
    personal_id = models.CharField(_("personal ID number"), max_length=12, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address_unit = models.ForeignKey(
        "units.AdministrativeUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("address (administrative unit)"),
    )
    address_detail = models.CharField(
        _("address (street, house number)"), max_length=255, blank=True
    )
    oidc_subject = models.CharField(_("e-ID subject"), max_length=255, blank=True, db_index=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.personal_id[:3]}…{self.personal_id[-3:]})"


class OrganisationProfile(TimeStampedModel):
    """A business or other organisation that applies; its account holder is ``user``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_profile"
    )
    tax_code = models.CharField(_("tax code"), max_length=13, unique=True)
    name = models.CharField(_("organisation name"), max_length=255)
    representative_name = models.CharField(_("legal representative"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address_unit = models.ForeignKey(
        "units.AdministrativeUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("address (administrative unit)"),
    )
    address_detail = models.CharField(
        _("address (street, house number)"), max_length=255, blank=True
    )

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profiles")

    def __str__(self) -> str:
        return f"{self.name} ({self.tax_code})"


class StaffProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="staff", verbose_name=_("agency")
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    staff_code = models.CharField(_("staff code"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user} · {self.agency}"


class ApiToken(TimeStampedModel):
    """A bearer token for API clients. Only a SHA-256 hash of the secret is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# The personal data store (Decree 45/2020 Art 16) lives in its own module.
from motcua.accounts.datastore import PersonalPaper  # noqa: E402

__all__ = [
    "ApiToken",
    "CitizenProfile",
    "Gender",
    "OrganisationProfile",
    "PersonalPaper",
    "StaffProfile",
    "User",
]
