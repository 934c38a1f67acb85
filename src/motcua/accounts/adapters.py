# SPDX-License-Identifier: AGPL-3.0-or-later
"""django-allauth adapters: map e-ID (OIDC) claims onto motcua users and citizen profiles.

The provider is authoritative for the identity it asserts (Decree 69/2024/NĐ-CP Art 9), so a
valid personal ID claim fills the CitizenProfile; an invalid or conflicting one is logged and
ignored rather than blocking the sign-in. Rules live in ``accounts.services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import structlog
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.http import HttpRequest

from motcua.accounts.services import citizen_profile_sync_from_e_id
from motcua.core.errors import DomainError

log = structlog.get_logger(__name__)

# Claim names tried in order; a provider may name its own with the app setting
# ``personal_id_claim``. "so_dinh_danh" is the Vietnamese name some provincial IdPs use.
PERSONAL_ID_CLAIMS = ("personal_id", "so_dinh_danh", "cccd")


def merged_claims(extra_data: Mapping[str, Any] | None) -> dict[str, Any]:
    """One claims dict from allauth's ``{"id_token": ..., "userinfo": ...}`` (userinfo wins)."""
    extra = dict(extra_data or {})
    if "id_token" not in extra and "userinfo" not in extra:
        return extra
    claims: dict[str, Any] = {}
    for part in ("id_token", "userinfo"):
        value = extra.get(part)
        if isinstance(value, Mapping):
            claims.update(value)
    return claims


def personal_id_claim(claims: Mapping[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = claims.get(name)
        if value:
            return str(value)
    return ""


def _birthdate(value: Any) -> dt.date | None:
    # OIDC Core §5.1: "birthdate" is YYYY-MM-DD, or just YYYY, or 0000-MM-DD when withheld.
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class CitizenSocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        claims = merged_claims(sociallogin.account.extra_data)
        name = claims.get("name") or " ".join(
            part for part in (data.get("last_name"), data.get("first_name")) if part
        )
        if name:
            user.full_name = name
        return user

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        self._sync_citizen_profile(sociallogin, user)
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        super().pre_social_login(request, sociallogin)
        if sociallogin.is_existing:
            self._sync_citizen_profile(sociallogin, sociallogin.user)

    def _claim_names(self, sociallogin: Any) -> tuple[str, ...]:
        try:
            app_settings = sociallogin.account.get_provider().app.settings or {}
        except SocialApp.DoesNotExist:
            app_settings = {}
        configured = str(app_settings.get("personal_id_claim") or "")
        return ((configured,) if configured else ()) + PERSONAL_ID_CLAIMS

    def _sync_citizen_profile(self, sociallogin: Any, user: Any) -> None:
        claims = merged_claims(sociallogin.account.extra_data)
        personal_id = personal_id_claim(claims, self._claim_names(sociallogin))
        if not personal_id or user.pk is None:
            return
        try:
            citizen_profile_sync_from_e_id(
                user=user,
                subject=str(sociallogin.account.uid),
                personal_id=personal_id,
                full_name=str(claims.get("name") or ""),
                date_of_birth=_birthdate(claims.get("birthdate")),
                gender=str(claims.get("gender") or ""),
            )
        except DomainError as exc:
            log.warning(
                "e_id_profile_not_synced",
                provider=sociallogin.account.provider,
                user_id=user.pk,
                reason=exc.details or exc.message,
            )
