# SPDX-License-Identifier: AGPL-3.0-or-later
"""E-mail through Django's configured e-mail backend (SMTP in production, files under
``var/mail`` in the embedded mode, memory in tests)."""

from __future__ import annotations

import smtplib

from django.core.mail import EmailMultiAlternatives

from motcua.core.tasks import Retryable
from motcua.notifications.channels import Outgoing, PermanentFailure


class EmailChannel:
    name = "email"

    def __init__(self, *, from_email: str) -> None:
        self.from_email = from_email

    def send(self, message: Outgoing) -> str:
        mail = EmailMultiAlternatives(
            subject=message.subject.replace("\n", " "),
            body=message.body,
            from_email=self.from_email,
            to=[message.address],
            headers={"X-Motcua-Ref": message.ref},
        )
        if message.html:
            mail.attach_alternative(message.html, "text/html")
        try:
            mail.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure(f"recipient refused: {exc}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise Retryable(f"e-mail: {type(exc).__name__}: {exc}") from exc
        return ""
