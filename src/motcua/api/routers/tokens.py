# SPDX-License-Identifier: AGPL-3.0-or-later
"""API tokens: obtain with username and password, list, revoke."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.responses import Status

from motcua.accounts.tokens import token_create, token_list, token_revoke
from motcua.api.auth import AUTH
from motcua.api.routers.base import ApiRouter
from motcua.api.schemas import InputSchema
from motcua.core.errors import DomainError

router = ApiRouter(tags=["auth"])


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    status = 401


class LockedOut(DomainError):
    code = "locked_out"
    status = 403


class TokenObtainIn(InputSchema):
    username: str = Field(..., min_length=1, max_length=150)
    password: str = Field(..., min_length=1, max_length=4096)
    name: str = Field(..., min_length=1, max_length=100)
    ttl_days: int | None = Field(None, ge=1, le=3650)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The secret; shown only in this response.")


@router.post(
    "/auth/tokens",
    response={201: TokenCreatedOut},
    auth=None,
    summary="Obtain an API token",
)
def obtain_token(request: HttpRequest, payload: TokenObtainIn) -> Any:
    """Exchange a username and password for a bearer token (``Authorization: Bearer <token>``).

    Repeated failures lock the username for this address (django-axes). The answer to a wrong
    password and to an unknown username is the same.
    """
    credentials = {"username": payload.username, "password": payload.password}
    # axes reads the username under its own form-field name, from the credentials passed here.
    credentials[getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")] = payload.username
    user = authenticate(request=request, **credentials)
    if getattr(request, "axes_locked_out", False):
        # AxesMiddleware would swap our answer for its HTML lockout page; the API answers
        # in its own error shape instead. Unknown usernames lock out too, so this reveals
        # nothing about which accounts exist.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        raise LockedOut(_("Too many failed attempts. Try again later."))
    if user is None:
        raise InvalidCredentials(_("The username or password is incorrect."))
    token, raw = token_create(user=user, name=payload.name, ttl_days=payload.ttl_days)
    return Status(201, _token_out(token, raw))


@router.get("/auth/tokens", response=list[TokenOut], auth=AUTH, summary="List my API tokens")
def list_tokens(request: HttpRequest) -> Any:
    """The caller's tokens that are not revoked. Secrets are never shown again."""
    return list(token_list(user=request.auth))  # type: ignore[attr-defined]


@router.delete(
    "/auth/tokens/{token_id}", response={204: None}, auth=AUTH, summary="Revoke an API token"
)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    token_revoke(actor=request.auth, token_id=token_id)  # type: ignore[attr-defined]
    return Status(204, None)


def _token_out(token: Any, raw: str) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "token": raw,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
    }
