# SPDX-License-Identifier: AGPL-3.0-or-later
"""The retry wrapper over django-tasks: backoff bounds, re-enqueue with attempt, give-up."""

from __future__ import annotations

import random

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.core.tasks import Retryable, backoff, idempotency_key, retrying_task

CALLS: list[int] = []
GAVE_UP: list[dict[str, object]] = []


def _give_up(**kw: object) -> None:
    GAVE_UP.append(kw)


@retrying_task(queue_name="default", max_attempts=3, base_seconds=1, on_give_up=_give_up)
def flaky(*, key: str, attempt: int = 1) -> str:
    CALLS.append(attempt)
    raise Retryable(f"down for {key}")


@retrying_task(queue_name="default")
def fine(*, key: str) -> str:
    return key


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    rng = random.Random(7)
    for attempt in range(1, 15):
        delay = backoff(attempt, base=2, cap=60, rng=rng)
        raw = min(60, 2 * 2 ** (attempt - 1))
        assert 0.1 <= delay <= 60
        assert raw * 0.75 - 1e-9 <= delay <= raw * 1.25 + 1e-9


def test_idempotency_key_is_stable_and_bounded() -> None:
    assert idempotency_key("event", 1, "sms") == "event:1:sms"
    long = idempotency_key("x" * 300)
    assert long.startswith("sha256:") and len(long) <= 160
    assert long == idempotency_key("x" * 300)


@pytest.mark.django_db
def test_retryable_failure_re_enqueues_with_next_attempt_and_run_after() -> None:
    CALLS.clear()
    result = flaky.call(key="a")
    assert result["retry"] == 2
    row = DBTaskResult.objects.get()
    assert row.args_kwargs["kwargs"] == {"key": "a", "attempt": 2}
    assert row.run_after is not None
    assert CALLS == [1]


@pytest.mark.django_db
def test_gives_up_after_max_attempts_and_records_failure() -> None:
    GAVE_UP.clear()
    result = flaky.call(key="b", attempt=3)
    assert result == {"gave_up": True, "attempts": 3, "error": "down for b"}
    assert DBTaskResult.objects.count() == 0
    assert GAVE_UP and GAVE_UP[0]["attempt"] == 3


def test_successful_task_returns_its_value() -> None:
    assert fine.call(key="ok") == "ok"
