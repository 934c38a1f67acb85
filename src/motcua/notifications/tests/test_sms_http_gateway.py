# SPDX-License-Identifier: AGPL-3.0-or-later
"""The SMS HTTP adapter against a real HTTP server on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from motcua.core.tasks import Retryable
from motcua.notifications.channels import Outgoing, PermanentFailure
from motcua.notifications.channels.sms import HttpSmsChannel
from motcua.notifications.models import Message
from motcua.notifications.services import notify_event
from motcua.notifications.tasks import deliver


class Gateway:
    """A scripted gateway: each request pops the next (status, delay) and is recorded."""

    def __init__(self) -> None:
        self.script: list[tuple[int, float]] = []
        self.requests: list[dict[str, Any]] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.requests.append(
                    {"headers": dict(self.headers), "json": json.loads(body), "path": self.path}
                )
                status, delay = gateway.script.pop(0) if gateway.script else (200, 0.0)
                time.sleep(delay)
                answer = json.dumps({"id": f"gw-{len(gateway.requests)}"}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings: Any) -> Iterator[Gateway]:
    gw = Gateway()
    settings.NOTIFICATIONS = {
        **settings.NOTIFICATIONS,
        "SMS_BACKEND": "http",
        "SMS_HTTP_URL": gw.url,
        "SMS_HTTP_TOKEN": "s3cret",
        "SMS_HTTP_TIMEOUT": 0.5,
    }
    yield gw
    gw.close()


def outgoing(ref: str = "event:1:sms:0912345678") -> Outgoing:
    return Outgoing(
        message_id=1,
        channel="sms",
        address="0912 345 678",
        subject="",
        body="Hồ sơ H51-0001 đã tiếp nhận",
        html="",
        ref=ref,
    )


def channel(gw: Gateway, timeout: float = 0.5) -> HttpSmsChannel:
    return HttpSmsChannel(url=gw.url, token="s3cret", timeout=timeout)


def test_request_format_is_json_with_bearer_token_and_idempotency_key(gateway: Gateway) -> None:
    assert channel(gateway).send(outgoing()) == "gw-1"
    [req] = gateway.requests
    assert req["json"] == {
        "to": "+84912345678",
        "text": "Hồ sơ H51-0001 đã tiếp nhận",
        "ref": "event:1:sms:0912345678",
    }
    assert req["headers"]["Authorization"] == "Bearer s3cret"
    assert req["headers"]["Idempotency-Key"] == "event:1:sms:0912345678"
    assert req["headers"]["Content-Type"].startswith("application/json")


def test_server_error_and_rate_limit_are_retryable_client_error_is_not(gateway: Gateway) -> None:
    gateway.script = [(500, 0), (429, 0), (400, 0)]
    with pytest.raises(Retryable, match="HTTP 500"):
        channel(gateway).send(outgoing())
    with pytest.raises(Retryable, match="HTTP 429"):
        channel(gateway).send(outgoing())
    with pytest.raises(PermanentFailure, match="HTTP 400"):
        channel(gateway).send(outgoing())


def test_timeout_is_retryable(gateway: Gateway) -> None:
    gateway.script = [(200, 1.5)]
    started = time.monotonic()
    with pytest.raises(Retryable, match="timeout"):
        channel(gateway, timeout=0.3).send(outgoing())
    assert time.monotonic() - started < 1.4


def test_unreachable_gateway_is_retryable() -> None:
    with pytest.raises(Retryable):
        HttpSmsChannel(url="http://127.0.0.1:9/sms", token="t", timeout=0.5).send(outgoing())


@pytest.mark.django_db
def test_message_is_retried_after_a_500_then_sent(gateway: Gateway) -> None:
    gateway.script = [(500, 0), (200, 0)]
    msg = notify_event(
        kind="received",
        subject_ref="dossier:1",
        context={"code": "H51-0001", "due_at": "09:00 17/03/2026"},
        recipients=[(None, "sms", "0912345678")],
        event_key="event:1",
    )[0]
    DBTaskResult.objects.all().delete()
    assert deliver.call(message_id=msg.pk)["retry"] == 2
    msg.refresh_from_db()
    assert msg.status == "pending" and "HTTP 500" in msg.last_error
    retry = DBTaskResult.objects.get()
    assert retry.run_after is not None and msg.next_attempt_at == retry.run_after
    with time_machine.travel(retry.run_after, tick=False):
        assert deliver.call(**retry.args_kwargs["kwargs"])["outcome"] == "sent"
    msg = Message.objects.get(pk=msg.pk)
    assert msg.status == "sent" and msg.attempts == 2 and msg.provider_ref == "gw-2"
    assert [r["json"]["ref"] for r in gateway.requests] == [msg.dedupe_key, msg.dedupe_key]


@pytest.mark.django_db
def test_message_times_out_and_is_scheduled_again(gateway: Gateway) -> None:
    gateway.script = [(200, 1.2)]
    msg = notify_event(
        kind="received",
        subject_ref="dossier:1",
        context={"code": "H51-0001"},
        recipients=[(None, "sms", "0912345678")],
        event_key="event:2",
    )[0]
    assert deliver.call(message_id=msg.pk)["retry"] == 2
    msg.refresh_from_db()
    assert msg.status == "pending" and "timeout" in msg.last_error
