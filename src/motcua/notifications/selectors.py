# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the notifications domain: a user's inbox, preferences and contacts, the delivery
log and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from motcua.notifications.kinds import Channel, MessageStatus
from motcua.notifications.models import ChannelPreference, Message, Template


@dataclass(frozen=True)
class Preference:
    email: bool
    sms: bool
    language: str


def inbox_list(*, user: Any) -> QuerySet[Message]:
    """The user's own inbox entries, newest first (only those already handed over)."""
    if not getattr(user, "is_authenticated", False):
        return Message.objects.none()
    return Message.objects.filter(
        recipient_id=user.pk, channel=Channel.INBOX, status=MessageStatus.SENT
    ).order_by("-created_at", "-id")


def inbox_unread_count(*, user: Any) -> int:
    return inbox_list(user=user).filter(read_at__isnull=True).count()


def preference_of(*, user_id: int) -> Preference:
    row = ChannelPreference.objects.filter(user_id=user_id).first()
    if row is None:
        return Preference(email=True, sms=True, language=settings.LANGUAGE_CODE[:2])
    return Preference(email=row.email, sms=row.sms, language=row.language)


def preferences_of(*, user_ids: set[int]) -> dict[int, Preference]:
    found = {
        p.user_id: Preference(email=p.email, sms=p.sms, language=p.language)
        for p in ChannelPreference.objects.filter(user_id__in=user_ids)
    }
    default = Preference(email=True, sms=True, language=settings.LANGUAGE_CODE[:2])
    return {uid: found.get(uid, default) for uid in user_ids}


def contact_of(user: Any) -> tuple[str, str]:
    """(e-mail, phone) of a user: the applicant profile first, then the account."""
    email, phone = getattr(user, "email", "") or "", getattr(user, "phone", "") or ""
    for name in ("citizen_profile", "organisation_profile"):
        profile = getattr(user, name, None)  # a missing one-to-one raises AttributeError
        if profile is not None:
            email = profile.email or email
            phone = profile.phone or phone
            break
    return email, phone


def message_log(*, status: str = "", channel: str = "") -> QuerySet[Message]:
    qs = Message.objects.select_related("recipient").order_by("-created_at", "-id")
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    return qs


def template_list() -> QuerySet[Template]:
    return Template.objects.order_by("kind", "channel", "language")


def messages_about(*, subject_ref: str) -> QuerySet[Message]:
    return Message.objects.filter(subject_ref=subject_ref).order_by("id")
