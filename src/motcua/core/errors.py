# SPDX-License-Identifier: AGPL-3.0-or-later
"""Domain errors with stable codes, mapped to HTTP by ``api`` and to form errors by the web views.

A service raises one of these; it never returns half a result. ``details`` maps a field name to
a list of messages so that every interface can show a field-level error.
"""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """Base of every rule violation a user can cause. HTTP 422 unless a subclass says otherwise."""

    code = "invalid"
    status = 422

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        details: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code
        self.details: dict[str, list[str]] = details or {}


class ValidationFailed(DomainError):
    """Input broke a rule; ``details`` says which field and why."""

    code = "validation_error"
    status = 422


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    """The request clashes with the current state (e.g. overlapping validity periods)."""

    code = "conflict"
    status = 409
