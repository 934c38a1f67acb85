# SPDX-License-Identifier: AGPL-3.0-or-later
"""Brute-force protection glue between django-allauth's login form and django-axes.

allauth posts the identifier as ``login`` but authenticates with ``username=`` or ``email=``
credentials, so axes would otherwise record every failure under an empty username and lock
the whole address instead of the account (Decree 85/2016/NĐ-CP security levels: lock an
account after repeated failed logins).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LOGIN_FIELD = "login"


def axes_username(request: Any, credentials: Mapping[str, Any] | None = None) -> str | None:
    """The identifier a lockout is keyed on, the same whichever way the user wrote it.

    The raw ``login`` field wins over credentials so that one attempt is counted under one key
    whether allauth tried it as a username or as an e-mail address; case is folded so that
    ``CanBo`` and ``canbo`` share one counter.
    """
    raw: Any = None
    post = getattr(request, "POST", None)
    if post is not None:
        raw = post.get(LOGIN_FIELD)
    if not raw and credentials:
        raw = (
            credentials.get(LOGIN_FIELD) or credentials.get("username") or credentials.get("email")
        )
    if not raw:
        return None
    return str(raw).strip().casefold()
