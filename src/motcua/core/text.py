# SPDX-License-Identifier: AGPL-3.0-or-later
"""Vietnamese text helpers: NFC normalisation and accent folding for search.

``fold_vi`` folds đ/Đ to d as well, which SQLite FTS5 ``remove_diacritics`` and PostgreSQL
``unaccent`` at index time cannot (ARCHITECTURE.md §1.5).
"""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    """Return ``value`` NFC-normalised with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", value).strip()


def fold_vi(value: str) -> str:
    """Fold Vietnamese text for accent-insensitive matching: "Đăng ký" -> "dang ky"."""
    value = value.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).casefold()
