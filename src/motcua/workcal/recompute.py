# SPDX-License-Identifier: AGPL-3.0-or-later
"""Registry of deadline providers: the apps that own open deadlines (dossier steps, supplement
limits, feedback limits, plan tasks) register here, and a calendar change asks each of them.

workcal sits below those apps (import-linter), so it cannot query them; they register a provider
in their ``AppConfig.ready()`` instead. A provider returns the open deadlines whose counting
window contains any date of the changed range, each with a callback that recomputes it through
``workcal.deadlines`` and records the change in its own history (e.g. ``DEADLINE_RECOMPUTED``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ChangedWindow:
    """The dates a calendar change touches; ``agency_id`` None means province-wide."""

    first_date: dt.date
    last_date: dt.date | None
    agency_id: int | None
    change_id: int


@dataclass(frozen=True)
class OpenDeadline:
    key: str  # stable and unique per provider, e.g. "dossier-step:1234"
    recompute: Callable[[ChangedWindow], object]


DeadlineProvider = Callable[[ChangedWindow], Iterable[OpenDeadline]]

_providers: dict[str, DeadlineProvider] = {}


def register_deadline_provider(name: str, provider: DeadlineProvider) -> None:
    """Register (or replace, so ``ready()`` running twice is harmless) a provider by name."""
    _providers[name] = provider


def unregister_deadline_provider(name: str) -> None:
    _providers.pop(name, None)


def deadline_providers() -> dict[str, DeadlineProvider]:
    return dict(_providers)
