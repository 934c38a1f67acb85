# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import pytest

from motcua.units.loader import LoadSummary, load_reference_units


@pytest.fixture
def loaded_units(db: None) -> LoadSummary:
    """The reference units, loaded into the test database."""
    return load_reference_units()
