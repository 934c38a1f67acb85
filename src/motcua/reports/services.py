# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of the statistics store: the incremental refresh and the full recomputation.

``aggregates_refresh`` folds new dossier events into facts and aggregate rows. It follows the
event ids with a watermark; because ids can commit out of order on PostgreSQL (a transaction that
took id 10 may commit after the one that took id 11), every id skipped below the highest id seen
is remembered as a *hole* and looked up again on each run until it appears (or, after
``HOLE_TTL`` seconds, is taken for a rolled-back transaction). A dossier is re-folded from its
row and history only when its ``event_seq`` differs from the fact's ``applied_seq``, so seeing an
event twice is harmless. ``aggregates_recompute`` rebuilds everything from the dossier rows and
their event histories and reports (or repairs) the differences.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.reports import selectors as sel
from motcua.reports.facts import Fact, block_starts, build_fact, contributions, from_model, to_json
from motcua.reports.models import COUNTERS, DossierFact, DurationRow, RefreshState, StatRow
from motcua.workcal.deadlines import working_time_between
from motcua.workcal.selectors import calendar_snapshot

HOLE_TTL = 3600
MAX_HOLES = 20000
StatKey = tuple[int, dt.date, int, int, int]
DurKey = tuple[int, dt.date, int, int, int, int]


@dataclass
class RefreshResult:
    folded: int = 0
    events: int = 0
    holes: int = 0
    seconds: float = 0.0


