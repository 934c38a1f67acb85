# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import random

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.tests.factories import World, at
from motcua.reports.models import DossierFact, RefreshState, StatRow
from motcua.reports.services import aggregates_recompute, aggregates_refresh
from motcua.reports.tests import lifecycles as lc


def test_aggregates_equal_recomputation_after_a_random_mix_of_actions(world: World) -> None:
    rng = random.Random(7)
    lc.random_mix(world, rng, 25, at(2026, 3, 2, 8))
    first = aggregates_refresh()
    assert first.folded == 25
    # More actions on existing and new dossiers, folded incrementally.
    lc.random_mix(world, rng, 15, at(2026, 5, 4, 8))
    open_ones = DossierFact.objects.filter(finished_day__isnull=True).values_list(
        "dossier_id", flat=True
    )
    for pk in list(open_ones)[:3]:
        from motcua.dossiers.models import Dossier

        d = Dossier.objects.get(pk=pk)
        if d.status == "processing":
            lc.withdraw(world, d, at(2026, 7, 1, 9))
    second = aggregates_refresh()
    assert second.folded >= 15
    cmp = aggregates_recompute()
    assert cmp.equal, cmp.fact_differences + cmp.row_differences
    assert cmp.facts_checked == 40
    assert aggregates_refresh().folded == 0  # nothing new: idempotent


def test_compare_command_fails_on_a_tampered_aggregate(world: World) -> None:
    lc.random_mix(world, random.Random(3), 5, at(2026, 3, 2, 8))
    call_command("reports_refresh")
    call_command("reports_recompute", "--compare")
    StatRow.objects.filter(g=0).update(recv_online=99)
    with pytest.raises(CommandError) as exc:
        call_command("reports_recompute", "--compare")
    assert exc.value.returncode == 1
    call_command("reports_recompute", "--write")
    assert aggregates_recompute().equal


def test_refresh_remembers_skipped_event_ids_and_folds_them_later(world: World) -> None:
    """An id below the watermark that is missing at one run (open transaction) is re-checked."""
    d = lc.receive(world, at(2026, 3, 2, 9))
    aggregates_refresh()
    state = RefreshState.objects.get(pk=1)
    # Simulate a transaction that took an id and has not committed yet: pretend the refresh saw
    # a higher id, leaving a hole at the next id.
    state.watermark += 2
    state.holes = [[state.watermark - 1, 0], [state.watermark, 0]]
    state.holes = [[state.watermark - 1, 10**12], [state.watermark, 10**12]]
    state.save()
    d = lc.finish(world, d, at(2026, 3, 3, 9))  # its events take the hole ids and more
    aggregates_refresh()
    fact = DossierFact.objects.get(dossier_id=d.pk)
    assert fact.applied_seq == d.event_seq and fact.finished_day is not None
    assert aggregates_recompute().equal


def test_the_worker_task_folds_new_events(world: World) -> None:
    from motcua.reports.tasks import aggregates_refresh as task

    lc.receive(world, at(2026, 3, 2, 9))
    result = task.call()
    assert result["folded"] == 1 and result["events"] > 0
    assert task.queue_name == "reports"
