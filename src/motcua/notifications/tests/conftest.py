# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult


@pytest.fixture
def sms_log(tmp_path: Path, settings: Any) -> Callable[[], list[dict[str, str]]]:
    """The file SMS channel writes under tmp_path; returns a reader of its JSON lines."""
    path = tmp_path / "sms.log"
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "SMS_BACKEND": "file", "SMS_FILE": path}

    def read() -> list[dict[str, str]]:
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

    return read


def drain(limit: int = 200) -> int:
    """Run the ready task rows the way ``db_worker`` does (claim = delete, then call)."""
    ran = 0
    while ran < limit:
        row = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if row is None:
            return ran
        task = row.task
        args, kwargs = row.args_kwargs["args"], row.args_kwargs["kwargs"]
        row.delete()
        task.call(*args, **kwargs)
        ran += 1
    return ran


@pytest.fixture
def run_tasks() -> Callable[[], int]:
    return drain
