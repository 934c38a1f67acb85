# SPDX-License-Identifier: AGPL-3.0-or-later
"""API bearer tokens: create (secret shown once), authenticate, list, revoke.

A token reads ``mc_<prefix>_<secret>``. Only the SHA-256 hash of the whole string is stored, so a
database leak does not leak usable tokens; the prefix is stored in clear so that a user can tell
their tokens apart. A plain (unsalted) hash is enough because the secret has 256 random bits:
there is nothing to brute-force, and the hash can be looked up by an index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import ApiToken
from motcua.agencies.models import Role
from motcua.agencies.selectors import user_has_role
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed

KEY_SCHEME = "mc"
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
MAX_TTL_DAYS = 3650
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length or 100


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_create(*, user: Any, name: str, ttl_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user``; return it with the raw secret, which is never stored."""
    name = (name or "").strip()
    details: dict[str, list[str]] = {}
    if not name:
        details["name"] = [_("This field is required.")]
    elif len(name) > NAME_MAX_LENGTH:
        details["name"] = [
            _("Ensure this value has at most %(max)s characters.") % {"max": NAME_MAX_LENGTH}
        ]
    if ttl_days is not None and not 1 <= ttl_days <= MAX_TTL_DAYS:
        details["ttl_days"] = [
            _("Ensure this value is between %(min)d and %(max)d.") % {"min": 1, "max": MAX_TTL_DAYS}
        ]
    if details:
        raise ValidationFailed(_("The token could not be created."), details=details)
    if user is None or not getattr(user, "is_active", False):
        raise ValidationFailed(_("Inactive users cannot have API tokens."))

    prefix = secrets.token_hex(4)
    raw = f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = clock.now() + dt.timedelta(days=ttl_days) if ttl_days else None
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, key_hash=_hash(raw), expires_at=expires_at
        )
    return token, raw


def token_authenticate(raw: str) -> Any | None:
    """Return the active user owning the live token ``raw``, or None."""
    if not raw or not raw.startswith(f"{KEY_SCHEME}_") or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(raw)).first()
    if token is None or token.revoked_at is not None:
        return None
    moment = clock.now()
    if token.expires_at is not None and token.expires_at <= moment:
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or moment - token.last_used_at >= LAST_USED_RESOLUTION:
        # update() leaves updated_at alone: using a token is not editing it.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return token.user


def token_list(*, user: Any) -> QuerySet[ApiToken]:
    """The user's tokens that have not been revoked (expired ones included), newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    """Revoke a token. Only its owner or a system administrator may; others get "not found".

    Not-found rather than forbidden, so that token ids of other users cannot be probed.
    Revoking an already revoked token keeps its first revocation time.
    """
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        is_admin = bool(getattr(actor, "is_superuser", False)) or user_has_role(
            user=actor, roles=[Role.SYSTEM_ADMIN]
        )
        if token is None or (token.user_id != getattr(actor, "pk", None) and not is_admin):
            raise NotFound(_("No such token."))
        if token.revoked_at is None:
            token.revoked_at = clock.now()
            token.save(update_fields=["revoked_at", "updated_at"])
    return token
