# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from motcua.dossiers.services.pinned import pinned_cache_clear
from motcua.workcal.selectors import snapshot_cache_clear


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    snapshot_cache_clear()
    pinned_cache_clear()
    with translation.override("en"):
        yield
    snapshot_cache_clear()
    pinned_cache_clear()
