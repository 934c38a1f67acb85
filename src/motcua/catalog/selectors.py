# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the procedure catalogue for the portal, the desk, the API and other domains.

Legal basis: Decree 118/2025/NĐ-CP (public TTHC lists); docs/DOMAIN.md rule 2: a dossier keeps
the version in force when it was received, which ``procedure_version_in_force`` resolves.
"In force on D": a published (or since retired) version with effective_from ≤ D and (no
effective_to or D ≤ effective_to); periods never overlap, so there is at most one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from motcua.agencies.models import Agency
from motcua.catalog.constants import ServiceMode, VersionStatus
from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
from motcua.core import clock
from motcua.search.selectors import search_object_ids
from motcua.units.models import UnitLevel

SEARCH_LIMIT = 1000


def version_in_force_q(day: dt.date, prefix: str = "") -> Q:
    """Q over ProcedureVersion (or a relation to it via ``prefix``) in force on ``day``."""
    p = prefix
    return (
        Q(**{f"{p}status__in": [VersionStatus.PUBLISHED, VersionStatus.RETIRED]})
        & Q(**{f"{p}effective_from__lte": day})
        & (Q(**{f"{p}effective_to__isnull": True}) | Q(**{f"{p}effective_to__gte": day}))
    )


def _in_force_exists(day: dt.date, **extra: object) -> Exists:
    return Exists(
        ProcedureVersion.objects.filter(version_in_force_q(day), procedure=OuterRef("pk"), **extra)
    )


def procedure_list(
    *,
    q: str = "",
    field: str = "",
    level: str = "",
    agency_kind: str = "",
    agency: Agency | None = None,
    service_mode: str = "",
    published_only: bool = False,
    on: dt.date | None = None,
) -> QuerySet[Procedure]:
    """Procedures filtered by field code, level code, competent agency kind (or the kind and
    level of ``agency``) and service mode of the version in force on ``on`` (today).

    ``published_only`` (the public catalogue) keeps procedures with a version in force. With
    ``q`` the result keeps the search rank order (accent-, case- and đ/d-insensitive search via
    ``motcua.search``); without it the order is by code.
    """
    day = on or clock.today()
    qs = Procedure.objects.select_related("field")
    if field:
        qs = qs.filter(field__code=field)
    if level:
        qs = qs.filter(levels__code=level)
    if agency is not None:
        qs = qs.filter(agency_kinds_key__contains=f"|{agency.kind}|")
        if agency.unit_id is not None:
            qs = qs.filter(levels__units__pk=agency.unit_id)
    if agency_kind:
        qs = qs.filter(agency_kinds_key__contains=f"|{agency_kind}|")
    if service_mode:
        qs = qs.filter(_in_force_exists(day, service_mode=service_mode))
    if published_only:
        qs = qs.filter(_in_force_exists(day))
    if q.strip():
        codes = search_object_ids(q, doc_type="procedure", limit=SEARCH_LIMIT)
        if not codes:
            return qs.none()
        rank = Case(
            *[When(code=code, then=Value(i)) for i, code in enumerate(codes)],
            output_field=IntegerField(),
        )
        return qs.filter(code__in=codes).annotate(search_rank=rank).order_by("search_rank")
    return qs.order_by("code")


def procedures_with_version_in_force(
    qs: QuerySet[Procedure], *, on: dt.date, parts: tuple[str, ...] = ("time_limits",)
) -> QuerySet[Procedure]:
    """``qs`` with its levels and, as ``procedure.in_force`` (a list of 0 or 1), the version in
    force on ``on`` with ``parts`` prefetched: what a list page or API list shows per row."""
    versions = ProcedureVersion.objects.filter(version_in_force_q(on)).prefetch_related(*parts)
    return qs.prefetch_related(
        "levels", Prefetch("versions", queryset=versions, to_attr="in_force")
    )


