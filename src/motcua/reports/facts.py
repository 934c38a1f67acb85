# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure logic: from a dossier's row and history to its fact, and from a fact to counter deltas.

No database access here. Definitions (docs/reports.md; docs/DOMAIN.md rule 17, §2, §4):

* received = the dossier has a receipt moment (refused or withdrawn before receipt: not counted);
  online = channel ``online``; in person/postal = ``direct``, ``postal``, ``kiosk``.
* finished = processing finished (result ready, refusal after appraisal, stop, cancel); the class
  is that of the deadline engine (``workcal.deadlines.classify``: early = before the appointment
  day, on time = by the appointment, late = after); stopped/withdrawn/cancelled count as
  "on time" in II.06a col 9 (the form's note) and are kept apart as ``stopped``.
* waiting for a supplement (appraisal stage) from the request day to the receipt day.
* overdue (open) from the day after the appointment day until finished, except while waiting.
* Decision 766 (2.1): deadline = appointment at receipt (or the one legal re-appointment after an
  apology), plus the supplement time already completed; more than one supplement request ⇒ late;
  a dossier waiting on its single request is timed at the request.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from motcua.core.clock import VN_TZ

Interval = tuple[dt.date, dt.date | None]
BUCKET_MINUTES = 240  # half a working day
MAX_BUCKET = 400


def day_of(moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(VN_TZ).date() if moment is not None else None


def _parse(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


@dataclass
class Fact:
    dossier_id: int
    applied_seq: int
    recv_agency_id: int
    agency_id: int
    procedure_id: int
    channel: str
    received_day: dt.date | None = None
    finished_day: dt.date | None = None
    due_day: dt.date | None = None
    cls: str = ""
    fin766_ok: bool = False
    l766_day: dt.date | None = None
    waits: list[Interval] = field(default_factory=list)
    overs: list[Interval] = field(default_factory=list)
    dur_minutes: int | None = None
    limit_minutes: int | None = None
    supplements: int = 0
    extended: bool = False
    flags: dict[str, bool] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.recv_agency_id, self.agency_id, self.procedure_id)


@dataclass(frozen=True)
class EventIn:
    type: str
    occurred_at: dt.datetime
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class DocsIn:
    submitted: int = 0
    results: int = 0
    reused: int = 0


def classify_finished(finished_at: dt.datetime, due_at: dt.datetime | None) -> str:
    """The engine's rule (``workcal.deadlines.classify``) without a calendar."""
    if due_at is None:
        return "on_time"
    done, due = finished_at.astimezone(VN_TZ), due_at.astimezone(VN_TZ)
    if done.date() < due.date():
        return "early"
    return "on_time" if done <= due else "late"


def subtract(span: Interval, holes: Iterable[Interval]) -> list[Interval]:
    """``span`` minus the ``holes`` (half-open day intervals; None = still open)."""
    far = dt.date.max
    pieces = [(span[0], span[1] or far)]
    for h0, h1 in holes:
        h1x = h1 or far
        nxt = []
        for a, b in pieces:
            if h1x <= a or h0 >= b:
                nxt.append((a, b))
                continue
            if a < h0:
                nxt.append((a, h0))
            if h1x < b:
                nxt.append((h1x, b))
        pieces = nxt
    return [(a, None if b == far else b) for a, b in pieces if a < b]


def limit_minutes(amount: Any, unit: str) -> int | None:
    if amount is None:
        return None
    if unit == "working_day":
        return int(float(amount) * 480)
    if unit == "working_hour":
        return int(float(amount) * 60)
    return None


def build_fact(
    row: Mapping[str, Any],
    events: list[EventIn],
    docs: DocsIn,
    *,
    paper_result_required: bool,
    working_minutes: Callable[[dt.datetime, dt.datetime], int],
) -> Fact:
    """The fact of one dossier. ``row``: the dossier's columns (``values()`` names, with
    ``procedure_id``); ``events``: its history up to ``row['event_seq']``, in order."""
    f = Fact(
        dossier_id=row["id"],
        applied_seq=row["event_seq"],
        recv_agency_id=row["receiving_agency_id"],
        agency_id=row["competent_agency_id"],
        procedure_id=row["procedure_id"],
        channel=row["channel"],
    )
    received_at: dt.datetime | None = row["received_at"]
    if received_at is None:
        return f
    f.received_day = day_of(received_at)
    finished_at: dt.datetime | None = row["finished_at"]
    due_at: dt.datetime | None = row["due_at"]
    f.due_day = day_of(due_at)
    f.finished_day = day_of(finished_at)
    f.extended = bool(row["extended"])
    f.supplements = int(row["receipt_supplements"]) + int(row["appraisal_supplements"])
    deadline: dt.datetime | None = None
    requests: list[dt.datetime] = []
    spans: list[tuple[dt.datetime, dt.datetime | None]] = []
    for e in events:
        if e.type == "received":
            deadline = _parse(e.payload.get("due_at"))
        elif e.type == "extended":
            deadline = _parse(e.payload.get("due_at")) or deadline
        elif e.type == "supplement_requested":
            requests.append(e.occurred_at)
            spans.append((e.occurred_at, None))
        elif e.type == "supplement_received" and spans and spans[-1][1] is None:
            spans[-1] = (spans[-1][0], e.occurred_at)
    open_wait = spans[-1][0] if spans and spans[-1][1] is None else None
    closed = [(a, b) for a, b in spans if b is not None]
    day_spans = [(a, b if b is not None else finished_at) for a, b in spans]
    f.waits = [
        (day_of(a), day_of(b))  # type: ignore[misc]
        for a, b in day_spans
        if day_of(a) != day_of(b)
    ]
    if finished_at is not None:
        outcome = row["outcome"]
        if outcome in ("stopped", "cancelled"):
            f.cls = "stopped"
        else:
            f.cls = row["sla_class"] or classify_finished(finished_at, due_at)
    if f.due_day is not None:
        start = f.due_day + dt.timedelta(days=1)
        f.overs = subtract((start, f.finished_day), f.waits)
    # Decision 766, indicator 2.1.
    if f.supplements > 1:
        f.fin766_ok, f.l766_day = False, f.received_day
    elif deadline is None:
        f.fin766_ok = finished_at is not None
    else:
        eff = deadline + sum(((b - a) for a, b in closed), dt.timedelta())
        end = open_wait if open_wait is not None else finished_at
        if finished_at is not None:
            f.fin766_ok = end is not None and end <= eff
            f.l766_day = None if f.fin766_ok else day_of(eff)
        elif open_wait is not None and open_wait <= eff:
            f.l766_day = None
        else:
            f.l766_day = day_of(eff)
    # Working duration (receipt → finish, supplement waits excluded) against the legal limit.
    f.limit_minutes = limit_minutes(row["time_limit_amount"], row["time_limit_unit"] or "")
    if finished_at is not None:
        start_at = row["counting_from"] or received_at
        minutes = working_minutes(start_at, finished_at)
        for a, b in day_spans:
            if b is not None:
                minutes -= working_minutes(a, b)
        f.dur_minutes = max(0, minutes)
    result_file = docs.results > 0
    f.flags = {
        "online_full": row["channel"] == "online" and (not paper_result_required or result_file),
        "paper_req": paper_result_required,
        "result_file": paper_result_required and result_file,
        "attach_result": docs.submitted > 0 and result_file,
        "reused": docs.reused > 0,
    }
    return f


Deltas = dict[dt.date, dict[str, int]]


def contributions(f: Fact) -> tuple[Deltas, dict[tuple[dt.date, int], int]]:
    """Counter deltas by day (and duration buckets by finish day) that ``f`` adds."""
    out: Deltas = defaultdict(lambda: defaultdict(int))
    buckets: dict[tuple[dt.date, int], int] = {}
    if f.received_day is None:
        return {}, {}
    r = out[f.received_day]
    r["recv_online" if f.channel == "online" else "recv_counter"] += 1
    for name, on in f.flags.items():
        if on:
            r[name] += 1
    if f.finished_day is not None:
        fin = out[f.finished_day]
        fin[
            {"early": "fin_early", "late": "fin_late", "stopped": "fin_stopped"}.get(
                f.cls, "fin_ontime"
            )
        ] += 1
        if f.fin766_ok:
            fin["fin766_ok"] += 1
        if f.dur_minutes is not None and f.cls != "stopped":
            fin["dur_n"] += 1
            fin["dur_minutes"] += f.dur_minutes
            if f.limit_minutes is not None and f.dur_minutes > f.limit_minutes:
                fin["dur_over"] += 1
            bucket = min(MAX_BUCKET, -(-f.dur_minutes // BUCKET_MINUTES))
            buckets[(f.finished_day, bucket)] = 1
    for prefix, spans in (("over", f.overs), ("wait", f.waits)):
        for a, b in spans:
            out[a][f"{prefix}_in"] += 1
            if b is not None:
                out[b][f"{prefix}_out"] += 1
    if f.l766_day is not None and (f.finished_day is None or f.l766_day < f.finished_day):
        out[f.l766_day]["l766_in"] += 1
        if f.finished_day is not None:
            out[f.finished_day]["l766_out"] += 1
    return {d: dict(c) for d, c in out.items()}, buckets


def block_starts(day: dt.date) -> tuple[tuple[int, dt.date], ...]:
    """The three grains a day belongs to: (0, day), (1, first of month), (2, first of year)."""
    return ((0, day), (1, day.replace(day=1)), (2, day.replace(month=1, day=1)))


def to_json(f: Fact) -> dict[str, Any]:
    """Model field values of a fact (intervals as ISO strings)."""

    def spans(values: list[Interval]) -> list[list[str | None]]:
        return [[a.isoformat(), b.isoformat() if b else None] for a, b in values]

    return {
        "applied_seq": f.applied_seq,
        "recv_agency_id": f.recv_agency_id,
        "agency_id": f.agency_id,
        "procedure_id": f.procedure_id,
        "channel": f.channel,
        "received_day": f.received_day,
        "finished_day": f.finished_day,
        "due_day": f.due_day,
        "cls": f.cls,
        "fin766_ok": f.fin766_ok,
        "l766_day": f.l766_day,
        "waits": spans(f.waits),
        "overs": spans(f.overs),
        "dur_minutes": f.dur_minutes,
        "limit_minutes": f.limit_minutes,
        "supplements": f.supplements,
        "extended": f.extended,
        "flags": f.flags,
    }


def from_model(m: Any) -> Fact:
    """A Fact back from a stored ``DossierFact`` (to subtract its old contributions)."""

    def spans(values: list[list[str | None]]) -> list[Interval]:
        return [
            (dt.date.fromisoformat(str(a)), dt.date.fromisoformat(b) if b else None)
            for a, b in values
        ]

    return Fact(
        dossier_id=m.dossier_id,
        applied_seq=m.applied_seq,
        recv_agency_id=m.recv_agency_id,
        agency_id=m.agency_id,
        procedure_id=m.procedure_id,
        channel=m.channel,
        received_day=m.received_day,
        finished_day=m.finished_day,
        due_day=m.due_day,
        cls=m.cls,
        fin766_ok=m.fin766_ok,
        l766_day=m.l766_day,
        waits=spans(m.waits),
        overs=spans(m.overs),
        dur_minutes=m.dur_minutes,
        limit_minutes=m.limit_minutes,
        supplements=m.supplements,
        extended=m.extended,
        flags=dict(m.flags),
    )
