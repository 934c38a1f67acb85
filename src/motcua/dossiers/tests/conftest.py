# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from motcua.dossiers.services.pinned import pinned_cache_clear
from motcua.dossiers.tests.factories import World, build_world
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import snapshot_cache_clear


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    snapshot_cache_clear()
    pinned_cache_clear()
    with translation.override("en"):
        yield
    snapshot_cache_clear()
    pinned_cache_clear()


@pytest.fixture
def calendar(db: None) -> None:
    calendar_seed_from_library(years=[2025, 2026, 2027])


@pytest.fixture
def world(calendar: None, tmp_path: object, settings: object) -> World:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    return build_world()
