# SPDX-License-Identifier: AGPL-3.0-or-later
"""A small fixed-window rate limiter shared by every worker process (database-backed).

The portal runs under gunicorn with several workers, so a per-process memory cache would let a
client multiply its allowance; a counter row per (key, window) in the database works the same on
SQLite and PostgreSQL. Used for the public dossier lookup (Circular 01/2018/TT-VPCP Art 16: the
lookup is public, its abuse is not) and for sign-in attempts.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import HttpRequest

from motcua.core import clock


class RateLimitCounter(models.Model):
    key = models.CharField(max_length=64)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "core"
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratelimit_key_window")
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}: {self.count}"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window ends


def client_ip(request: HttpRequest) -> str:
    """The client address as Django sees it (the proxy sets REMOTE_ADDR in deployment)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _hashed(key: str) -> str:
    # Keys may hold IP addresses or user names: keep only a digest (no personal data at rest).
    return hashlib.sha256(key.encode()).hexdigest()


def hit(key: str, *, limit: int, window_seconds: int) -> Verdict:
    """Count one attempt under ``key``; ``allowed`` is False beyond ``limit`` in the window."""
    now = int(clock.now().timestamp())
    start = now - now % window_seconds
    digest = _hashed(key)
    with transaction.atomic():
        updated = RateLimitCounter.objects.filter(key=digest, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(key=digest, window_start=start, count=1)
            except IntegrityError:  # another worker created it first
                RateLimitCounter.objects.filter(key=digest, window_start=start).update(
                    count=F("count") + 1
                )
        count = (
            RateLimitCounter.objects.filter(key=digest, window_start=start)
            .values_list("count", flat=True)
            .first()
            or 1
        )
        if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
            RateLimitCounter.objects.filter(window_start__lt=now - 86400).delete()
    return Verdict(allowed=count <= limit, count=count, retry_after=start + window_seconds - now)


def reset(key: str) -> None:
    """Forget the attempts under ``key`` (e.g. after a successful sign-in)."""
    RateLimitCounter.objects.filter(key=_hashed(key)).delete()
