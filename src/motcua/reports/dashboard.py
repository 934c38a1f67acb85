# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dashboard and public transparency figures (aggregate rows; the overdue list reads the open
dossiers through ``dossiers.selectors``, i.e. within the user's visibility)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, Sum

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure, TimeLimit
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierStep, StepStatus
from motcua.dossiers.selectors import dossier_list_visible
from motcua.dossiers.workflow.engine import CLOCK_RUNNING
from motcua.reports.facts import BUCKET_MINUTES
from motcua.reports.models import DurationRow, StatRow
from motcua.reports.periods import Period, blocks_q
from motcua.reports.queries import lines_for, scope_filter, sums

MINUTES_PER_DAY = 480


def pct(num: int, den: int) -> Decimal | None:
    if not den:
        return None
    return (Decimal(num) * 100 / den).quantize(Decimal("0.1"), ROUND_HALF_UP)


def days(minutes: int, n: int) -> Decimal | None:
    if not n:
        return None
    return (Decimal(minutes) / n / MINUTES_PER_DAY).quantize(Decimal("0.1"), ROUND_HALF_UP)


def monthly(agency_ids: list[int], period: Period) -> list[tuple[dt.date, int, int]]:
    """(month, received, resolved) for every month touching the period."""
    base = scope_filter(agency_ids)
    months, d = [], period.start.replace(day=1)
    while d <= period.end:
        months.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    rows = (
        StatRow.objects.filter(base, g=1, day__in=months)
        .order_by()
        .values("day")
        .annotate(
            r1=Sum("recv_online"),
            r2=Sum("recv_counter"),
            f1=Sum("fin_early"),
            f2=Sum("fin_ontime"),
            f3=Sum("fin_late"),
            f4=Sum("fin_stopped"),
        )
    )
    found = {r["day"]: (r["r1"] + r["r2"], r["f1"] + r["f2"] + r["f3"] + r["f4"]) for r in rows}
    return [(m, *found.get(m, (0, 0))) for m in months]


@dataclass
class Rate:
    key: Any
    label: str
    finished: int
    on_time: int
    rate: Decimal | None
    avg_days: Decimal | None


def rates(agency_ids: list[int], period: Period, group: str) -> list[Rate]:
    """On-time rate (early + on time over early + on time + late) by agency or field."""
    base = scope_filter(agency_ids)
    names = ("fin_early", "fin_ontime", "fin_late", "dur_minutes", "dur_n")
    column = "agency_id" if group == "agency" else "procedure_id"
    by = sums(base, period.start, period.end, column, names)
    if group == "field":
        fields = dict(Procedure.objects.filter(pk__in=list(by)).values_list("pk", "field__name_vi"))
        merged: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(names, 0))
        for pk, c in by.items():
            for n in names:
                merged[fields.get(pk) or "—"][n] += c[n]
        by, labels = dict(merged), {k: k for k in merged}
    else:
        labels = dict(Agency.objects.filter(pk__in=list(by)).values_list("pk", "name_vi"))
    out = []
    for key, c in by.items():
        ok = c["fin_early"] + c["fin_ontime"]
        done = ok + c["fin_late"]
        if done:
            out.append(
                Rate(
                    key,
                    labels.get(key, "—"),
                    done,
                    ok,
                    pct(ok, done),
                    days(c["dur_minutes"], c["dur_n"]),
                )
            )
    return sorted(out, key=lambda r: r.label)


@dataclass
class Timing:
    procedure_id: int
    label: str
    n: int
    avg_days: Decimal | None
    p90_days: Decimal | None
    over_limit: int
    limit: str


