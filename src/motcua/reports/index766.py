# SPDX-License-Identifier: AGPL-3.0-or-later
"""Decision 766/QĐ-TTg service-quality index: the groups the local data supports.

Formulas, targets and points: docs/DOMAIN.md §4 (points = max if ratio ≥ target, else
ratio / target × max; no target = 100 %). Every figure keeps its numerator, denominator and the
metric key of the click-through list (``fact_q``); a figure whose denominator is 0, and a group
without any data, is "no data" (None), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.feedback.models import Evaluation
from motcua.reports.models import DossierFact
from motcua.reports.periods import Period
from motcua.reports.queries import lines_for, scope_filter


@dataclass
class Metric:
    code: str
    name: str
    max_points: int
    target: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    key: str = ""  # click-through: "<key>_num" / "<key>_den"

    @property
    def ratio(self) -> Decimal | None:
        if not self.denominator or self.numerator is None:
            return None
        return (Decimal(self.numerator) * 100 / self.denominator).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )

    @property
    def points(self) -> Decimal | None:
        r = self.ratio
        if r is None:
            return None
        target = self.target or Decimal(100)
        share = min(Decimal(1), r / target)
        return (share * self.max_points).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Group:
    number: int
    name: str
    max_points: int
    metrics: list[Metric] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(m.points is not None for m in self.metrics)

    @property
    def points(self) -> Decimal | None:
        values = [m.points for m in self.metrics if m.points is not None]
        return sum(values, Decimal(0)) if values else None

    @property
    def max_with_data(self) -> int:
        return sum(m.max_points for m in self.metrics if m.points is not None)


def index766(*, agency_ids: list[int], period: Period) -> list[Group]:
    base = scope_filter(agency_ids)
    line = lines_for(base, period, None).get(None)
    x = line.extra if line else {}
    received_in_p = x.get("recv_online", 0) + x.get("recv_counter", 0)
    in_play = line.cols[3] if line else 0
    on_time = x.get("fin766_ok", 0) + x.get("open", 0) - x.get("late766_open", 0)
    g2 = Group(
        2,
        str(_("Progress")),
        20,
        [
            Metric(
                "2.1",
                str(_("Dossiers finished or in progress on time")),
                20,
                None,
                on_time if in_play else None,
                in_play,
                "g21",
            ),
        ],
    )
    g3 = Group(
        3,
        str(_("Online services")),
        12,
        [
            Metric(
                "3.3",
                str(_("Dossiers received online (with an electronic result)")),
                12,
                Decimal(50),
                x.get("online_full", 0),
                received_in_p,
                "g33",
            ),
        ],
    )
    g4 = Group(
        4,
        str(_("Online payment")),
        10,
        [
            Metric("3.5", str(_("Procedures with fee data synced")), 2),
            Metric("3.5b", str(_("Procedures with at least one online payment")), 2),
            Metric("3.6", str(_("Dossiers paid online")), 6),
        ],
    )
    g5 = Group(
        5,
        str(_("Digitisation")),
        22,
        [
            Metric(
                "4.1",
                str(_("Dossiers with the result file stored")),
                6,
                None,
                x.get("result_file", 0),
                x.get("paper_req", 0),
                "g41",
            ),
            Metric(
                "4.2",
                str(_("Dossiers with papers and result digitised")),
                4,
                Decimal(80),
                x.get("attach_result", 0),
                received_in_p,
                "g42",
            ),
            Metric("ECC", str(_("Electronic certified copies")), 2),
            Metric(
                "4.3",
                str(_("Dossiers reusing digitised data")),
                2,
                Decimal(80),
                x.get("reused", 0),
                received_in_p,
                "g43",
            ),
            Metric("4.4", str(_("Synced with the personal data store")), 4),
            Metric("4.5b", str(_("Dossiers using population data")), 2),
            Metric("4.5a", str(_("Procedures using population data")), 2),
        ],
    )
    m54 = _satisfaction(agency_ids, period)
    g6 = Group(
        6,
        str(_("Satisfaction")),
        18,
        [
            Metric("5.2", str(_("Feedback handled on time")), 6),
            Metric("5.3", str(_("Feedback handled to satisfaction")), 6),
            m54,
        ],
    )
    return [g2, g3, g4, g5, g6]


METRIC_KEYS = ("g21", "g33", "g41", "g42", "g43", "g54")
DISLIKE = Q(indicator_1=0) | Q(indicator_3=0) | Q(indicator_4=0) | Q(indicator_7=0)


def _satisfaction(agency_ids: list[int], period: Period) -> Metric:
    """5.4 = 100 % − (% resolved late + % resolved with a "dislike"): here the dossiers resolved
    in the period, minus the late ones and the others the applicant scored 0 on an indicator
    (Circular 01/2018 evaluation). No evaluation at all in scope and period: no data."""
    metric = Metric("5.4", str(_("Satisfaction with dossier handling")), 6, Decimal(90))
    den = DossierFact.objects.filter(scope_filter(agency_ids) & fact_q("g54_den", period))
    evaluated = Evaluation.objects.filter(dossier_id__in=den.values("dossier_id"))
    if not evaluated.exists():
        return metric
    total = den.count()
    metric.numerator = den.filter(fact_q("g54_num", period)).count()
    metric.denominator, metric.key = total, "g54"
    return metric


def fact_q(key: str, period: Period) -> Q:
    """The dossiers behind a figure (``<metric>_num`` or ``<metric>_den``), as a Q on facts."""
    a, b, d = period.start, period.end, period.state_day
    metric, _sep, part = key.partition("_")
    if metric not in METRIC_KEYS or part not in ("num", "den"):
        raise KeyError(key)
    received_in_p = Q(received_day__gte=a, received_day__lte=b)
    if metric == "g21":
        den = Q(received_day__lte=b) & (Q(finished_day__isnull=True) | Q(finished_day__gte=a))
        if part == "den":
            return den
        open_d = Q(received_day__lte=d) & (Q(finished_day__isnull=True) | Q(finished_day__gt=d))
        not_late = Q(l766_day__isnull=True) | Q(l766_day__gt=d)
        finished_ok = Q(finished_day__gte=a, finished_day__lte=b, fin766_ok=True)
        return finished_ok | (open_d & not_late)
    if metric == "g54":
        den = Q(finished_day__gte=a, finished_day__lte=b) & ~Q(cls="stopped")
        if part == "den":
            return den
        disliked = Evaluation.objects.filter(DISLIKE).values("dossier_id")
        return den & ~Q(cls="late") & ~Q(dossier_id__in=disliked)
    if metric == "g41":
        den = received_in_p & Q(flags__paper_req=True)
        return den & Q(flags__result_file=True) if part == "num" else den
    flag = {"g33": "online_full", "g42": "attach_result", "g43": "reused"}[metric]
    return received_in_p & Q(**{f"flags__{flag}": True}) if part == "num" else received_in_p


def facts_behind(*, agency_ids: list[int], period: Period, key: str) -> QuerySet[DossierFact]:
    """The facts (with their dossier's code) behind one figure, newest receipt first."""
    return (
        DossierFact.objects.filter(scope_filter(agency_ids) & fact_q(key, period))
        .select_related("dossier", "procedure", "agency")
        .order_by("-received_day", "-dossier_id")
    )
