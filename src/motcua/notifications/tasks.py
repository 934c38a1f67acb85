# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background delivery of notification messages (queue ``notifications``).

* ``deliver(message_id)``: enqueued by ``services.notify_event`` in the event's transaction;
  retried with exponential backoff and jitter by ``core.tasks.retrying_task`` on temporary
  channel failures; after ``MAX_ATTEMPTS`` the message is ``failed`` with its last error.
* ``sweep()``: periodic (the scheduler runs it every 30 s): re-enqueues messages whose task was
  lost, so delivery catches up after a crash or a restore.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django_tasks import task

from motcua.core.tasks import retrying_task
from motcua.notifications import services

MAX_ATTEMPTS: int = int(settings.NOTIFICATIONS.get("MAX_ATTEMPTS", 6))
BASE_SECONDS: float = float(settings.NOTIFICATIONS.get("RETRY_BASE_SECONDS", 5))
CAP_SECONDS: float = float(settings.NOTIFICATIONS.get("RETRY_CAP_SECONDS", 1800))


def _on_retry(
    *, args: tuple[Any, ...], kwargs: dict[str, Any], attempt: int, error: str, **kw: Any
) -> None:
    run_after: dt.datetime = kw["run_after"]
    services.message_retry_scheduled(
        message_id=kwargs["message_id"], run_after=run_after, error=error
    )


def _on_give_up(
    *, args: tuple[Any, ...], kwargs: dict[str, Any], attempt: int, error: str, **kw: Any
) -> None:
    services.message_give_up(message_id=kwargs["message_id"], error=error)


@retrying_task(
    queue_name="notifications",
    max_attempts=MAX_ATTEMPTS,
    base_seconds=BASE_SECONDS,
    cap_seconds=CAP_SECONDS,
    on_retry=_on_retry,
    on_give_up=_on_give_up,
)
def deliver(*, message_id: int) -> dict[str, Any]:
    """Hand one message to its channel (idempotent: the message row is claimed first)."""
    return {"message": message_id, "outcome": services.message_deliver(message_id=message_id)}


@task(queue_name="notifications")
def sweep() -> dict[str, int]:
    return {"requeued": services.messages_sweep()}
