# SPDX-License-Identifier: AGPL-3.0-or-later
"""Notification templates, the outbox of messages with their delivery status, and the channels
each user chose.

``Message`` is both the outbox and the delivery log: a row is written in the transaction of the
event that causes it (through ``services.notify_event``), together with the ``deliver`` task row;
the worker hands it to its channel and records the outcome.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from motcua.notifications.kinds import KINDS, Channel, Language, MessageStatus
from motcua.notifications.rendering import validate


class Template(models.Model):
    """Subject and body of one kind on one channel in one language (edited by administrators)."""

    kind = models.CharField(_("event"), max_length=60, choices=[(k, v) for k, v in KINDS.items()])
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "channel", "language"]
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "channel", "language"], name="notification_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.channel}/{self.language}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.clean()  # no path (admin, shell, service) may store a template that cannot render
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        errors = {
            name: messages
            for name in ("subject", "body")
            if (messages := validate(getattr(self, name)))
        }
        if errors:
            raise ValidationError(errors)


class Message(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification_messages",
        verbose_name=_("recipient"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=255)
    kind = models.CharField(_("event"), max_length=60)
    subject_ref = models.CharField(_("about"), max_length=100, db_index=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=8, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    event_at = models.DateTimeField(_("event at"), null=True, blank=True)
    handed_at = models.DateTimeField(_("handed to the channel at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    provider_ref = models.CharField(_("provider reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    dedupe_key = models.CharField(max_length=160, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification message")
        verbose_name_plural = _("notification messages")
        indexes = [
            models.Index(fields=["recipient", "channel", "status"], name="notif_msg_inbox"),
            models.Index(fields=["status", "next_attempt_at"], name="notif_msg_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.channel}:{self.address}"


class ChannelPreference(models.Model):
    """What a user wants besides the portal inbox, which is always on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("by e-mail"), default=True)
    sms = models.BooleanField(_("by SMS"), default=True)
    language = models.CharField(
        _("language of notifications"), max_length=2, choices=Language.choices, default="vi"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: email={self.email} sms={self.sms}"
