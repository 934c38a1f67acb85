# SPDX-License-Identifier: AGPL-3.0-or-later
"""Read-only queries over other domains' rows for the statistics fold (never writes).

The fold reads a dossier's row and its history only up to the row's ``event_seq``: the row and
those events were committed together, so a fact is always consistent with one point of the
history even while new events are being written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q

from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent
from motcua.reports.facts import DocsIn, EventIn
from motcua.reports.models import DossierFact

ROW_FIELDS = (
    "id",
    "event_seq",
    "receiving_agency_id",
    "competent_agency_id",
    "channel",
    "received_at",
    "counting_from",
    "finished_at",
    "due_at",
    "outcome",
    "sla_class",
    "extended",
    "receipt_supplements",
    "appraisal_supplements",
    "time_limit_amount",
    "time_limit_unit",
)
FOLD_EVENTS = ("received", "extended", "supplement_requested", "supplement_received")


def dossier_rows(ids: Iterable[int]) -> list[dict[str, Any]]:
    return list(
        Dossier.objects.filter(pk__in=list(ids))
        .order_by()
        .values(
            *ROW_FIELDS,
            procedure_id=F("procedure_version__procedure_id"),
            paper_result_required=F("procedure_version__paper_result_required"),
        )
    )


def dossier_events(rows: list[dict[str, Any]]) -> dict[int, list[EventIn]]:
    """The fold-relevant events of each dossier with ``seq`` ≤ the row's ``event_seq``."""
    heads = {r["id"]: r["event_seq"] for r in rows}
    out: dict[int, list[EventIn]] = defaultdict(list)
    qs = (
        DossierEvent.objects.filter(dossier_id__in=list(heads), type__in=FOLD_EVENTS)
        .order_by("dossier_id", "seq")
        .values_list("dossier_id", "seq", "type", "occurred_at", "payload")
    )
    for dossier_id, seq, type_, occurred_at, payload in qs:
        if seq <= heads[dossier_id]:
            out[dossier_id].append(EventIn(type_, occurred_at, payload or {}))
    return out


def dossier_docs(ids: Iterable[int]) -> dict[int, DocsIn]:
    rows = (
        DossierDocument.objects.filter(dossier_id__in=list(ids))
        .order_by()
        .values("dossier_id")
        .annotate(
            submitted=Count("pk", filter=Q(kind__in=["submitted", "supplement"])),
            results=Count("pk", filter=Q(kind="result")),
            reused=Count("pk", filter=Q(reused_from_data_store=True)),
        )
    )
    return {r["dossier_id"]: DocsIn(r["submitted"], r["results"], r["reused"]) for r in rows}


def events_after(watermark: int, limit: int) -> list[tuple[int, int]]:
    """(event id, dossier id) of the next ``limit`` events after ``watermark``, by id."""
    return list(
        DossierEvent.objects.filter(pk__gt=watermark)
        .order_by("pk")
        .values_list("pk", "dossier_id")[:limit]
    )


def events_with_ids(ids: list[int]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for i in range(0, len(ids), 500):
        found += list(
            DossierEvent.objects.filter(pk__in=ids[i : i + 500]).values_list("pk", "dossier_id")
        )
    return found


def dossier_ids_stale() -> list[int]:
    """Dossiers whose fact is missing or behind their history (a full scan: recovery only)."""
    facts = dict(DossierFact.objects.values_list("dossier_id", "applied_seq"))
    return [
        pk
        for pk, seq in Dossier.objects.order_by().values_list("pk", "event_seq").iterator()
        if facts.get(pk) != seq
    ]


def dossier_id_batches(size: int) -> Iterable[list[int]]:
    last = 0
    while True:
        ids = list(
            Dossier.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]
