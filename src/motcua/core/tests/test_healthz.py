# SPDX-License-Identifier: AGPL-3.0-or-later
import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.core import clock


@pytest.mark.django_db
def test_healthz_reports_database_and_idle_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["status"] == "ok"
    assert body["worker"]["status"] == "ok"
    assert body["worker"]["ready_tasks"] == 0


@pytest.mark.django_db
def test_healthz_reports_a_stalled_worker_when_ready_tasks_wait_too_long(client):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="motcua.example",
        queue_name="default",
        backend_name="default",
        run_after=clock.now() - dt.timedelta(minutes=10),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=clock.now() - dt.timedelta(minutes=10)
    )
    body = client.get("/healthz").json()
    assert body["worker"]["status"] == "stalled"
    assert body["worker"]["ready_tasks"] == 1
