# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who is calling: a bearer token (API clients) or the session cookie (the browser)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from motcua.accounts.tokens import token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = token_authenticate(token)
        if user is not None:
            # Handlers and selectors read request.user, whichever way the caller signed in.
            request.user = user
        return user


# Token first: an API client never has to deal with CSRF. The session cookie is CSRF-checked
# by ninja on unsafe methods, as a browser form would be.
AUTH: list[Any] = [TokenAuth(), django_auth]
