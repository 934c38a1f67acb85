# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures shared by every app's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# The dossier test world (calendar + world fixtures), shared by every app's tests.
pytest_plugins = ["motcua.dossiers.tests.fixtures"]

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"


@pytest.fixture
def reference_data_dir() -> Path:
    """The workplace's reference data (../shared/data); skipped clearly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference data not present at {SHARED_DATA} (only in the project workspace)")
    return SHARED_DATA
