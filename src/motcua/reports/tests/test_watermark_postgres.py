# SPDX-License-Identifier: AGPL-3.0-or-later
"""The watermark pitfall on PostgreSQL: event ids committing out of order are not lost."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from motcua.dossiers.tests.factories import build_world
from motcua.dossiers.tests.fixtures import rule_sets_ensure
from motcua.reports.models import DossierFact, RefreshState
from motcua.reports.services import aggregates_recompute, aggregates_refresh
from motcua.reports.tests import lifecycles as lc
from motcua.workcal.seed import calendar_seed_from_library

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_event_committing_after_a_higher_id_is_folded_by_the_next_run(
    settings: Any, tmp_path: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: ids commit in order")
    settings.MEDIA_ROOT = str(tmp_path)
    rule_sets_ensure()
    calendar_seed_from_library(years=[2026])
    w = build_world()
    slow_dossier = lc.receive(w, lc.at(2026, 3, 2, 9))
    took_ids, may_commit = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def slow_transaction() -> None:
        try:
            with transaction.atomic():
                lc.finish(w, slow_dossier, lc.at(2026, 3, 3, 9))  # takes the lower ids
                took_ids.set()
                may_commit.wait(30)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            took_ids.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow_transaction)
    thread.start()
    took_ids.wait(30)
    fast = lc.receive(w, lc.at(2026, 3, 3, 10))  # higher ids, committed first
    aggregates_refresh()
    state = RefreshState.objects.get(pk=1)
    assert state.holes, "the ids of the open transaction are remembered"
    assert DossierFact.objects.get(dossier_id=fast.pk).received_day is not None
    may_commit.set()
    thread.join(30)
    assert not errors
    aggregates_refresh()
    slow_dossier.refresh_from_db()
    fact = DossierFact.objects.get(dossier_id=slow_dossier.pk)
    assert fact.applied_seq == slow_dossier.event_seq and fact.finished_day is not None
    assert RefreshState.objects.get(pk=1).holes == []
    assert aggregates_recompute().equal
