# SPDX-License-Identifier: AGPL-3.0-or-later
"""Template context about the signed-in user, computed only when a template asks for it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from motcua.agencies.selectors import is_staff_member


def user_flags(request: HttpRequest) -> dict[str, Any]:
    """``is_official``: the user may open the officials' desk (a staff role today, or superuser)."""
    user = getattr(request, "user", None)

    def official() -> bool:
        if user is None or not user.is_authenticated:
            return False
        return bool(user.is_superuser) or is_staff_member(user=user)

    return {"is_official": SimpleLazyObject(official)}
