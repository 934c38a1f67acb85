# SPDX-License-Identifier: AGPL-3.0-or-later
"""SMS adapters: an HTTP gateway (request format in docs/notifications.md) and a file/console
adapter for the embedded mode.

HTTP: ``POST <url>`` with ``Authorization: Bearer <token>``, ``Idempotency-Key: <ref>`` and the
JSON body ``{"to": "+84…", "text": "…", "ref": "<ref>"}`` (plus ``"sender"`` when configured).
2xx = handed over (an ``id`` in a JSON answer is kept as the provider reference); 408, 429,
5xx, timeouts and connection errors are retried; other 4xx fail the message.
"""

from __future__ import annotations

import fcntl
import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

from motcua.core import clock
from motcua.core.tasks import Retryable
from motcua.notifications.channels import Outgoing, PermanentFailure

RETRY_STATUSES = frozenset({408, 425, 429})


def normalise_phone(raw: str) -> str:
    """A Vietnamese number in E.164 (``0912 345 678`` → ``+84912345678``)."""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("0"):
        digits = "+84" + digits[1:]
    elif digits.startswith("84"):
        digits = "+" + digits
    if not re.fullmatch(r"\+\d{8,15}", digits):
        raise PermanentFailure(f"not a phone number: {raw!r}")
    return digits


class HttpSmsChannel:
    name = "sms"

    def __init__(self, *, url: str, token: str, timeout: float, sender: str = "") -> None:
        if not url.startswith(("http://", "https://")):
            raise PermanentFailure("SMS_HTTP_URL must be an http(s) URL")
        self.url, self.token, self.timeout, self.sender = url, token, timeout, sender

    def send(self, message: Outgoing) -> str:
        payload: dict[str, str] = {
            "to": normalise_phone(message.address),
            "text": message.body,
            "ref": message.ref,
        }
        if self.sender:
            payload["sender"] = self.sender
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": message.ref,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read(65536)
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode(errors="replace")
            if exc.code >= 500 or exc.code in RETRY_STATUSES:
                raise Retryable(f"SMS gateway HTTP {exc.code}: {detail}") from exc
            raise PermanentFailure(f"SMS gateway HTTP {exc.code}: {detail}") from exc
        except TimeoutError as exc:
            raise Retryable(f"SMS gateway timeout after {self.timeout:g} s") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise Retryable(f"SMS gateway unreachable: {exc}") from exc
        try:
            answer = json.loads(raw or b"{}")
        except ValueError:
            return ""
        return str(answer.get("id", ""))[:100] if isinstance(answer, dict) else ""


def _line(message: Outgoing) -> str:
    return json.dumps(
        {
            "at": clock.now().isoformat(),
            "to": normalise_phone(message.address),
            "text": message.body,
            "ref": message.ref,
        },
        ensure_ascii=False,
    )


class FileSmsChannel:
    """Appends one JSON line per SMS to a file (``var/sms.log``): the embedded-mode gateway."""

    name = "sms"

    def __init__(self, *, path: str | Path) -> None:
        self.path = Path(path)

    def send(self, message: Outgoing) -> str:
        line = _line(message) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)  # several workers may append at once
                fh.write(line)
                fh.flush()
                fcntl.flock(fh, fcntl.LOCK_UN)
        except OSError as exc:
            raise Retryable(f"SMS file: {exc}") from exc
        return ""


class ConsoleSmsChannel:
    name = "sms"

    def send(self, message: Outgoing) -> str:
        sys.stdout.write("SMS " + _line(message) + "\n")
        sys.stdout.flush()
        return ""
