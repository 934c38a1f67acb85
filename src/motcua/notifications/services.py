# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of the notifications domain: recording messages for an event, delivering them,
inbox read state, channel preferences and template edits.

Legal basis: the one-stop unit informs the applicant of every step that concerns them — receipt,
refusal, supplement, financial obligation, extension with apology, result, stop (Decree 61/2018
Art 17, 19, 20 as amended by Decree 107/2021; Decree 118/2025/NĐ-CP on the one-stop mechanism;
Circular 01/2018/TT-VPCP on the portal and its notices).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _

from motcua.agencies.models import Role
from motcua.agencies.selectors import user_has_role
from motcua.core import clock
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.tasks import Retryable, idempotency_key
from motcua.notifications import rendering
from motcua.notifications.channels import Outgoing, PermanentFailure, channel_for
from motcua.notifications.kinds import Channel, Language, MessageStatus
from motcua.notifications.models import ChannelPreference, Message, Template
from motcua.notifications.schemas import Localized, Recipient
from motcua.notifications.selectors import preferences_of

__all__ = ["Localized", "Recipient", "notify_event"]
LEASE = dt.timedelta(minutes=2)  # a "sending" message older than this was lost by a crash
SWEEP_GRACE = dt.timedelta(seconds=60)
FALLBACK_SUBJECT = "{{ code }}"


def _language(value: str | None) -> str:
    lang = (value or settings.LANGUAGE_CODE)[:2]
    return lang if lang in Language.values else Language.VI


def _templates(kind: str, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], Template]:
    rows = Template.objects.filter(kind=kind, channel__in={c for c, _l in pairs})
    return {(t.channel, t.language): t for t in rows}


def _pick(found: dict[tuple[str, str], Template], channel: str, language: str) -> tuple[str, str]:
    """(subject, body) for channel+language: the other language, then the inbox text, then a
    neutral line, so a missing template never loses a notice."""
    for key in ((channel, language), (channel, "vi"), (channel, "en"), ("inbox", language)):
        if key in found:
            return found[key].subject, found[key].body
    return FALLBACK_SUBJECT, "{{ code }}"


def _render(source: str, context: Mapping[str, Any], language: str) -> str:
    """A template that slipped past validation (a raw SQL edit) must not lose the notice."""
    try:
        return rendering.render(source, context, language=language)
    except TemplateSyntaxError:
        return rendering.render("{{ code }}", context, language=language)


