# SPDX-License-Identifier: AGPL-3.0-or-later
"""JSON that keeps Vietnamese readable: "Tây Ninh", not "T\\u00e2y Ninh" (ARCHITECTURE.md §1.1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ninja.renderers import JSONRenderer


class UnicodeJSONRenderer(JSONRenderer):
    charset = "utf-8"
    # Escaping makes Vietnamese text about 1.5 times larger and unreadable in logs and curl.
    json_dumps_params: Mapping[str, Any] = {"ensure_ascii": False}
