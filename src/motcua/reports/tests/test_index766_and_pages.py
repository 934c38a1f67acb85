# SPDX-License-Identifier: AGPL-3.0-or-later
"""Decision 766 figures against a hand computation, and the report pages (scope, bad input)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.tests.factories import World
from motcua.reports.index766 import facts_behind, index766
from motcua.reports.tests.lifecycles import MARCH

pytestmark = pytest.mark.django_db


def test_766_groups_match_the_hand_computation(history: World) -> None:
    ids = [history.department.pk]
    g2, g3, g4, g5, g6 = index766(agency_ids=ids, period=MARCH)
    m21 = g2.metrics[0]
    # In play: d1..d7 (7). On time: d1, d2 (early), d6 (stopped before its deadline), d5 (open,
    # within time), d7 (waiting on its single request, made before the deadline) = 5.
    assert (m21.numerator, m21.denominator) == (5, 7)
    assert m21.ratio == Decimal("71.43") and m21.points == Decimal("14.29")
    m33 = g3.metrics[0]  # online: d2, d7 of 6 received in March; target 50 %
    assert (m33.numerator, m33.denominator, m33.points) == (2, 6, Decimal("8.00"))
    assert not g4.has_data and g4.points is None  # no payments: "no data", never 0
    assert not g6.has_data
    m41 = g5.metrics[0]
    assert m41.points is None  # no procedure requires a paper result: no data
    codes = {f.dossier.code for f in facts_behind(agency_ids=ids, period=MARCH, key="g21_num")}
    assert len(codes) == 5
    assert facts_behind(agency_ids=ids, period=MARCH, key="g21_den").count() == 7


@pytest.fixture
def approver_client(history: World) -> Client:
    c = Client()
    c.force_login(history.approver)
    return c


def test_pages_render_for_an_official_in_scope(history: World, approver_client: Client) -> None:
    q = {"unit": history.department.pk, "period": "month", "year": 2026, "month": 3}
    for name in ("report_ii06a", "report_766", "report_dashboard", "report_scoring"):
        r = approver_client.get(reverse(f"desk:{name}"), q)
        assert r.status_code == 200, (name, r.content[:500])
    r = approver_client.get(reverse("desk:report_766_dossiers"), {**q, "metric": "g21_num"})
    assert r.status_code == 200 and r.context["page"].paginator.count == 5
    r = approver_client.get(reverse("desk:report_ii06a_xlsx"), q)
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert ws["B10"].value == "Tổng cộng" and ws["C10"].value == 7
    r = approver_client.get(reverse("desk:report_ii06a_pdf"), q)
    assert r.content.startswith(b"%PDF")
    svg = approver_client.get(reverse("desk:report_dashboard"), q).content.decode()
    assert "<svg" in svg and "<title" in svg and "<desc" in svg


def test_an_agency_outside_the_scope_is_403_not_an_empty_report(
    history: World, approver_client: Client
) -> None:
    r = approver_client.get(reverse("desk:report_ii06a"), {"unit": history.other_department.pk})
    assert r.status_code == 403
    r = approver_client.get(reverse("desk:report_ii06a_xlsx"), {"unit": history.province.pk})
    assert r.status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "range", "start": "2026-03-31", "end": "2026-03-01"}, "end"),
        ({"period": "range", "start": "2026-03-01", "end": "nonsense"}, "end"),
        ({"period": "month", "year": "2026", "month": "13"}, "month"),
        ({"period": "year", "year": "1999"}, "year"),
        ({"period": "year", "year": "2025"}, "end"),  # before the data starts
        ({"period": "decade"}, "period"),
        ({"unit": "999999"}, "unit"),
        ({"field": "999999"}, "field"),
        ({"procedure": "abc"}, "procedure"),
    ],
)
def test_bad_input_is_a_clear_field_error(
    history: World, approver_client: Client, params: dict[str, str], field: str
) -> None:
    q = {"unit": history.department.pk, "period": "year", "year": "2026", **params}
    r = approver_client.get(reverse("desk:report_ii06a"), q)
    assert r.status_code == 400
    assert r.context["errors"].get(field), r.context["errors"]


def test_public_page_shows_only_aggregates_and_ranks_above_the_volume(
    history: World, settings: object
) -> None:
    settings.REPORTS_PUBLIC_MIN_VOLUME = 3
    r = Client().get(reverse("portal:transparency"), {"period": "month", "year": 2026, "month": 3})
    assert r.status_code == 200
    figures = r.context["figures"]
    assert [(f.agency, f.finished, f.on_time, f.ranked) for f in figures] == [
        ("Sở thử nghiệm", 3, 2, True)
    ]
    from motcua.dossiers.models import Dossier

    content = r.content.decode()
    assert not any(code in content for code in Dossier.objects.values_list("code", flat=True))
    settings.REPORTS_PUBLIC_MIN_VOLUME = 4
    r = Client().get(reverse("portal:transparency"), {"period": "month", "year": 2026, "month": 3})
    assert r.context["figures"][0].rank is None
    assert Client().get(reverse("portal:transparency"), {"year": "abc"}).status_code == 400


def test_scores_are_for_leaders_only(history: World) -> None:
    c = Client()
    c.force_login(history.handler)
    q = {"unit": history.department.pk, "period": "quarter", "year": 2026, "quarter": 1}
    assert c.get(reverse("desk:report_ii06a"), q).status_code == 200
    assert c.get(reverse("desk:report_scoring"), q).status_code == 403
    c.force_login(history.approver)
    r = c.get(reverse("desk:report_scoring"), q)
    assert r.status_code == 200
    (score, _band), *_ = r.context["agencies"]
    # Indicator 1 over d1, d2, d9 (early, 2 points), d3 (late, 0): 6 / 4 = 1.5.
    assert score.indicators[1] == (Decimal("1.5"), 4)
    assert score.indicators[5] == (None, 0)


def test_satisfaction_uses_evaluations_and_says_no_data_without_them(history: World) -> None:
    from motcua.core import clock
    from motcua.dossiers.models import Dossier
    from motcua.feedback.models import Evaluation

    ids = [history.department.pk]
    assert index766(agency_ids=ids, period=MARCH)[4].metrics[2].points is None
    finished = Dossier.objects.filter(finished_at__month=3, status="returned")
    early = [d for d in finished if d.sla_class == "early"]
    now = clock.now()
    for d, attitude in zip(early, (2, 0), strict=True):  # d1 satisfied, d2 "dislike"
        Evaluation.objects.create(
            dossier=d, applicant=history.applicant, indicator_1=2, indicator_3=2,
            indicator_4=2, indicator_7=attitude, created_at=now, updated_at=now,
        )  # fmt: skip
    m54 = index766(agency_ids=ids, period=MARCH)[4].metrics[2]
    # Resolved in March (not stopped): d1, d2, d3; d3 late, d2 disliked → 1 / 3.
    assert (m54.numerator, m54.denominator) == (1, 3)
    assert m54.ratio == Decimal("33.33") and m54.points == Decimal("2.22")
    assert facts_behind(agency_ids=ids, period=MARCH, key="g54_num").count() == 1
