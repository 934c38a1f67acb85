# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of dated administrative units. Every lookup by code carries a date (docs/DOMAIN.md §9).

A GSO code is reused across periods (80 was Long An until 30/06/2025 and is Tây Ninh from
01/07/2025), so a unit is (code, period). Nothing here assumes a number of levels: levels are
rows, and hierarchy walks follow ``parent`` until it is null.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from motcua.core.text import fold_vi
from motcua.units.models import AdministrativeUnit, UnitLevel, UnitSuccession


def unit_list(
    *,
    valid_on: dt.date | None = None,
    parent: AdministrativeUnit | None = None,
    level: UnitLevel | str | None = None,
    q: str | None = None,
) -> QuerySet[AdministrativeUnit]:
    """Units, optionally in force on ``valid_on``, under ``parent``, at ``level`` (row or code).

    ``q`` matches an accent-insensitive substring of the name ("tan ninh" finds "Phường Tân
    Ninh") or the start of the GSO code.
    """
    units = AdministrativeUnit.objects
    qs: QuerySet[AdministrativeUnit] = (
        units.valid_on(valid_on) if valid_on is not None else units.all()
    ).select_related("level", "parent")
    if parent is not None:
        qs = qs.filter(parent=parent)
    if isinstance(level, UnitLevel):
        qs = qs.filter(level=level)
    elif level:
        qs = qs.filter(level__code=level)
    if q and q.strip():
        term = q.strip()
        qs = qs.filter(Q(name_folded__contains=fold_vi(term)) | Q(code__startswith=term))
    return qs.order_by("level__rank", "code", "valid_from")


def unit_get(*, code: str, on: dt.date) -> AdministrativeUnit | None:
    """The unit with GSO ``code`` in force on ``on``, or None."""
    return (
        AdministrativeUnit.objects.select_related("level", "parent")
        .valid_on(on)
        .filter(code=code)
        .order_by("-valid_from")
        .first()
    )


def unit_children(
    *, unit: AdministrativeUnit, valid_on: dt.date | None = None
) -> QuerySet[AdministrativeUnit]:
    """Direct children of ``unit`` (in force on ``valid_on`` when given)."""
    return unit_list(valid_on=valid_on, parent=unit)


def unit_ancestors(*, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """``unit``'s parents, nearest first (commune -> [district ->] province)."""
    chain: list[AdministrativeUnit] = []
    seen = {unit.pk}
    current = unit.parent
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def unit_successors(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The units ``unit`` merged into (several when it was split: ``partial`` successions)."""
    return (
        AdministrativeUnit.objects.select_related("level", "parent")
        .filter(successions_in__predecessor=unit)
        .order_by("code")
        .distinct()
    )


def unit_predecessors(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The units merged (wholly or in part) into ``unit``."""
    return (
        AdministrativeUnit.objects.select_related("level", "parent")
        .filter(successions_out__successor=unit)
        .order_by("code")
        .distinct()
    )


def unit_successions(*, unit: AdministrativeUnit) -> QuerySet[UnitSuccession]:
    """The succession rows out of ``unit``, with ``partial`` and the source's note."""
    return UnitSuccession.objects.filter(predecessor=unit).select_related("successor")


def unit_resolve_current(*, unit: AdministrativeUnit, on: dt.date) -> list[AdministrativeUnit]:
    """The units in force on ``on`` that correspond to ``unit``.

    ``unit`` itself when it is in force on ``on`` (a historic dossier keeps its old unit).
    Otherwise, when ``on`` is after its period, the units reached by following successions
    (a new dossier uses the new units; a split commune gives several). When ``on`` is before
    its period, predecessors are followed instead. Returns [] when nothing is in force on
    ``on`` (e.g. an abolished district: the level has no successors).
    """
    if unit.is_valid_on(on):
        return [unit]
    forward = unit.valid_to is not None and on > unit.valid_to
    found: dict[int, AdministrativeUnit] = {}
    seen = {unit.pk}
    frontier = [unit]
    while frontier:
        nxt: list[AdministrativeUnit] = []
        for current in frontier:
            related = unit_successors(unit=current) if forward else unit_predecessors(unit=current)
            for candidate in related:
                if candidate.pk in seen:
                    continue
                seen.add(candidate.pk)
                if candidate.is_valid_on(on):
                    found[candidate.pk] = candidate
                else:
                    nxt.append(candidate)
        frontier = nxt
    return sorted(found.values(), key=lambda u: (u.code, u.valid_from))
