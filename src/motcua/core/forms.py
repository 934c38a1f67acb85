# SPDX-License-Identifier: AGPL-3.0-or-later
"""Form helpers shared by the web interfaces (desk and portal)."""

from __future__ import annotations

from django import forms

from motcua.core.errors import DomainError


def apply_domain_error(
    form: forms.Form, error: DomainError, *, field_map: dict[str, str] | None = None
) -> None:
    """Copy a service error onto ``form``: known fields get their messages, the rest go on top.

    Services report ``details`` {field: [messages]}; showing them beside the matching fields means
    the web pages and the API report the same errors. ``field_map`` renames service fields to form
    fields where they differ.
    """
    field_map = field_map or {}
    if not error.details:
        form.add_error(None, str(error.message))
        return
    for name, messages in error.details.items():
        target = field_map.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)
