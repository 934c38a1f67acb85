# SPDX-License-Identifier: AGPL-3.0-or-later
"""Import of the national procedure catalogue (``manage.py catalog_import``); docs/catalogue.md."""

from motcua.catalog.importer.load import (
    DEFAULT_CSV,
    DEFAULT_JSON,
    IMPORT_EFFECTIVE_FROM,
    ImportSummary,
    import_catalogue,
)

__all__ = [
    "DEFAULT_CSV",
    "DEFAULT_JSON",
    "IMPORT_EFFECTIVE_FROM",
    "ImportSummary",
    "import_catalogue",
]
