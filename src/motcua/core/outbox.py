# SPDX-License-Identifier: AGPL-3.0-or-later
"""Enqueue a background task in the current transaction: the transactional outbox.

A service that changes state enqueues its side effects (notifications, the data store) in the
same transaction as the change (docs/ARCHITECTURE.md §3.3: nothing lost): with the
django-tasks database backend the task IS a row, committed or rolled back with the change.

``enqueue`` writes the very row ``DatabaseBackend.enqueue`` writes (same id function, JSON
normalisation, priority, queue, backend name, ``run_after`` defaulting to the far future as the
library's ``pre_save`` handler does), but with one prepared INSERT (``core.rows``) instead of
``QuerySet.create``: a dossier lifecycle enqueues four tasks and the ORM path was 15 % of the
client CPU of the lifecycle benchmark (docs/performance.md). It falls back to the library for
any other backend, and whenever someone beyond the library's debug logger listens to
``task_enqueued`` (the fast path does not build the ``TaskResult`` that signal carries).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import router
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TASKS_LOGGER, Task, normalize_json, task_enqueued
from django_tasks_db.models import DBTaskResult, get_date_max

from motcua.core.rows import insert_row
from motcua.core.writes import Writes

_VALIDATED: set[tuple[str, str]] = set()
_LIBRARY_LOG = logging.getLogger(TASKS_LOGGER)


def _fast_path(backend: Any) -> bool:
    return (
        isinstance(backend, DatabaseBackend)
        and len(task_enqueued.receivers) <= 1  # the library's own debug logger
        and not _LIBRARY_LOG.isEnabledFor(logging.DEBUG)
    )


def enqueue(task: Task[Any, Any], *, writes: Writes | None = None, **kwargs: Any) -> Any:
    """Enqueue ``task(**kwargs)`` in the current transaction; return the task result id.

    Pre: the caller is inside the transaction whose commit should release the task.
    Post: one ready row in the task table (database backend), or whatever ``task.enqueue``
    does on another backend; with ``writes`` the row is written when they are sent.
    """
    backend = task.get_backend()
    if not _fast_path(backend):
        return task.enqueue(**kwargs).id
    key = (backend.alias, task.module_path)
    if key not in _VALIDATED:  # the task's definition cannot change while the process runs
        backend.validate_task(task)
        _VALIDATED.add(key)
    row: DBTaskResult[Any, Any] = DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": [], "kwargs": kwargs}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after if task.run_after is not None else get_date_max(),
        backend_name=backend.alias,
    )
    using = router.db_for_write(DBTaskResult)
    if writes is not None and writes.using == using:
        writes.insert(row)
    else:
        insert_row(row, using=using)
    return row.pk
