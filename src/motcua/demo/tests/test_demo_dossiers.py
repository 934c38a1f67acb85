# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo dossiers: genuine histories, idempotent, and the statistics agree with a direct count."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Q

from motcua.agencies.demo import seed_demo_agencies
from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.demo.dossiers import KEY_PREFIX, seed_demo_dossiers
from motcua.demo.seed import seed_demo
from motcua.dossiers.events import chain_verify
from motcua.dossiers.models import Dossier
from motcua.reports.periods import Period
from motcua.reports.queries import ii06a
from motcua.reports.services import aggregates_recompute


@pytest.mark.django_db
def test_demo_dossiers_have_real_histories_and_match_a_direct_count(
    settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    seed_demo()
    made = Dossier.objects.filter(idempotency_key__startswith=KEY_PREFIX)
    assert made.count() > 100
    assert {"returned", "processing"} <= set(made.values_list("status", flat=True))
    assert {"early", "on_time", "late"} <= set(made.values_list("sla_class", flat=True))
    sample = made.order_by("pk").first()
    assert sample is not None and chain_verify(list(sample.events.all())) is None
    assert seed_demo_dossiers(agencies=seed_demo_agencies()) == 0  # idempotent

    province = Agency.objects.get(depth=1) if Agency.objects.filter(depth=1).count() == 1 else None
    unit = province or Agency.objects.order_by("depth", "path").first()
    assert unit is not None
    ids = list(Agency.objects.values_list("pk", flat=True))
    first = made.order_by("received_at").values_list("received_at", flat=True).first()
    assert first is not None
    period = Period(first.date(), clock.today(), "range")
    report = ii06a(unit=unit, agency_ids=ids, period=period)
    received = made.filter(received_at__isnull=False)
    assert report.total.cols[3] == received.count()
    assert report.total.cols[4] == received.filter(channel="online").count()
    assert (
        report.total.cols[10]
        == received.filter(Q(sla_class="late") & ~Q(status__in=["stopped", "cancelled"])).count()
    )
    assert aggregates_recompute().equal
