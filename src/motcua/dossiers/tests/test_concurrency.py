# SPDX-License-Identifier: AGPL-3.0-or-later
"""Real concurrent transactions on PostgreSQL (threads, one connection each): exactly one of two
officers wins, receipts at one agency get gap-free unique codes, an idempotent retry makes one
dossier. SQLite serialises writers (IMMEDIATE), so the same properties are tested sequentially
in ``test_services_receipt.py``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection, connections

from motcua.core.errors import Conflict
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    ApplicantIn,
    dossier_forward,
    dossier_receive_at_counter,
    dossier_submit_online,
    step_complete,
)
from motcua.dossiers.tests.factories import World, at, build_world
from motcua.dossiers.tests.fixtures import rule_sets_ensure
from motcua.workcal.seed import calendar_seed_from_library

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="needs PostgreSQL row locks; runs in CI's PostgreSQL pass",
    ),
]


@pytest.fixture
def world_tx(transactional_db: None, tmp_path: Any, settings: Any) -> World:
    settings.MEDIA_ROOT = str(tmp_path)
    rule_sets_ensure()
    calendar_seed_from_library(years=[2026])
    return build_world(prefix="tx-")


def run_at_once(n: int, fn: Callable[[int], Any]) -> list[Any]:
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def worker(i: int) -> None:
        try:
            with time_machine.travel(at(2026, 3, 10, 10), tick=True):
                barrier.wait()
                results[i] = fn(i)
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_officers_at_once_exactly_one_wins(world_tx: World) -> None:
    w = world_tx
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_receive_at_counter(documents=w.docs(), **w.counter_kw())
        d = dossier_forward(actor=w.reception, dossier=d)
    version = d.version
    results = run_at_once(
        2,
        lambda i: step_complete(actor=w.handler, dossier=d.pk, outcome=f"by {i}", version=version),
    )
    assert sum(isinstance(r, Dossier) for r in results) == 1
    assert sum(isinstance(r, Conflict) and r.status == 409 for r in results) == 1
    d.refresh_from_db()
    assert d.version == version + 1 and d.event_seq == 3


def test_concurrent_receipts_get_gap_free_unique_codes(world_tx: World) -> None:
    w = world_tx
    n = 8
    results = run_at_once(
        n,
        lambda i: (
            dossier_receive_at_counter(
                documents=w.docs(), **w.counter_kw(idempotency_key=f"walk-in-{i}")
            ).code
        ),
    )
    assert all(isinstance(r, str) for r in results), results
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in results)
    assert numbers == list(range(1, n + 1))


def test_concurrent_idempotent_retries_make_one_dossier(world_tx: World) -> None:
    w = world_tx
    results = run_at_once(
        4,
        lambda i: (
            dossier_submit_online(
                actor=w.applicant,
                procedure_version=w.version,
                applicant=ApplicantIn(name="B"),
                receiving_agency=w.centre,
                idempotency_key="retry-1",
            ).pk
        ),
    )
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1 and Dossier.objects.count() == 1
    assert Dossier.objects.get().event_seq == 1
