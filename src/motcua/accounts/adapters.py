# SPDX-License-Identifier: AGPL-3.0-or-later
"""django-allauth adapters: map e-ID (OIDC) claims onto motcua users."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class CitizenSocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data or {}
        name = claims.get("name") or " ".join(
            part for part in (data.get("last_name"), data.get("first_name")) if part
        )
        if name:
            user.full_name = name
        return user
