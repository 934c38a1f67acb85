# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import World

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def citizen_world(world: World) -> World:
    return world
