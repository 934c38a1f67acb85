# SPDX-License-Identifier: AGPL-3.0-or-later
"""Notification kinds, channels, languages and the variables a template may use.

The notifications domain is generic: a kind is a string chosen by the domain that notifies
(the dossier domain uses its event types), and the subject of a message is a reference string
such as ``dossier:123``. The variables below are the only names a template may print; the
dossier domain fills those that apply to each kind (docs/notifications.md lists which).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("Portal inbox")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Handed to the channel")
    FAILED = "failed", _("Failed")


# Applicant-facing kinds (Decree 61/2018 Art 17, 19, 20; Decree 118/2025) then officials' kinds.
KINDS: dict[str, object] = {
    "submitted": _("Dossier submitted online"),
    "received": _("Dossier received"),
    "refused": _("Dossier refused at receipt"),
    "supplement_requested_at_receipt": _("Supplement requested at receipt"),
    "supplement_requested": _("Supplement requested during appraisal"),
    "financial_requested": _("Financial obligation due"),
    "extended": _("Appointment extended with apology"),
    "result_ready": _("Result ready"),
    "returned": _("Result returned"),
    "stopped": _("Processing stopped"),
    "cancelled": _("Dossier cancelled"),
    "assigned": _("Dossier assigned to you"),
    "step_due_soon": _("Step due soon"),
    "step_overdue": _("Step overdue"),
    "dossier_due_soon": _("Dossier due soon (unit head)"),
    "dossier_overdue": _("Dossier overdue (unit head)"),
}

VARIABLES: dict[str, object] = {
    "recipient_name": _("name of the recipient"),
    "code": _("dossier code"),
    "procedure": _("procedure name"),
    "agency": _("agency name"),
    "applicant_name": _("applicant name"),
    "due_at": _("appointment or due moment (HH:MM dd/mm/yyyy)"),
    "old_due_at": _("previous appointment (extension)"),
    "reason": _("reason(s) given by the official"),
    "amount": _("amount due in VND"),
    "early_return_note": _("notice that the result is returned early"),
    "step": _("name of the processing step"),
    "lookup_url": _("public lookup address of the dossier"),
}

# Filters an administrator may use; everything else (tags, other filters) is refused on save.
ALLOWED_FILTERS = frozenset(
    {"default", "upper", "lower", "title", "capfirst", "truncatechars", "truncatewords", "date"}
)

SAMPLE_CONTEXT: dict[str, str] = {
    "recipient_name": "Nguyễn Văn An",
    "code": "000.00.16.H51-260310-0001",
    "procedure": "Cấp phiếu lý lịch tư pháp",
    "agency": "Sở Tư pháp tỉnh Tây Ninh",
    "applicant_name": "Nguyễn Văn An",
    "due_at": "09:00 17/03/2026",
    "old_due_at": "09:00 12/03/2026",
    "reason": "Thiếu bản sao căn cước",
    "amount": "200.000 ₫",
    "early_return_note": "Kết quả được trả sớm hơn ngày hẹn.",
    "step": "Thẩm định hồ sơ",
    "lookup_url": "https://dichvucong.example/tra-cuu/000.00.16.H51-260310-0001",
}


def kind_label(kind: str) -> str:
    return str(KINDS.get(kind, kind))