@transaction.atomic
def notify_event(
    *,
    kind: str,
    subject_ref: str,
    context: Mapping[str, Any],
    recipients: Iterable[Recipient],
    event_key: str,
    language: str | None = None,
    event_at: dt.datetime | None = None,
) -> list[Message]:
    """Record one message per wanted recipient and channel, and enqueue their delivery.

    Pre: ``event_key`` identifies the event (e.g. ``event:42``); recipients are
    ``(user_id | None, channel, address)``. Post: for each recipient not already notified of
    this event on this channel/address (dedupe key), and whose preference allows e-mail/SMS, a
    pending ``Message`` with the rendered text and a ``deliver`` task, both in the caller's
    transaction: a rolled-back event leaves neither. Inbox messages need no delivery: they are
    recorded as handed over (the row is the inbox entry). Returns the new messages.
    """
    from motcua.notifications.tasks import deliver

    wanted: dict[str, Recipient] = {}
    for user_id, channel, address in recipients:
        if channel not in Channel.values:
            message = _("Unknown channel.")
            raise ValidationFailed(message, details={"channel": [message]})
        address = (address or "").strip()
        if channel == Channel.INBOX and user_id is not None:
            address = address or f"user:{user_id}"
        if not address:
            continue
        wanted.setdefault(idempotency_key(event_key, channel, address), (user_id, channel, address))
    if not wanted:
        return []
    existing = set(
        Message.objects.filter(dedupe_key__in=list(wanted)).values_list("dedupe_key", flat=True)
    )
    prefs = preferences_of(user_ids={u for u, _c, _a in wanted.values() if u is not None})
    base_language = _language(language)
    found = _templates(kind, {(c, "") for _u, c, _a in wanted.values()} | {("inbox", "")})
    now = clock.now()
    rows: list[Message] = []
    for key, (user_id, channel, address) in wanted.items():
        if key in existing:
            continue
        pref = prefs.get(user_id) if user_id is not None else None
        if pref is not None and (
            (channel == Channel.EMAIL and not pref.email)
            or (channel == Channel.SMS and not pref.sms)
        ):
            continue
        lang = _language(pref.language) if pref is not None else base_language
        subject_src, body_src = _pick(found, channel, lang)
        # The inbox adapter has nothing to hand over: the committed row is the inbox entry.
        inbox = channel == Channel.INBOX
        rows.append(
            Message(
                recipient_id=user_id,
                channel=channel,
                address=address[:255],
                kind=kind,
                subject_ref=subject_ref[:100],
                language=lang,
                subject=_render(subject_src, context, lang)[:255],
                body=_render(body_src, context, lang),
                status=MessageStatus.SENT if inbox else MessageStatus.PENDING,
                attempts=1 if inbox else 0,
                handed_at=now if inbox else None,
                next_attempt_at=None if inbox else now,
                event_at=event_at or now,
                dedupe_key=key,
            )
        )
    created: list[Message] = []
    for row in rows:
        try:
            with transaction.atomic():  # a concurrent run of the same event may win the key
                row.save(force_insert=True)
        except IntegrityError:
            continue
        created.append(row)
    for row in created:
        if row.status == MessageStatus.PENDING:
            deliver.enqueue(message_id=row.pk)
    return created


def _claim(message_id: int, now: dt.datetime) -> Message | None:
    """Move a due message to ``sending`` (one worker wins); None when there is nothing to do.

    Due = ``pending`` whose ``next_attempt_at`` has come, or ``sending`` whose lease expired
    (both keep the moment in ``next_attempt_at``).
    """
    won = Message.objects.filter(
        pk=message_id,
        status__in=[MessageStatus.PENDING, MessageStatus.SENDING],
        next_attempt_at__lte=now,
    ).update(status=MessageStatus.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    return Message.objects.get(pk=message_id) if won else None


def message_deliver(*, message_id: int) -> str:
    """Hand one message to its channel. Idempotent: a sent or failed message is left alone.

    Post: ``sent`` with ``handed_at``; or ``failed`` with ``last_error`` (permanent refusal); or
    ``Retryable`` is raised for the retry wrapper, the message staying ``sending`` until the
    wrapper's ``message_retry_scheduled`` sets it back to ``pending``. No transaction is held
    while the channel is called (an SMS gateway may take seconds).
    """
    message = _claim(message_id, clock.now())
    if message is None:
        return "skipped"
    html = ""
    if message.channel == Channel.EMAIL:
        html = rendering.text_to_html(message.body)
    outgoing = Outgoing(
        message_id=message.pk,
        channel=message.channel,
        address=message.address,
        subject=message.subject,
        body=message.body,
        html=html,
        ref=message.dedupe_key,
    )
    try:
        provider_ref = channel_for(message.channel).send(outgoing)
    except PermanentFailure as exc:
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.FAILED, last_error=str(exc)[:1000], next_attempt_at=None
        )
        return "failed"
    except Retryable:
        raise
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENT,
        handed_at=clock.now(),
        last_error="",
        next_attempt_at=None,
        provider_ref=provider_ref[:100],
    )
    return "sent"


def message_retry_scheduled(*, message_id: int, run_after: dt.datetime, error: str) -> None:
    Message.objects.filter(pk=message_id, status=MessageStatus.SENDING).update(
        status=MessageStatus.PENDING, next_attempt_at=run_after, last_error=error
    )


def message_give_up(*, message_id: int, error: str) -> None:
    Message.objects.filter(pk=message_id).exclude(status=MessageStatus.SENT).update(
        status=MessageStatus.FAILED, next_attempt_at=None, last_error=error
    )


