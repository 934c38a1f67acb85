# SPDX-License-Identifier: AGPL-3.0-or-later
"""Read-through caches of what a dossier pins: its rule set, its procedure version and the
version's parts (steps, time limits, papers, fees). A published version never changes (catalogue
rule) and rule sets change only by migration, so they are kept per process; the parts' key
includes ``updated_at`` so a reused primary key (tests) never hits a stale entry."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import (
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeLimit,
)
from motcua.dossiers.models import RuleSet

_SIZE = 256
_cache: OrderedDict[tuple[Any, ...], Parts] = OrderedDict()


@dataclass(frozen=True)
class Parts:
    steps: tuple[ProcessStep, ...]
    time_limits: tuple[TimeLimit, ...]
    documents: tuple[RequiredDocument, ...]
    fees_vnd: int


def parts_of(version: ProcedureVersion) -> Parts:
    key = (version.pk, version.updated_at)
    found = _cache.get(key)
    if found is not None:
        return found
    parts = Parts(
        steps=tuple(version.steps.select_related("agency").all()),
        time_limits=tuple(version.time_limits.all()),
        documents=tuple(version.documents.all()),
        fees_vnd=sum(f.amount_vnd or 0 for f in version.fees.all()),
    )
    if version.status == VersionStatus.PUBLISHED:
        _cache[key] = parts
        while len(_cache) > _SIZE:
            _cache.popitem(last=False)
    return parts


_rule_sets: dict[int, RuleSet] = {}
_versions: OrderedDict[int, ProcedureVersion] = OrderedDict()


def rule_set_get(pk: int) -> RuleSet:
    """A rule set by id (seeded, dated rows; changed only by a migration)."""
    found = _rule_sets.get(pk)
    if found is None:
        found = _rule_sets[pk] = RuleSet.objects.get(pk=pk)
    return found


def version_get(pk: int) -> ProcedureVersion:
    """A pinned procedure version with its procedure; published versions are kept per process."""
    found = _versions.get(pk)
    if found is None:
        found = ProcedureVersion.objects.select_related("procedure").get(pk=pk)
        if found.status == VersionStatus.PUBLISHED:
            _versions[pk] = found
            while len(_versions) > _SIZE:
                _versions.popitem(last=False)
    return found


def pinned_cache_clear() -> None:
    _cache.clear()
    _rule_sets.clear()
    _versions.clear()
    from motcua.dossiers.services._common import _RULE_SET_ON

    _RULE_SET_ON.clear()
