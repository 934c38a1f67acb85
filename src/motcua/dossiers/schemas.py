# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pydantic shapes shared by the API (later session) and integrations."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class PublicStatusOut(BaseModel):
    code: str
    procedure_name: str
    national_status: int
    status: str
    due_at: dt.datetime | None


class EventOut(BaseModel):
    seq: int
    type: str
    occurred_at: dt.datetime
    actor_id: int | None = None
    agency_id: int | None = None
    payload: dict[str, object]
    hash: str


class DossierOut(BaseModel):
    id: int
    code: str | None
    version: int
    status: str
    sub_state: str
    national_status: int
    channel: str
    applicant_name: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    sla_class: str
