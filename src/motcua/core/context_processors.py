# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Expose the few site-wide flags templates need (demo banner)."""
    return {"DEMO_MODE": getattr(settings, "DEMO_MODE", False)}
