# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from motcua.dossiers.services.pinned import pinned_cache_clear
from motcua.dossiers.tests.factories import World, at
from motcua.reports.services import aggregates_refresh
from motcua.reports.tests import lifecycles as lc
from motcua.workcal.selectors import snapshot_cache_clear


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    snapshot_cache_clear()
    pinned_cache_clear()
    with translation.override("en"):
        yield
    snapshot_cache_clear()
    pinned_cache_clear()


@pytest.fixture
def history(world: World) -> World:
    w = world
    d1 = lc.receive(w, at(2026, 2, 25, 9))  # carried over, finished early in March
    lc.finish(w, d1, at(2026, 3, 3, 9))
    d2 = lc.receive(w, at(2026, 3, 2, 9), "online")  # online, early
    lc.finish(w, d2, at(2026, 3, 4, 9))
    d3 = lc.receive(w, at(2026, 3, 2, 10))  # late
    lc.finish(w, d3, at(2026, 3, 20, 9))
    lc.receive(w, at(2026, 3, 9, 9), "postal")  # open, overdue at the end of March
    lc.receive(w, at(2026, 3, 25, 9))  # open, within time
    d6 = lc.receive(w, at(2026, 3, 10, 9))  # withdrawn → col 9
    lc.withdraw(w, d6, at(2026, 3, 12, 9))
    d7 = lc.receive(w, at(2026, 3, 16, 9), "online")  # waiting for a supplement → col 9
    lc.supplement(w, d7, at(2026, 3, 18, 9), None)
    lc.receive(w, at(2026, 4, 2, 9))  # next period
    d9 = lc.receive(w, at(2026, 2, 26, 9))  # finished before March: not carried over
    lc.finish(w, d9, at(2026, 2, 27, 9))
    aggregates_refresh()
    return w