def timings(agency_ids: list[int], period: Period, limit: int = 30) -> list[Timing]:
    """Average and 90th percentile of the working time per procedure vs. its legal limit."""
    base = scope_filter(agency_ids)
    by = sums(base, period.start, period.end, "procedure_id", ("dur_n", "dur_minutes", "dur_over"))
    top = sorted((pk for pk in by if by[pk]["dur_n"]), key=lambda pk: -by[pk]["dur_n"])[:limit]
    hist: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in (
        DurationRow.objects.filter(base & blocks_q(period.start, period.end), procedure_id__in=top)
        .order_by()
        .values("procedure_id", "bucket")
        .annotate(n=Sum("n"))
    ):
        hist[r["procedure_id"]].append((r["bucket"], r["n"]))
    names = dict(Procedure.objects.filter(pk__in=top).values_list("pk", "name_vi"))
    limits: dict[int, str] = {}
    for pid, amount, unit in TimeLimit.objects.filter(
        version__procedure_id__in=top, version__status="published", channel="in_person"
    ).values_list("version__procedure_id", "amount", "unit"):
        if amount is not None:
            limits[pid] = f"{amount.normalize()} {unit}"
    out = []
    for pk in top:
        buckets, total, p90 = sorted(hist[pk]), sum(n for _, n in hist[pk]), None
        running = 0
        for bucket, n in buckets:
            running += n
            if running * 10 >= total * 9:
                p90 = Decimal(bucket * BUCKET_MINUTES) / MINUTES_PER_DAY
                break
        c = by[pk]
        out.append(
            Timing(
                pk,
                names.get(pk, "—"),
                c["dur_n"],
                days(c["dur_minutes"], c["dur_n"]),
                p90,
                c["dur_over"],
                limits.get(pk, "—"),
            )
        )
    return out


OVERDUE_FIELDS = (
    "code",
    "status",
    "due_at",
    "competent_agency__name_vi",
    "procedure_version__procedure__name_vi",
)


def overdue_list(*, user: Any, agency_ids: list[int], limit: int = 50) -> list[dict[str, Any]]:
    """Open dossiers past their appointment now, with the responsible unit and officer."""
    now = clock.now()
    visible = dossier_list_visible(user=user).filter(
        Q(competent_agency_id__in=agency_ids) | Q(receiving_agency_id__in=agency_ids)
    )
    found: list[Dossier] = []
    for status in CLOCK_RUNNING:  # one (status, due_at) index range each: no scan
        found += list(
            visible.filter(status=status.value, due_at__lt=now)
            .select_related("competent_agency", "procedure_version__procedure")
            .only(*OVERDUE_FIELDS)
            .order_by("due_at")[:limit]
        )
    dossiers = sorted(found, key=lambda d: d.due_at or now)[:limit]
    steps: dict[int, DossierStep] = {}
    for step in (
        DossierStep.objects.filter(dossier_id__in=[d.pk for d in dossiers], status=StepStatus.OPEN)
        .select_related("agency", "assignee")
        .only("dossier_id", "agency__name_vi", "assignee__full_name", "assignee__username")
    ):
        steps.setdefault(step.dossier_id, step)
    out = []
    for d in dossiers:
        open_step = steps.get(d.pk)
        officer = ""
        if open_step is not None and open_step.assignee is not None:
            officer = open_step.assignee.get_full_name() or open_step.assignee.get_username()
        out.append(
            {
                "dossier": d,
                "unit": (open_step.agency if open_step else d.competent_agency).name_vi,
                "officer": officer,
                "days_late": (now.date() - d.due_at.astimezone(now.tzinfo).date()).days
                if d.due_at
                else 0,
            }
        )
    return out


@dataclass
class PublicFigure:
    agency: str
    received: int
    finished: int
    on_time: int
    rate: Decimal | None
    avg_days: Decimal | None
    ranked: bool
    rank: int | None = None


def transparency(*, period: Period, min_volume: int) -> list[PublicFigure]:
    """Per competent agency: volume, on-time rate, average working days; ranked above a volume."""
    names = (
        "recv_online",
        "recv_counter",
        "fin_early",
        "fin_ontime",
        "fin_late",
        "dur_minutes",
        "dur_n",
    )
    by = sums(Q(), period.start, period.end, "agency_id", names)
    labels = dict(Agency.objects.filter(pk__in=list(by)).values_list("pk", "name_vi"))
    out = []
    for pk, c in by.items():
        ok, done = (
            c["fin_early"] + c["fin_ontime"],
            c["fin_early"] + c["fin_ontime"] + c["fin_late"],
        )
        received = c["recv_online"] + c["recv_counter"]
        if received or done:
            out.append(
                PublicFigure(
                    labels.get(pk, "—"),
                    received,
                    done,
                    ok,
                    pct(ok, done),
                    days(c["dur_minutes"], c["dur_n"]),
                    done >= min_volume,
                )
            )
    ranked = sorted((f for f in out if f.ranked), key=lambda f: (-(f.rate or 0), -f.finished))
    for i, f in enumerate(ranked, start=1):
        f.rank = i
    return ranked + sorted((f for f in out if not f.ranked), key=lambda f: f.agency)


__all__ = ["lines_for", "monthly", "overdue_list", "rates", "timings", "transparency"]
