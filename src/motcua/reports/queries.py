# SPDX-License-Identifier: AGPL-3.0-or-later
"""Report II.06a and the shared sums, answered from the aggregate rows only.

For a period [A, B] and the state day D = min(B, today) (docs/reports.md):

* col 4/5 = received online / in person, by post or kiosk in [A, B]; col 6 = carried over =
  received before A and not finished before A; col 3 = 4 + 5 + 6;
* col 8/10 = finished early/late in [A, B]; col 9 = finished on time + stopped/withdrawn in
  [A, B] + open but waiting for a supplement at the end of D (the form's note); col 7 = 8+9+10;
* col 11 = open at the end of D, not waiting; col 13 = of those, past the appointment day;
  col 12 = 11 − 13. Identity: col 3 = col 7 + col 11.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min, Q, Sum

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.reports.models import COUNTERS, StatRow
from motcua.reports.periods import EPOCH, Period, blocks_q

GROUPINGS = ("agency", "field", "procedure")
COLUMNS = tuple(range(3, 14))


def data_start() -> dt.date | None:
    found: dt.date | None = StatRow.objects.filter(g=2).aggregate(m=Min("day"))["m"]
    if found is None:
        return None
    first: dt.date | None = StatRow.objects.filter(
        g=0, day__gte=found, day__lt=found.replace(year=found.year + 1)
    ).aggregate(m=Min("day"))["m"]
    return first


def scope_filter(agency_ids: Iterable[int]) -> Q:
    ids = list(agency_ids)
    return Q(agency_id__in=ids) | Q(recv_agency_id__in=ids)


def sums(
    base: Q, start: dt.date, end: dt.date, group: str | None, names: Iterable[str] = COUNTERS
) -> dict[Any, dict[str, int]]:
    """Counter sums over the days [start, end] per ``group`` column (None: one total)."""
    if end < start:
        return {}
    qs = StatRow.objects.filter(base & blocks_q(start, end)).order_by()
    agg = {n: Sum(n) for n in names}
    if group is None:
        row = qs.aggregate(**agg)
        return {None: {n: int(row[n] or 0) for n in names}}
    return {r[group]: {n: int(r[n] or 0) for n in names} for r in qs.values(group).annotate(**agg)}


@dataclass
class Line:
    key: Any
    label: str
    cols: dict[int, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)


@dataclass
class Report:
    period: Period
    unit: Agency
    grouping: str
    lines: list[Line]
    total: Line
    state_day: dt.date


PERIOD_NAMES = (
    "recv_online",
    "recv_counter",
    "fin_early",
    "fin_ontime",
    "fin_late",
    "fin_stopped",
    "fin766_ok",
    "online_full",
    "paper_req",
    "result_file",
    "attach_result",
    "reused",
    "dur_n",
    "dur_minutes",
    "dur_over",
)
STATE_NAMES = (
    "recv_online",
    "recv_counter",
    "fin_early",
    "fin_ontime",
    "fin_late",
    "fin_stopped",
    "over_in",
    "over_out",
    "wait_in",
    "wait_out",
    "l766_in",
    "l766_out",
)


def _fin(c: dict[str, int]) -> int:
    return c["fin_early"] + c["fin_ontime"] + c["fin_late"] + c["fin_stopped"]


def figures(p: dict[str, int], before: dict[str, int], state: dict[str, int]) -> Line:
    """The 13 columns (3–13) and the extra sums of one line from the three sums."""
    recv_before = before.get("recv_online", 0) + before.get("recv_counter", 0)
    carried = recv_before - (_fin(before) if before else 0)
    open_d = state["recv_online"] + state["recv_counter"] - _fin(state)
    waiting = state["wait_in"] - state["wait_out"]
    overdue = state["over_in"] - state["over_out"]
    c = {
        4: p["recv_online"],
        5: p["recv_counter"],
        6: carried,
        8: p["fin_early"],
        9: p["fin_ontime"] + p["fin_stopped"] + waiting,
        10: p["fin_late"],
        11: open_d - waiting,
        13: overdue,
    }
    c[3], c[7], c[12] = c[4] + c[5] + c[6], c[8] + c[9] + c[10], c[11] - c[13]
    extra = dict(p)
    extra.update(open=open_d, late766_open=state["l766_in"] - state["l766_out"])
    return Line(None, "", dict(sorted(c.items())), extra)


_ZERO_P = dict.fromkeys(PERIOD_NAMES, 0)
_ZERO_S = dict.fromkeys(STATE_NAMES, 0)


def lines_for(base: Q, period: Period, group: str | None) -> dict[Any, Line]:
    state_day = period.state_day
    p = sums(base, period.start, period.end, group, PERIOD_NAMES)
    before = sums(base, EPOCH, period.start - dt.timedelta(days=1), group, STATE_NAMES[:6])
    state = sums(base, EPOCH, state_day, group, STATE_NAMES)
    out: dict[Any, Line] = {}
    for key in set(p) | set(state):
        line = figures(p.get(key, _ZERO_P), before.get(key, {}), state.get(key, _ZERO_S))
        if any(line.cols.values()):
            line.key = key
            out[key] = line
    return out


def ii06a(
    *,
    unit: Agency,
    agency_ids: list[int],
    period: Period,
    grouping: str = "agency",
    agency_id: int | None = None,
    field_id: int | None = None,
    procedure_id: int | None = None,
) -> Report:
    """Report II.06a for ``unit`` (rows already limited to ``agency_ids``, its subtree in scope),
    one line per competent agency, field or procedure, and the total line."""
    base = scope_filter(agency_ids)
    if agency_id is not None:
        base &= Q(agency_id=agency_id)
    if procedure_id is not None:
        base &= Q(procedure_id=procedure_id)
    if field_id is not None:
        base &= Q(procedure_id__in=Procedure.objects.filter(field_id=field_id).values("pk"))
    column = "agency_id" if grouping == "agency" else "procedure_id"
    by = lines_for(base, period, column)
    names: dict[Any, str] = {}
    if grouping == "agency":
        names = dict(Agency.objects.filter(pk__in=list(by)).values_list("pk", "name_vi"))
    else:
        procs = Procedure.objects.filter(pk__in=list(by)).values_list(
            "pk", "name_vi", "field_id", "field__name_vi"
        )
        if grouping == "procedure":
            names = {pk: name for pk, name, _, _ in procs}
        else:
            merged: dict[Any, Line] = {}
            for pk, _name, fid, fname in procs:
                key = fid or 0
                names[key] = fname or "—"
                target = merged.setdefault(key, Line(key, "", defaultdict(int), defaultdict(int)))
                for col, v in by[pk].cols.items():
                    target.cols[col] += v
                for k, v in by[pk].extra.items():
                    target.extra[k] += v
            by = {k: Line(k, "", dict(v.cols), dict(v.extra)) for k, v in merged.items()}
    lines = sorted(by.values(), key=lambda ln: names.get(ln.key, ""))
    for line in lines:
        line.label = names.get(line.key, "—")
    total = Line(None, "", {c: sum(ln.cols[c] for ln in lines) for c in COLUMNS})
    total.extra = {
        k: sum(ln.extra.get(k, 0) for ln in lines) for k in (lines[0].extra if lines else {})
    }
    return Report(period, unit, grouping, lines, total, period.state_day)
