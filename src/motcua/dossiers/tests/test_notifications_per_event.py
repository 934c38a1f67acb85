# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 6 "done when": every event the applicant hears about reaches the portal inbox and the
file SMS channel (and e-mail); the assignee hears of an assignment; nothing for a rollback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    ApplicantIn,
    dossier_approve,
    dossier_cancel,
    dossier_extend,
    dossier_forward,
    dossier_intake,
    dossier_receive_at_counter,
    dossier_refuse,
    dossier_request_supplement,
    dossier_request_supplement_at_receipt,
    dossier_request_withdrawal,
    dossier_result_ready,
    dossier_return_result,
    dossier_stop,
    dossier_submit_online,
    dossier_wait_financial,
    step_assign,
    step_complete,
)
from motcua.dossiers.tests.factories import World, at
from motcua.notifications.models import Message

APPLICANT_KINDS = {
    "submitted",
    "received",
    "refused",
    "supplement_requested_at_receipt",
    "supplement_requested",
    "financial_requested",
    "extended",
    "result_ready",
    "returned",
    "stopped",
    "cancelled",
}


def drain() -> None:
    while (row := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        task, kw = row.task, row.args_kwargs
        row.delete()
        task.call(*kw["args"], **kw["kwargs"])


@pytest.fixture
def sms_file(tmp_path: Path, settings: Any) -> Path:
    path = tmp_path / "sms.log"
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "SMS_BACKEND": "file", "SMS_FILE": path}
    return path


def counter(world: World) -> dict[str, Any]:
    return world.counter_kw(applicant_user=world.applicant)


def test_every_applicant_event_reaches_inbox_sms_and_email(world: World, sms_file: Path) -> None:
    w = world
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        online = dossier_submit_online(
            actor=w.applicant,
            procedure_version=w.version,
            applicant=ApplicantIn(name="An", phone="0900000001", email="an@example.test"),
            receiving_agency=w.centre,
        )
        dossier_refuse(actor=w.reception, dossier=online, reason="Không thuộc thẩm quyền")
        d = dossier_intake(**counter(w))
        dossier_request_supplement_at_receipt(actor=w.reception, dossier=d, reasons=["Thiếu đơn"])
        main = dossier_receive_at_counter(documents=w.docs(), **counter(w))
        main = dossier_forward(actor=w.reception, dossier=main)
        main = step_assign(actor=w.approver, dossier=main, assignee=w.handler)
        main = dossier_request_supplement(actor=w.handler, dossier=main, reasons=["Thiếu"])
        cancel_me = dossier_receive_at_counter(documents=w.docs(), **counter(w))
        dossier_cancel(actor=w.reception, dossier=cancel_me, reason="Nhập trùng")
        stop_me = dossier_forward(
            actor=w.reception, dossier=dossier_receive_at_counter(documents=w.docs(), **counter(w))
        )
        stop_me = dossier_request_withdrawal(actor=w.reception, dossier=stop_me, reason="Đổi ý")
        dossier_stop(actor=w.reception, dossier=stop_me)
        money = dossier_forward(
            actor=w.reception, dossier=dossier_receive_at_counter(documents=w.docs(), **counter(w))
        )
        dossier_wait_financial(actor=w.handler, dossier=money, amount_vnd=200000)
        done = dossier_forward(
            actor=w.reception, dossier=dossier_receive_at_counter(documents=w.docs(), **counter(w))
        )
    with time_machine.travel(at(2026, 3, 12, 9), tick=False):
        done = dossier_extend(
            actor=w.handler, dossier=done, reason="Chờ xác minh", new_due_at=at(2026, 3, 24, 9)
        )
        for _ in range(3):
            done = step_complete(actor=w.approver, dossier=done, outcome="ok")
        done = dossier_approve(actor=w.approver, dossier=done)
        done = dossier_result_ready(actor=w.handler, dossier=done)
        dossier_return_result(actor=w.reception, dossier=done)
        drain()
    sent = set(Message.objects.filter(status="sent").values_list("kind", "channel"))
    for kind in APPLICANT_KINDS:
        for channel in ("inbox", "sms", "email"):
            assert (kind, channel) in sent, (kind, channel)
    assert not Message.objects.exclude(status="sent").exists()
    lines = [json.loads(line) for line in sms_file.read_text().splitlines()]
    assert {line["to"] for line in lines} == {"+84900000001"}
    assert len(lines) == Message.objects.filter(channel="sms").count()
    assert Message.objects.filter(kind="assigned", recipient=w.handler, channel="inbox").exists()
    extended = Message.objects.get(kind="extended", channel="inbox", language="vi")
    assert "Chờ xác minh" in extended.body and "09:00 24/03/2026" in extended.body
    assert any("an@example.test" in m.to for m in mail.outbox)
    handed = Message.objects.filter(kind="received").first()
    assert handed is not None and handed.event_at == at(2026, 3, 10, 9)


def test_a_rolled_back_event_notifies_no_one(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        with pytest.raises(RuntimeError), transaction.atomic():
            dossier_receive_at_counter(documents=world.docs(), **counter(world))
            raise RuntimeError
        drain()
    assert Dossier.objects.count() == 0 and Message.objects.count() == 0


def test_only_events_that_notify_anyone_enqueue_the_outbox_task(world: World) -> None:
    def queued() -> int:
        return DBTaskResult.objects.filter(task_path__endswith="notifications_record").count()

    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    assert queued() == 1  # the receipt (the intake itself appends no event)
    d = dossier_forward(actor=world.reception, dossier=d)  # nobody is told of a forward
    assert queued() == 1
    d = step_assign(actor=world.approver, dossier=d, assignee=world.handler)  # the assignee is
    assert queued() == 2
    step_complete(actor=world.handler, dossier=d, outcome="ok")  # an internal step: nobody
    assert queued() == 2
