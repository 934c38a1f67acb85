# SPDX-License-Identifier: AGPL-3.0-or-later
"""The database-backed rate limiter shared by every worker process."""

from __future__ import annotations

import datetime as dt

import time_machine

from motcua.core import clock, ratelimit


def test_attempts_beyond_the_limit_are_refused_until_the_window_ends(db):
    start = dt.datetime(2026, 3, 10, 9, 0, 10, tzinfo=clock.VN_TZ)
    with time_machine.travel(start, tick=False):
        verdicts = [ratelimit.hit("k", limit=2, window_seconds=60) for _ in range(3)]
        assert [v.allowed for v in verdicts] == [True, True, False]
        assert verdicts[-1].retry_after == 50
        assert ratelimit.hit("other", limit=2, window_seconds=60).allowed
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        assert ratelimit.hit("k", limit=2, window_seconds=60).allowed


def test_reset_forgets_the_attempts_and_keys_are_not_stored_in_clear(db):
    for _ in range(3):
        ratelimit.hit("signin:10.0.0.1", limit=2, window_seconds=60)
    assert not ratelimit.RateLimitCounter.objects.filter(key__contains="10.0.0.1").exists()
    ratelimit.reset("signin:10.0.0.1")
    assert ratelimit.hit("signin:10.0.0.1", limit=2, window_seconds=60).allowed
