# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier test world as a pytest plugin (registered in the root conftest.py), so every
app's tests — dossiers, desk, api, feedback, reports — build it the same way.

``calendar`` seeds the working days of 2025–2027; ``world`` (dossiers.tests.factories) adds the
agencies, staff, applicant and a published procedure version, with media in a temporary folder
and the per-process calendar and procedure caches cleared around the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from motcua.dossiers.models import RuleSet
from motcua.dossiers.services.pinned import pinned_cache_clear
from motcua.dossiers.tests.factories import World, build_world
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import snapshot_cache_clear


@pytest.fixture
def calendar(db: None) -> None:
    calendar_seed_from_library(years=[2025, 2026, 2027])


@pytest.fixture
def world(calendar: None, tmp_path: Any, settings: Any) -> Iterator[World]:
    settings.MEDIA_ROOT = str(tmp_path)
    snapshot_cache_clear()
    pinned_cache_clear()
    yield build_world()
    snapshot_cache_clear()
    pinned_cache_clear()


def rule_sets_ensure() -> None:
    """Re-create the rule sets seeded by migration 0002 when an earlier transactional test's
    flush removed them (pytest-django runs transactional tests last, one after another)."""
    if RuleSet.objects.exists():
        return
    import importlib

    seed = importlib.import_module("motcua.dossiers.migrations.0002_rule_sets")
    for values in seed.RULE_SETS:
        RuleSet.objects.create(**values)
