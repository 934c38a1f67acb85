# SPDX-License-Identifier: AGPL-3.0-or-later
"""Circular 01/2018/TT-VPCP Art 13–15: the nine indicators (2/1/0 points), per official and per
agency, quarterly or yearly (docs/DOMAIN.md §1.10).

Data available locally: indicator 1 (total time vs the legal limit: early 2, on time 1, late 0,
from the deadline engine's classes), 2 (each participating unit's time vs its allotted time, from
the steps' classes), 3, 4 and 7 (given by the applicant in the evaluation). Indicators 5, 6, 8
and 9 need unit-level inputs not kept here: as Art 15 says, indicators without data are left out
of the total. Indicator score = mean over dossiers, one decimal; total = sum of the scores.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.dossiers.models import DossierStep, StepKind, StepStatus
from motcua.feedback.models import Evaluation
from motcua.reports.models import DossierFact
from motcua.reports.periods import Period
from motcua.reports.queries import scope_filter, sums

POINTS = {"early": 2, "on_time": 1, "late": 0}
OFFICIAL_INDICATORS = (1, 2, 3, 4, 7)
AGENCY_INDICATORS = tuple(range(1, 10))


def official_band(total: Decimal) -> str:
    if total >= 5:
        return str(_("100% task completion"))
    if total >= Decimal("3.5"):
        return str(_("70% to under 100%"))
    return str(_("under 70%"))


def agency_band(total: Decimal) -> str:
    for low, label in ((15, _("excellent")), (12, _("good")), (9, _("fair")), (6, _("average"))):
        if total >= low:
            return str(label)
    return str(_("weak"))


@dataclass
class Score:
    label: str
    indicators: dict[int, tuple[Decimal | None, int]] = field(default_factory=dict)

    @property
    def total(self) -> Decimal | None:
        values = [v for v, _n in self.indicators.values() if v is not None]
        return sum(values, Decimal(0)) if values else None


def mean(points: int, n: int) -> Decimal | None:
    if not n:
        return None
    return (Decimal(points) / n).quantize(Decimal("0.1"), ROUND_HALF_UP)


class _Acc:
    def __init__(self) -> None:
        self.points: dict[Any, dict[int, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0, 0])
        )

    def add(self, key: Any, indicator: int, points: int, n: int = 1) -> None:
        cell = self.points[key][indicator]
        cell[0] += points
        cell[1] += n


def _steps(agency_ids: list[int], period: Period) -> Any:
    return DossierStep.objects.filter(
        agency_id__in=agency_ids,
        kind=StepKind.PROCESS,
        status=StepStatus.DONE,
        finished_at__date__gte=period.start,
        finished_at__date__lte=period.end,
    ).exclude(sla_class="")


def _evaluations(dossier_filter: Q, period: Period) -> Any:
    return Evaluation.objects.filter(
        dossier_filter, created_at__date__gte=period.start, created_at__date__lte=period.end
    )


def agency_scores(*, agency_ids: list[int], period: Period) -> list[Score]:
    acc = _Acc()
    by = sums(
        scope_filter(agency_ids),
        period.start,
        period.end,
        "agency_id",
        ("fin_early", "fin_ontime", "fin_late"),
    )
    for key, c in by.items():
        if key in agency_ids:
            acc.add(
                key,
                1,
                2 * c["fin_early"] + c["fin_ontime"],
                c["fin_early"] + c["fin_ontime"] + c["fin_late"],
            )
    for r in _steps(agency_ids, period).values("agency_id", "sla_class").annotate(n=Count("pk")):
        acc.add(r["agency_id"], 2, POINTS.get(r["sla_class"], 0) * r["n"], r["n"])
    evals = _evaluations(Q(dossier__competent_agency_id__in=agency_ids), period)
    for r in evals.values("dossier__competent_agency_id").annotate(
        n=Count("pk"), i3=Sum("indicator_3"), i4=Sum("indicator_4"), i7=Sum("indicator_7")
    ):
        for i in (3, 4, 7):
            acc.add(r["dossier__competent_agency_id"], i, r[f"i{i}"], r["n"])
    names = dict(Agency.objects.filter(pk__in=list(acc.points)).values_list("pk", "name_vi"))
    return _scores(acc, names, AGENCY_INDICATORS)


def official_scores(*, agency_ids: list[int], period: Period) -> list[Score]:
    """Per official: the steps they completed (indicators 1 via the dossier, 2 via the step) and
    the evaluations of those dossiers (3, 4, 7)."""
    acc = _Acc()
    steps = list(
        _steps(agency_ids, period)
        .filter(assignee__isnull=False)
        .values_list("assignee_id", "dossier_id", "sla_class")
    )
    dossiers_of: dict[int, set[int]] = defaultdict(set)
    for user_id, dossier_id, sla in steps:
        acc.add(user_id, 2, POINTS.get(sla, 0))
        dossiers_of[user_id].add(dossier_id)
    all_ids = set().union(*dossiers_of.values()) if dossiers_of else set()
    cls = dict(
        DossierFact.objects.filter(dossier_id__in=all_ids, cls__in=list(POINTS)).values_list(
            "dossier_id", "cls"
        )
    )
    evals = {
        e["dossier_id"]: e
        for e in _evaluations(Q(dossier_id__in=all_ids), period).values(
            "dossier_id", "indicator_3", "indicator_4", "indicator_7"
        )
    }
    for user_id, ids in dossiers_of.items():
        for pk in ids:
            if pk in cls:
                acc.add(user_id, 1, POINTS[cls[pk]])
            if pk in evals:
                for i in (3, 4, 7):
                    acc.add(user_id, i, evals[pk][f"indicator_{i}"])
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=list(acc.points))
    names = {u.pk: (u.get_full_name() or u.get_username()) for u in users}
    return _scores(acc, names, OFFICIAL_INDICATORS)


def _scores(acc: _Acc, names: dict[Any, str], indicators: tuple[int, ...]) -> list[Score]:
    out = []
    for key, cells in acc.points.items():
        s = Score(names.get(key, "—"))
        for i in indicators:
            p, n = cells.get(i, [0, 0])
            s.indicators[i] = (mean(p, n), n)
        out.append(s)
    return sorted(out, key=lambda s: (-(s.total or 0), s.label))
