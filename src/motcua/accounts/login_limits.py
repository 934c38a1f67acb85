# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sign-in attempts limited per client address across all worker processes.

django-axes locks one login after repeated failures (per login and address); allauth's own
limits live in the per-process cache. This adapter adds a database-backed limit per address on
every password sign-in attempt (``core.ratelimit``), so that trying many logins from one address
is slowed down too. Enabled in settings (``ACCOUNT_ADAPTER =
"motcua.accounts.login_limits.RateLimitedAccountAdapter"``).
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _

from motcua.core import ratelimit

SIGNIN_LIMIT = 20  # attempts per client address per window
SIGNIN_WINDOW = 300  # seconds


def signin_allowed(request: HttpRequest) -> ratelimit.Verdict:
    key = f"signin:{ratelimit.client_ip(request)}"
    return ratelimit.hit(key, limit=SIGNIN_LIMIT, window_seconds=SIGNIN_WINDOW)


class RateLimitedAccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        verdict = signin_allowed(request)
        if not verdict.allowed:
            minutes = max(1, (verdict.retry_after + 59) // 60)
            raise forms.ValidationError(
                _(
                    "Too many sign-in attempts from your connection. "
                    "Please try again in %(minutes)s minutes."
                )
                % {"minutes": minutes}
            )
        super().pre_authenticate(request, **credentials)
