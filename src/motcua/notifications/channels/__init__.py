# SPDX-License-Identifier: AGPL-3.0-or-later
"""The channel port and its adapters (docs/notifications.md).

An adapter hands one ``Outgoing`` message to its channel and returns the provider's reference
(or ""). It raises ``motcua.core.tasks.Retryable`` for temporary failures (timeouts, 5xx,
connection errors) and ``PermanentFailure`` when trying again cannot help (bad address, 4xx).
Adapters are chosen by settings (``NOTIFICATIONS``), read once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings


class PermanentFailure(Exception):
    """The channel refused the message for good; the message is marked failed at once."""


@dataclass(frozen=True)
class Outgoing:
    message_id: int
    channel: str
    address: str
    subject: str
    body: str
    html: str
    ref: str  # the message's dedupe key: the provider's idempotency key


class ChannelAdapter(Protocol):
    name: str

    def send(self, message: Outgoing) -> str: ...


def _build(name: str) -> ChannelAdapter:
    from motcua.notifications.channels import email, inbox, sms

    conf = settings.NOTIFICATIONS
    if name == "inbox":
        return inbox.InboxChannel()
    if name == "email":
        return email.EmailChannel(from_email=conf.get("EMAIL_FROM") or settings.DEFAULT_FROM_EMAIL)
    if name == "sms":
        backend = conf.get("SMS_BACKEND", "file")
        if backend == "http":
            return sms.HttpSmsChannel(
                url=conf["SMS_HTTP_URL"],
                token=conf.get("SMS_HTTP_TOKEN", ""),
                timeout=float(conf.get("SMS_HTTP_TIMEOUT", 10)),
                sender=conf.get("SMS_SENDER", ""),
            )
        if backend == "console":
            return sms.ConsoleSmsChannel()
        return sms.FileSmsChannel(path=conf.get("SMS_FILE", "var/sms.log"))
    raise PermanentFailure(f"unknown channel {name!r}")


@functools.lru_cache(maxsize=32)
def _cached(name: str, _config: tuple[tuple[str, str], ...]) -> ChannelAdapter:
    return _build(name)


def channel_for(name: str) -> ChannelAdapter:
    """The configured adapter of ``name`` (rebuilt when the ``NOTIFICATIONS`` setting changes)."""
    config = tuple(sorted((k, str(v)) for k, v in settings.NOTIFICATIONS.items()))
    return _cached(name, config)