class _Minutes:
    """Working minutes between two moments on the receiving agency's calendar (cached)."""

    def __init__(self) -> None:
        self.cals: dict[int, Any] = {}

    def of(self, agency_id: int) -> Any:
        cal = self.cals.get(agency_id)
        if cal is None:
            cal = self.cals[agency_id] = calendar_snapshot(agency=Agency.objects.get(pk=agency_id))
        return cal

    def fn(self, agency_id: int) -> Any:
        def minutes(a: dt.datetime, b: dt.datetime) -> int:
            try:
                return int(working_time_between(self.of(agency_id), a, b).total_seconds() // 60)
            except Exception:  # outside the loaded calendar years: fall back to clock time
                return int((b - a).total_seconds() // 60)

        return minutes


def facts_build(
    ids: Iterable[int], minutes: _Minutes, only_stale: dict[int, int] | None
) -> list[Fact]:
    rows = sel.dossier_rows(ids)
    if only_stale is not None:
        rows = [r for r in rows if only_stale.get(r["id"]) != r["event_seq"]]
    if not rows:
        return []
    events = sel.dossier_events(rows)
    docs = sel.dossier_docs([r["id"] for r in rows])
    from motcua.reports.facts import DocsIn

    return [
        build_fact(
            r,
            events.get(r["id"], []),
            docs.get(r["id"], DocsIn()),
            paper_result_required=bool(r["paper_result_required"]),
            working_minutes=minutes.fn(r["receiving_agency_id"]),
        )
        for r in rows
    ]


def accumulate(
    f: Fact, sign: int, stats: dict[StatKey, dict[str, int]], durs: dict[DurKey, int]
) -> None:
    deltas, buckets = contributions(f)
    ra, ag, pr = f.key
    for day, counters in deltas.items():
        for g, start in block_starts(day):
            target = stats[(g, start, ra, ag, pr)]
            for name, n in counters.items():
                target[name] = target.get(name, 0) + sign * n
    for (day, bucket), n in buckets.items():
        for g, start in block_starts(day):
            key = (g, start, ra, ag, pr, bucket)
            durs[key] = durs.get(key, 0) + sign * n


def _upsert(
    table: str, keys: tuple[str, ...], cols: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    q = connection.ops.quote_name
    names = ", ".join(q(c) for c in (*keys, *cols))
    sets = ", ".join(f"{q(c)} = {q(table)}.{q(c)} + excluded.{q(c)}" for c in cols)
    width = len(keys) + len(cols)
    one = "(" + ", ".join(["%s"] * width) + ")"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 400):
            chunk = rows[i : i + 400]
            sql = (
                f"INSERT INTO {q(table)} ({names}) VALUES {', '.join([one] * len(chunk))} "  # noqa: S608
                f"ON CONFLICT ({', '.join(q(k) for k in keys)}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [v for row in chunk for v in row])


STAT_KEYS = ("g", "day", "recv_agency_id", "agency_id", "procedure_id")


def stats_apply(stats: dict[StatKey, dict[str, int]], durs: dict[DurKey, int]) -> None:
    rows = [
        (*key, *(c.get(name, 0) for name in COUNTERS))
        for key, c in stats.items()
        if any(c.values())
    ]
    _upsert(StatRow._meta.db_table, STAT_KEYS, COUNTERS, rows)
    drows = [(*key, n) for key, n in durs.items() if n]
    _upsert(DurationRow._meta.db_table, (*STAT_KEYS, "bucket"), ("n",), drows)


FACT_FIELDS = tuple(k for k in to_json(Fact(0, 0, 0, 0, 0, "")) if k != "dossier_id")


def facts_save(facts: list[Fact]) -> None:
    """Insert or replace the facts (raw upsert: the ORM's bulk path costs ~3× more CPU)."""
    if not facts:
        return
    q = connection.ops.quote_name
    fields = [DossierFact._meta.get_field("dossier"), *(_fact_field(n) for n in FACT_FIELDS)]
    cols = [f.column for f in fields]
    adapt = [_adapter(f) for f in fields]
    table = q(DossierFact._meta.db_table)
    one = "(" + ", ".join(["%s"] * len(cols)) + ")"
    sets = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in cols[1:])
    rows = [(f.dossier_id, *to_json(f).values()) for f in facts]
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 200):
            chunk = rows[i : i + 200]
            sql = (
                f"INSERT INTO {table} ({', '.join(q(c) for c in cols)}) "  # noqa: S608
                f"VALUES {', '.join([one] * len(chunk))} "
                f"ON CONFLICT ({q(cols[0])}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [a(v) for row in chunk for a, v in zip(adapt, row, strict=True)])


def _fact_field(name: str) -> Any:
    return DossierFact._meta.get_field(name.removesuffix("_id"))


def _adapter(field: Any) -> Any:
    from django.db import models

    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda v: ops.adapt_json_value(v, None)
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return lambda v: v


def fold(ids: set[int], minutes: _Minutes) -> int:
    """Re-fold the dossiers ``ids`` whose fact is behind; returns how many were folded."""
    folded = 0
    id_list = sorted(ids)
    for i in range(0, len(id_list), 1000):
        chunk = id_list[i : i + 1000]
        old = {m.dossier_id: m for m in DossierFact.objects.filter(dossier_id__in=chunk)}
        seqs = {pk: m.applied_seq for pk, m in old.items()}
        facts = facts_build(chunk, minutes, only_stale=seqs)
        if not facts:
            continue
        stats: dict[StatKey, dict[str, int]] = defaultdict(dict)
        durs: dict[DurKey, int] = {}
        for f in facts:
            previous = old.get(f.dossier_id)
            if previous is not None:
                accumulate(from_model(previous), -1, stats, durs)
            accumulate(f, 1, stats, durs)
        stats_apply(stats, durs)
        facts_save(facts)
        folded += len(facts)
    return folded


def _state() -> RefreshState:
    RefreshState.objects.get_or_create(pk=1)
    return RefreshState.objects.select_for_update().get(pk=1)


def aggregates_refresh(*, page_size: int = 20000, hole_ttl: int = HOLE_TTL) -> RefreshResult:
    """Fold every dossier event committed since the last run (see module docstring)."""
    started = time.perf_counter()
    result = RefreshResult()
    minutes = _Minutes()
    now = int(clock.now().timestamp())
    with transaction.atomic():
        state = _state()
        if state.holes:
            hole_ids = [int(h[0]) for h in state.holes]
            found = sel.events_with_ids(hole_ids)
            result.folded += fold({d for _, d in found}, minutes)
            seen = {e for e, _ in found}
            state.holes = [h for h in state.holes if h[0] not in seen and now - h[1] < hole_ttl]
            state.save(update_fields=["holes"])
    while True:
        with transaction.atomic():
            state = _state()
            page = sel.events_after(state.watermark, page_size)
            if not page:
                break
            ids = [e for e, _ in page]
            present = set(ids)
            low = state.watermark + 1 if state.watermark else ids[0]  # fresh: from the first id
            gaps = [i for i in range(low, ids[-1]) if i not in present]
            if len(state.holes) + len(gaps) <= MAX_HOLES:
                state.holes = [*state.holes, *([g, now] for g in gaps)]
            result.events += len(page)
            result.folded += fold({d for _, d in page}, minutes)
            state.watermark = ids[-1]
            state.last_run_at = clock.now()
            state.last_folded = result.folded
            state.save()
        if len(page) < page_size:
            break
    result.holes = len(RefreshState.objects.get(pk=1).holes)
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class Comparison:
    facts_checked: int = 0
    fact_differences: list[str] = field(default_factory=list)
    row_differences: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.fact_differences and not self.row_differences


def _stored_stats() -> tuple[dict[StatKey, dict[str, int]], dict[DurKey, int]]:
    stats = {}
    for r in StatRow.objects.order_by().values(*STAT_KEYS, *COUNTERS).iterator():
        counters = {n: r[n] for n in COUNTERS if r[n]}
        if counters:
            stats[tuple(r[k] for k in STAT_KEYS)] = counters
    durs = {
        tuple(r[:-1]): r[-1]
        for r in DurationRow.objects.order_by().values_list(*STAT_KEYS, "bucket", "n").iterator()
        if r[-1]
    }
    return stats, durs


def aggregates_recompute(*, write: bool = False, limit_report: int = 20) -> Comparison:
    """Rebuild facts and aggregates from the dossier rows and their event histories; compare
    with the stored ones; with ``write`` replace the stored ones by the recomputation."""
    minutes = _Minutes()
    cmp = Comparison()
    stats: dict[StatKey, dict[str, int]] = defaultdict(dict)
    durs: dict[DurKey, int] = {}
    all_facts: list[Fact] = []
    with transaction.atomic():
        if write:
            _state()  # serialise with the refresh
        for ids in sel.dossier_id_batches(2000):
            facts = facts_build(ids, minutes, only_stale=None)
            stored = {m.dossier_id: m for m in DossierFact.objects.filter(dossier_id__in=ids)}
            for f in facts:
                cmp.facts_checked += 1
                accumulate(f, 1, stats, durs)
                m = stored.get(f.dossier_id)
                if m is None or to_json(from_model(m)) != to_json(f):
                    if len(cmp.fact_differences) < limit_report:
                        cmp.fact_differences.append(f"dossier {f.dossier_id}: fact differs")
                    elif not cmp.fact_differences[-1].startswith("…"):
                        cmp.fact_differences.append("…")
                if write:
                    all_facts.append(f)
        fresh = {k: {n: v for n, v in c.items() if v} for k, c in stats.items()}
        fresh = {k: c for k, c in fresh.items() if c}
        fresh_d = {k: n for k, n in durs.items() if n}
        have, have_d = _stored_stats()
        for key in sorted(set(fresh) | set(have), key=str):
            if fresh.get(key, {}) != have.get(key, {}):
                cmp.row_differences.append(
                    f"row {key}: stored {have.get(key, {})} recomputed {fresh.get(key, {})}"
                )
        for dkey in sorted(set(fresh_d) | set(have_d), key=str):
            if fresh_d.get(dkey, 0) != have_d.get(dkey, 0):
                cmp.row_differences.append(
                    f"duration {dkey}: {have_d.get(dkey)} ≠ {fresh_d.get(dkey)}"
                )
        cmp.row_differences = cmp.row_differences[:limit_report]
        if write:
            DossierFact.objects.all().delete()
            StatRow.objects.all().delete()
            DurationRow.objects.all().delete()
            for i in range(0, len(all_facts), 2000):
                facts_save(all_facts[i : i + 2000])
            stats_apply(stats, durs)
    return cmp