def procedure_get(*, code: str) -> Procedure | None:
    """The procedure with national ``code`` (field and levels loaded), or None."""
    return (
        Procedure.objects.select_related("field")
        .prefetch_related("levels")
        .filter(code=code)
        .first()
    )


def version_prefetched(qs: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    """``qs`` with every part loaded (detail pages, exports)."""
    return qs.select_related("procedure", "procedure__field").prefetch_related(
        "legal_bases",
        "cases",
        "documents",
        "fees",
        "time_limits",
        Prefetch("steps", queryset=ProcessStep.objects.select_related("agency")),
    )


def procedure_version_in_force(*, code: str, on: dt.date) -> ProcedureVersion | None:
    """The version of procedure ``code`` in force on ``on`` (dossiers pin it), parts loaded."""
    qs = ProcedureVersion.objects.filter(version_in_force_q(on), procedure__code=code)
    return version_prefetched(qs).order_by("-effective_from").first()


def version_list(*, procedure: Procedure) -> QuerySet[ProcedureVersion]:
    """All versions of ``procedure``, newest number first (desk history)."""
    return ProcedureVersion.objects.filter(procedure=procedure).order_by("-number")


def version_get(*, code: str, number: int) -> ProcedureVersion | None:
    qs = ProcedureVersion.objects.filter(procedure__code=code, number=number)
    return version_prefetched(qs).first()


def field_list() -> QuerySet[Field]:
    """Fields with their number of procedures (``procedure_count``), by name."""
    return Field.objects.annotate(procedure_count=Count("procedures")).order_by("name_vi")


def level_list() -> QuerySet[UnitLevel]:
    """Implementing levels used by at least one procedure, by rank."""
    return UnitLevel.objects.filter(procedures__isnull=False).distinct().order_by("rank")


@dataclass(frozen=True)
class StatRow:
    key: str
    label: str
    procedures: int
    full_online: int

    @property
    def full_online_share(self) -> float:
        """Share of procedures in force that are fully online (0.0–1.0; 0 when none)."""
        return self.full_online / self.procedures if self.procedures else 0.0


@dataclass(frozen=True)
class CatalogueStatistics:
    on: dt.date
    total: int
    full_online: int
    by_agency_kind: list[StatRow]
    by_field: list[StatRow]


def catalogue_statistics(*, on: dt.date | None = None) -> CatalogueStatistics:
    """Procedures in force on ``on`` (today) and how many are fully online (Decree 224/2026
    Art 19(2): share of full-online services), per competent agency kind and per field."""
    from motcua.agencies.models import AgencyKind

    day = on or clock.today()
    full = _in_force_exists(day, service_mode=ServiceMode.FULL_ONLINE)
    rows = list(
        Procedure.objects.filter(_in_force_exists(day))
        .annotate(full=full)
        .values_list("competent_agency_kinds", "field__code", "field__name_vi", "full")
    )
    kinds: dict[str, list[int]] = {}
    fields: dict[tuple[str, str], list[int]] = {}
    for agency_kinds, field_code, field_name, is_full in rows:
        for kind in agency_kinds or [""]:
            counts = kinds.setdefault(kind, [0, 0])
            counts[0] += 1
            counts[1] += bool(is_full)
        counts = fields.setdefault((field_code or "", field_name or ""), [0, 0])
        counts[0] += 1
        counts[1] += bool(is_full)
    labels = dict(AgencyKind.choices)
    by_kind = [
        StatRow(k, str(labels.get(k, k or "—")), c[0], c[1]) for k, c in sorted(kinds.items())
    ]
    by_field = [
        StatRow(k[0], k[1], c[0], c[1]) for k, c in sorted(fields.items(), key=lambda i: i[0][1])
    ]
    return CatalogueStatistics(
        on=day,
        total=len(rows),
        full_online=sum(bool(r[3]) for r in rows),
        by_agency_kind=by_kind,
        by_field=by_field,
    )
