#!/usr/bin/env python
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Print the API's OpenAPI document; CI compares it with src/motcua/api/openapi.json.

python scripts/export_openapi.py > src/motcua/api/openapi.json
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def main() -> int:
    sys.path.insert(0, str(SRC))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
    import django

    django.setup()
    from motcua.api.app import api

    schema = api.get_openapi_schema()
    sys.stdout.write(json.dumps(schema, sort_keys=True, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
