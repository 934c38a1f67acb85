# SPDX-License-Identifier: AGPL-3.0-or-later
"""``clock.travel``: the narrow run-time override used by demo seeding and benchmarks."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from motcua.core import clock


def test_travel_freezes_now_and_restores_it() -> None:
    moment = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    with clock.travel(moment):
        assert clock.now() == moment and clock.now().utcoffset() == dt.timedelta(hours=7)
        assert clock.today() == dt.date(2026, 3, 2)
        with clock.travel(moment + dt.timedelta(days=1)):
            assert clock.today() == dt.date(2026, 3, 3)
        assert clock.now() == moment
    assert clock.now().year >= 2026 and clock.now() != moment


def test_travel_is_local_to_the_thread_and_rejects_naive_moments() -> None:
    seen: list[dt.datetime] = []
    with clock.travel(dt.datetime(2020, 1, 1, tzinfo=clock.VN_TZ)):
        t = threading.Thread(target=lambda: seen.append(clock.now()))
        t.start()
        t.join()
    assert seen[0].year >= 2026
    with pytest.raises(ValueError, match="naive"), clock.travel(dt.datetime(2026, 1, 1)):  # noqa: DTZ001
        pass
