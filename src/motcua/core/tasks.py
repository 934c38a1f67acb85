# SPDX-License-Identifier: AGPL-3.0-or-later
"""Retries with backoff over django-tasks, which has none (docs/ARCHITECTURE.md §1.2).

``retrying_task`` builds a django-tasks ``Task`` whose function, when it raises ``Retryable``,
re-enqueues itself with ``run_after = now + backoff(attempt)`` and ``attempt + 1`` in its kwargs,
in one transaction with the ``on_retry`` hook. After ``max_attempts`` it calls ``on_give_up`` and
returns a result instead of raising: the failure is recorded where the domain wants it (message
status, dossier event, integration log). Any other exception is a bug and fails the task as usual.

Tasks must be idempotent: a task may run twice (a worker dies after the side effect but before
marking the row done), so each one carries a key (``idempotency_key``) that its side effect is
checked against.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import random
from collections.abc import Callable
from typing import Any, Protocol

from django.db import transaction
from django_tasks import task
from django_tasks.base import Task

from motcua.core import clock

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_BASE_SECONDS = 2.0
DEFAULT_CAP_SECONDS = 900.0
JITTER = 0.25


class Retryable(Exception):
    """A temporary failure (timeout, 5xx, connection refused): try again later."""


class RetryHook(Protocol):
    def __call__(
        self, *, args: tuple[Any, ...], kwargs: dict[str, Any], attempt: int, error: str, **kw: Any
    ) -> None: ...


def backoff(
    attempt: int,
    *,
    base: float = DEFAULT_BASE_SECONDS,
    cap: float = DEFAULT_CAP_SECONDS,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait after failed ``attempt`` (1-based): ``base·2^(attempt-1)``, capped, ±25 %.

    The jitter spreads retries of many messages failing together (an SMS gateway outage) so they
    do not come back as one burst; the result never exceeds ``cap`` and is never below 0.1 s.
    """
    raw = min(cap, base * (2 ** max(0, attempt - 1)))
    spread = (rng or random).uniform(-JITTER, JITTER)
    return max(0.1, min(cap, raw * (1 + spread)))


def idempotency_key(*parts: object, max_length: int = 160) -> str:
    """A stable key from ``parts``; hashed when longer than ``max_length``."""
    key = ":".join(str(p) for p in parts)
    if len(key) <= max_length:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def retrying_task(
    *,
    queue_name: str = "default",
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    base_seconds: float = DEFAULT_BASE_SECONDS,
    cap_seconds: float = DEFAULT_CAP_SECONDS,
    on_retry: RetryHook | None = None,
    on_give_up: RetryHook | None = None,
) -> Callable[[Callable[..., Any]], Task[..., Any]]:
    """Decorator: a module-level function → a django-tasks ``Task`` with retries.

    The task takes an extra keyword ``attempt`` (1 on the first run). ``on_retry`` receives
    ``run_after`` as well; it runs in the same transaction as the re-enqueue, so a crash between
    the two cannot lose the retry. The function itself receives ``attempt`` only if it declares it.
    """

    def decorate(func: Callable[..., Any]) -> Task[..., Any]:
        wants_attempt = "attempt" in inspect.signature(func).parameters
        holder: dict[str, Task[..., Any]] = {}

        @functools.wraps(func)
        def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                if wants_attempt:
                    return func(*args, attempt=attempt, **kwargs)
                return func(*args, **kwargs)
            except Retryable as exc:
                error = str(exc)[:1000] or type(exc).__name__
                if attempt >= max_attempts:
                    if on_give_up is not None:
                        on_give_up(args=args, kwargs=kwargs, attempt=attempt, error=error)
                    return {"gave_up": True, "attempts": attempt, "error": error}
                delay = backoff(attempt, base=base_seconds, cap=cap_seconds)
                run_after = clock.now() + dt.timedelta(seconds=delay)
                with transaction.atomic():
                    if on_retry is not None:
                        on_retry(
                            args=args,
                            kwargs=kwargs,
                            attempt=attempt,
                            error=error,
                            run_after=run_after,
                        )
                    holder["task"].using(run_after=run_after).enqueue(
                        *args, attempt=attempt + 1, **kwargs
                    )
                return {"retry": attempt + 1, "run_after": run_after.isoformat(), "error": error}

        made: Task[..., Any] = task(queue_name=queue_name)(run)
        holder["task"] = made
        return made

    return decorate
