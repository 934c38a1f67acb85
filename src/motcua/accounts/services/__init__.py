# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of accounts: applicant registration, staff creation, role grants and ends.

Every service runs in one transaction and either completes or raises a ``core.errors`` error
with field-level ``details``; nothing is saved on error. Identifier rules live in
``accounts.identifiers``, authorisation rules in ``accounts.policies``.
"""

from __future__ import annotations

from motcua.accounts.services.applicants import (
    citizen_profile_sync_from_e_id,
    citizen_register,
    organisation_register,
)
from motcua.accounts.services.roles import role_assign, role_end
from motcua.accounts.services.staff import staff_create

__all__ = [
    "citizen_profile_sync_from_e_id",
    "citizen_register",
    "organisation_register",
    "role_assign",
    "role_end",
    "staff_create",
]
