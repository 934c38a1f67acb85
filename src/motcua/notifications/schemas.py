# SPDX-License-Identifier: AGPL-3.0-or-later
"""Values other domains pass to ``services.notify_event``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

Recipient = tuple[int | None, str, str]  # (user id or None, channel, address)


@dataclass(frozen=True)
class Localized:
    """A context value in both languages: renders in the recipient's language."""

    vi: str
    en: str = ""

    def __str__(self) -> str:
        if (translation.get_language() or "vi").startswith("en") and self.en:
            return self.en
        return self.vi
