# SPDX-License-Identifier: AGPL-3.0-or-later
"""``core.outbox.enqueue`` writes the very task row django-tasks' database backend writes, in
the caller's transaction, and hands over to the library when someone listens for it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.compat import task_enqueued
from django_tasks_db.models import DBTaskResult, get_date_max

from motcua.core import outbox
from motcua.dossiers.tasks import data_store_keep, notifications_record

pytestmark = pytest.mark.django_db

COMPARED = ("status", "args_kwargs", "priority", "task_path", "queue_name", "backend_name")


def test_the_row_equals_the_one_the_library_writes() -> None:
    ours = DBTaskResult.objects.get(pk=outbox.enqueue(notifications_record, event_id=41))
    theirs = DBTaskResult.objects.get(pk=notifications_record.enqueue(event_id=41).id)
    for name in COMPARED:
        assert getattr(ours, name) == getattr(theirs, name), name
    assert ours.run_after == theirs.run_after == get_date_max()
    assert ours.worker_ids == theirs.worker_ids == []
    assert ours.enqueued_at is not None
    assert ours.task_result.kwargs == {"event_id": 41}
    assert ours.task_result.task.func is notifications_record.func


def test_a_rolled_back_action_takes_its_task_with_it() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(data_store_keep, dossier_id=7)
        raise RuntimeError("the action failed after enqueueing")
    assert not DBTaskResult.objects.filter(task_path=data_store_keep.module_path).exists()


def test_a_listener_gets_the_signal_through_the_library() -> None:
    heard: list[Any] = []

    def listener(sender: Any, task_result: Any, **kw: Any) -> None:
        heard.append(task_result)

    task_enqueued.connect(listener)
    try:
        pk = outbox.enqueue(data_store_keep, dossier_id=8)
    finally:
        task_enqueued.disconnect(listener)
    assert [str(r.id) for r in heard] == [str(pk)]
    assert DBTaskResult.objects.get(pk=pk).args_kwargs == {"args": [], "kwargs": {"dossier_id": 8}}
