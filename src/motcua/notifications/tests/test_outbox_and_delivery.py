# SPDX-License-Identifier: AGPL-3.0-or-later
"""notify_event → messages + deliver tasks in one transaction; delivery, preferences, retries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.agencies.tests.factories import make_user
from motcua.core import clock
from motcua.core.tasks import Retryable
from motcua.notifications import services
from motcua.notifications.models import Message
from motcua.notifications.services import notify_event, preference_set
from motcua.notifications.tasks import MAX_ATTEMPTS, deliver, sweep

pytestmark = pytest.mark.django_db
CTX = {"code": "H51-0001", "recipient_name": "An", "due_at": "09:00 17/03/2026"}


def notify(user: Any, key: str = "event:1", kind: str = "received") -> list[Message]:
    return notify_event(
        kind=kind,
        subject_ref="dossier:1",
        context=CTX,
        recipients=[
            (user.pk, "inbox", ""),
            (user.pk, "email", "an@example.test"),
            (user.pk, "sms", "0912 345 678"),
        ],
        event_key=key,
    )


def test_messages_and_their_delivery_tasks_commit_and_roll_back_together() -> None:
    user = make_user(username="an")
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(user)
        assert DBTaskResult.objects.filter(queue_name="notifications").count() == 2
        raise RuntimeError("the dossier event failed")
    assert Message.objects.count() == 0 and DBTaskResult.objects.count() == 0
    created = notify(user)
    assert len(created) == 3  # the inbox entry needs no delivery task
    assert DBTaskResult.objects.filter(queue_name="notifications").count() == 2


def test_same_event_twice_records_nothing_twice() -> None:
    user = make_user(username="an")
    assert len(notify(user)) == 3
    assert notify(user) == []
    assert Message.objects.count() == 3


def test_delivery_hands_each_message_to_its_channel(
    sms_log: Callable[[], list[dict[str, str]]], run_tasks: Callable[[], int]
) -> None:
    user = make_user(username="an")
    notify(user)
    assert run_tasks() == 2
    assert set(Message.objects.values_list("channel", "status")) == {
        ("inbox", "sent"),
        ("email", "sent"),
        ("sms", "sent"),
    }
    assert all(m.handed_at and m.attempts == 1 for m in Message.objects.all())
    [sms] = sms_log()
    assert sms["to"] == "+84912345678" and "H51-0001" in sms["text"]
    assert sms["ref"] == Message.objects.get(channel="sms").dedupe_key
    [email] = mail.outbox
    assert email.to == ["an@example.test"] and "H51-0001" in email.subject
    assert email.alternatives  # HTML part


def test_channels_turned_off_are_not_used_but_the_inbox_always_is() -> None:
    user = make_user(username="an")
    preference_set(user=user, email=False, sms=False, language="en")
    created = notify(user)
    assert [m.channel for m in created] == ["inbox"]
    assert created[0].language == "en" and created[0].subject.startswith("Dossier H51-0001")


def test_delivering_twice_hands_over_once(sms_log: Callable[[], list[dict[str, str]]]) -> None:
    user = make_user(username="an")
    sms = next(m for m in notify(user) if m.channel == "sms")
    assert deliver.call(message_id=sms.pk)["outcome"] == "sent"
    assert deliver.call(message_id=sms.pk)["outcome"] == "skipped"
    assert len(sms_log()) == 1


def test_a_bad_phone_number_fails_at_once(sms_log: Callable[[], list[dict[str, str]]]) -> None:
    msg = notify_event(
        kind="received",
        subject_ref="dossier:1",
        context=CTX,
        recipients=[(None, "sms", "not a phone")],
        event_key="event:9",
    )[0]
    assert deliver.call(message_id=msg.pk)["outcome"] == "failed"
    msg.refresh_from_db()
    assert msg.status == "failed" and "not a phone" in msg.last_error


class _Down:
    name = "sms"

    def send(self, message: Any) -> str:
        raise Retryable("gateway down")


def test_temporary_failures_retry_with_backoff_then_fail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An adapter is a port: swapping the adapter is the seam, not a mock of our database.
    monkeypatch.setattr(services, "channel_for", lambda name: _Down())
    msg = notify_event(
        kind="received",
        subject_ref="dossier:1",
        context=CTX,
        recipients=[(None, "sms", "0912345678")],
        event_key="event:7",
    )[0]
    DBTaskResult.objects.all().delete()
    start = clock.now()
    result = deliver.call(message_id=msg.pk)
    assert result["retry"] == 2
    msg.refresh_from_db()
    assert msg.status == "pending" and msg.attempts == 1 and msg.last_error == "gateway down"
    assert msg.next_attempt_at is not None and msg.next_attempt_at > start
    row = DBTaskResult.objects.get()
    assert row.args_kwargs["kwargs"] == {"message_id": msg.pk, "attempt": 2}
    for attempt in range(2, MAX_ATTEMPTS + 1):
        with time_machine.travel(msg.next_attempt_at, tick=False):
            deliver.call(message_id=msg.pk, attempt=attempt)
        msg.refresh_from_db()
    assert msg.status == "failed" and msg.attempts == MAX_ATTEMPTS
    assert msg.last_error == "gateway down"


def test_sweep_re_enqueues_messages_whose_task_was_lost() -> None:
    user = make_user(username="an")
    notify(user)
    DBTaskResult.objects.all().delete()  # the worker's database was restored without them
    assert sweep.call() == {"requeued": 0}  # not yet stale
    with time_machine.travel(clock.now() + dt.timedelta(minutes=5), tick=False):
        assert sweep.call() == {"requeued": 2}
        assert DBTaskResult.objects.filter(queue_name="notifications").count() == 2
        assert sweep.call() == {"requeued": 0}


def test_sweep_recovers_a_message_stuck_in_sending(
    sms_log: Callable[[], list[dict[str, str]]], run_tasks: Callable[[], int]
) -> None:
    msg = notify_event(
        kind="received",
        subject_ref="dossier:1",
        context=CTX,
        recipients=[(None, "sms", "0912345678")],
        event_key="event:8",
    )[0]
    Message.objects.filter(pk=msg.pk).update(
        status="sending", attempts=1, next_attempt_at=clock.now() + services.LEASE
    )  # a worker died while sending
    DBTaskResult.objects.all().delete()
    with time_machine.travel(clock.now() + dt.timedelta(minutes=3), tick=False):
        assert services.messages_sweep() == 1
        run_tasks()
    msg.refresh_from_db()
    assert msg.status == "sent" and msg.attempts == 2 and len(sms_log()) == 1


def test_unknown_channel_is_a_field_error() -> None:
    from motcua.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        notify_event(
            kind="received",
            subject_ref="x",
            context={},
            recipients=[(None, "fax", "1")],
            event_key="k",
        )
    assert "channel" in err.value.details