def messages_sweep(*, at: dt.datetime | None = None, limit: int = 500) -> int:
    """Re-enqueue messages whose delivery task was lost (crash, restore): pending ones past their
    next attempt by ``SWEEP_GRACE``, and ``sending`` ones whose lease expired. Idempotent: the
    claim in ``message_deliver`` lets only one delivery hand a message over."""
    from motcua.notifications.tasks import MAX_ATTEMPTS, deliver

    now = at or clock.now()
    stale = Q(status=MessageStatus.PENDING, next_attempt_at__lte=now - SWEEP_GRACE) | Q(
        status=MessageStatus.SENDING, next_attempt_at__lte=now
    )
    count = 0
    for pk, attempts in Message.objects.filter(stale).values_list("pk", "attempts")[:limit]:
        with transaction.atomic():
            if attempts >= MAX_ATTEMPTS:
                message_give_up(
                    message_id=pk, error=_("Gave up after %(n)s attempts.") % {"n": attempts}
                )
                continue
            Message.objects.filter(pk=pk).update(status=MessageStatus.PENDING, next_attempt_at=now)
            deliver.enqueue(message_id=pk, attempt=attempts + 1)
            count += 1
    return count


@transaction.atomic
def message_mark_read(*, user: Any, message_id: int) -> Message:
    """Mark one of the user's own inbox entries read (someone else's is "not found")."""
    message = (
        Message.objects.select_for_update()
        .filter(pk=message_id, recipient_id=getattr(user, "pk", None), channel=Channel.INBOX)
        .first()
    )
    if message is None or not getattr(user, "is_authenticated", False):
        raise NotFound(_("No such notification."))
    if message.read_at is None:
        message.read_at = clock.now()
        message.save(update_fields=["read_at"])
    return message


@transaction.atomic
def preference_set(*, user: Any, email: bool, sms: bool, language: str) -> ChannelPreference:
    """The user's channels besides the inbox, which cannot be turned off (Decree 61/2018 Art 19:
    the applicant is always informed on the portal)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to choose how you are notified."))
    if language not in Language.values:
        message = _("Choose Vietnamese or English.")
        raise ValidationFailed(message, details={"language": [message]})
    pref, _created = ChannelPreference.objects.update_or_create(
        user_id=user.pk, defaults={"email": email, "sms": sms, "language": language}
    )
    return pref


def may_edit_templates(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user_has_role(user=user, roles=[Role.SYSTEM_ADMIN]))
    )


def template_validate(*, subject: str, body: str, channel: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if channel != Channel.SMS and not subject.strip():
        errors["subject"] = [_("Give a subject.")]
    if not body.strip():
        errors["body"] = [_("Give the text of the message.")]
    for name, source in (("subject", subject), ("body", body)):
        if problems := rendering.validate(source):
            errors.setdefault(name, []).extend(problems)
    return errors


@transaction.atomic
def template_update(*, actor: Any, template_id: int, subject: str, body: str) -> Template:
    """Change a template (system administrators). Post: validated, saved with history
    (django-simple-history), used by the next message; messages already recorded keep their text."""
    if not may_edit_templates(actor):
        raise PermissionDenied(_("Only system administrators edit notification templates."))
    template = Template.objects.select_for_update().filter(pk=template_id).first()
    if template is None:
        raise NotFound(_("No such template."))
    errors = template_validate(subject=subject, body=body, channel=template.channel)
    if errors:
        raise ValidationFailed(_("The template cannot be saved."), details=errors)
    template.subject, template.body, template.updated_by = subject.strip(), body.strip(), actor
    template.save()
    return template


def template_preview(*, subject: str, body: str, language: str) -> tuple[str, str]:
    """Subject and body rendered with the sample context (only call after validation)."""
    from motcua.notifications.kinds import SAMPLE_CONTEXT

    lang = _language(language)
    return (
        rendering.render(subject, SAMPLE_CONTEXT, language=lang),
        rendering.render(body, SAMPLE_CONTEXT, language=lang),
    )
