# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shapes of the dossier API (``routers/dossiers.py``): output, filters and action bodies.

Every action body may carry ``version`` (the dossier version the caller last saw) instead of the
``If-Match`` header; unknown fields are errors (``InputSchema``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from motcua.api.schemas import InputSchema
from motcua.dossiers.workflow.engine import ACTION_LABELS, STATE_LABELS, Action, State

MAX_DOSSIER_PAGE = 100
DEFAULT_DOSSIER_PAGE = 50

InboxName = Literal[
    "to_receive", "to_forward", "to_process", "to_approve", "to_return", "due_soon", "overdue"
]


def state_label(state: str) -> str:
    try:
        return str(STATE_LABELS[State(state)])
    except ValueError:
        return state


# --- Output ----------------------------------------------------------------------------------


# A page row is built from plain values (``routers.dossiers.list_dossiers``), not from model
# instances: with 50 rows a page, resolving dotted aliases through the ORM and the template
# variable resolver cost more CPU than the query (docs/performance.md). Same JSON as the detail.
class DossierSummaryOut(Schema):
    id: int = Field(description="Internal id; addresses a dossier that has no code yet")
    code: str | None = Field(description="Dossier code, issued at receipt")
    version: int = Field(description="Send it back in If-Match (or `version`) with an action")
    status: str
    status_label: str
    national_status: int = Field(description="DVCQG TrangThaiHoSo (1–10)")
    procedure_code: str
    procedure_name: str
    applicant_name: str
    channel: str
    receiving_agency: str
    competent_agency: str
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    due_at: dt.datetime | None = Field(description="The appointment (ngày hẹn trả)")
    sla_class: str = Field(description="early, on_time or late once finished; empty before")


# The same fields read from a ``Dossier`` instance (the detail and the action responses): only
# those that live on related rows are re-pointed; the status label is derived.
class _DossierModelOut(DossierSummaryOut):
    procedure_code: str = Field(..., alias="procedure_version.procedure.code")
    procedure_name: str = Field(..., alias="procedure_version.procedure.name_vi")
    receiving_agency: str = Field(..., alias="receiving_agency.identifier")
    competent_agency: str = Field(..., alias="competent_agency.identifier")

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return state_label(obj.status)


class DossierPageOut(Schema):
    items: list[DossierSummaryOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last")


class StepOut(Schema):
    id: int
    kind: str = Field(description="forward, process or consult")
    order: int
    name: str
    agency: str = Field(..., alias="agency.identifier")
    role: str
    assignee: str | None
    status: str
    started_at: dt.datetime
    due_at: dt.datetime | None
    finished_at: dt.datetime | None
    outcome: str
    sla_class: str

    @staticmethod
    def resolve_assignee(obj: Any) -> str | None:
        return obj.assignee.username if obj.assignee_id else None


class ActionOut(Schema):
    action: Action
    label: str


class DossierDetailOut(_DossierModelOut):
    sub_state: str
    outcome: str
    procedure_version: int = Field(..., alias="procedure_version.number")
    forward_due_at: dt.datetime | None
    tax_transfer_due_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    extended: bool
    early_return_notice: bool
    fees_due_vnd: int
    steps: list[StepOut] = Field(..., alias="steps_out")
    allowed_actions: list[ActionOut] = Field(
        description="What the caller may do now (state and the caller's roles)"
    )


class EventOut(Schema):
    seq: int
    type: str
    occurred_at: dt.datetime
    actor: str | None
    agency: str | None
    payload: dict[str, Any]
    hash: str

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor_id else None

    @staticmethod
    def resolve_agency(obj: Any) -> str | None:
        return obj.agency.identifier if obj.agency_id else None


class PublicEventOut(Schema):
    seq: int
    type: str
    occurred_at: dt.datetime
    agency: str


class PublicLookupOut(Schema):
    """Only what anyone may know from the code; ``timeline`` only with the lookup secret."""

    code: str
    procedure_name: str
    status: str
    appointment: dt.datetime | None
    timeline: list[PublicEventOut] | None = None


def action_label(action: Action) -> str:
    return str(ACTION_LABELS[action])


# --- Input -----------------------------------------------------------------------------------


class DossierFilter(Schema):
    status: State | None = Field(None, description="Internal state")
    procedure: str | None = Field(None, max_length=64, description="Procedure code")
    received_from: dt.date | None = Field(None, description="Received on or after (Vietnam day)")
    received_to: dt.date | None = Field(None, description="Received on or before (Vietnam day)")
    inbox: InboxName | None = Field(None, description="One of the caller's role inboxes")
    cursor: str | None = Field(None, max_length=200, description="From `next_cursor`")
    limit: int = Field(DEFAULT_DOSSIER_PAGE, ge=1, le=MAX_DOSSIER_PAGE)


class LookupQuery(Schema):
    secret: str | None = Field(
        None, max_length=64, description="Lookup secret printed on the receipt: adds the timeline"
    )


class ApplicantBody(InputSchema):
    name: str = Field(..., min_length=1, max_length=255)
    kind: Literal["person", "organisation"] = "person"
    id_number: str = Field("", max_length=20)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=255)


class DocumentBody(InputSchema):
    component_id: int | None = Field(None, description="Required document (thành phần hồ sơ) id")
    name: str = Field(..., min_length=1, max_length=200, description="File name, e.g. don.pdf")
    content_base64: str = Field(..., description="The file, base64-encoded")


class VersionedIn(InputSchema):
    version: int | None = Field(
        None, ge=1, description="Expected dossier version, when If-Match is not sent"
    )


class ReceiveAtCounterIn(InputSchema):
    procedure: str = Field(..., max_length=64, description="Procedure code (version in force)")
    applicant: ApplicantBody
    channel: Literal["direct", "postal"] = "direct"
    receiving_agency: str = Field(..., max_length=40, description="Agency identifier")
    competent_agency: str | None = Field(None, max_length=40, description="Agency identifier")
    case_id: int | None = None
    summary: str = Field("", max_length=2000)
    documents: list[DocumentBody] = Field(default_factory=list, max_length=50)


class SubmitOnlineIn(InputSchema):
    procedure: str = Field(..., max_length=64, description="Procedure code (version in force)")
    applicant: ApplicantBody
    receiving_agency: str = Field(..., max_length=40, description="Agency identifier")
    competent_agency: str | None = Field(None, max_length=40, description="Agency identifier")
    case_id: int | None = None
    eform_data: dict[str, Any] | None = None
    summary: str = Field("", max_length=2000)
    documents: list[DocumentBody] = Field(default_factory=list, max_length=50)


class DocumentsIn(VersionedIn):
    documents: list[DocumentBody] = Field(default_factory=list, max_length=50)


class ReasonIn(VersionedIn):
    reason: str = Field("", max_length=2000, description="Required")


class OptionalReasonIn(VersionedIn):
    reason: str = Field("", max_length=2000)


class ReasonsIn(VersionedIn):
    reasons: list[str] = Field(
        default_factory=list, max_length=50, description="The complete list, at least one"
    )


class TransferIn(ReasonIn):
    to: str = Field(..., max_length=40, description="Agency identifier")


class AssignIn(VersionedIn):
    assignee: str = Field(..., min_length=1, max_length=150, description="Username")
    step_id: int | None = Field(None, description="Default: the first open step")


class CompleteStepIn(VersionedIn):
    outcome: str = Field(..., min_length=1, max_length=32)
    note: str = Field("", max_length=2000)
    step_id: int | None = Field(None, description="Default: the first open step")


class ReturnStepIn(ReasonIn):
    step_id: int | None = Field(None, description="Default: the first open process step")


class ConsultIn(VersionedIn):
    agency: str = Field("", max_length=40, description="Agency identifier (one body)")
    agencies: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Several agency identifiers at once (liên thông); then `lead` is required",
    )
    lead: str = Field("", max_length=40, description="Identifier of the lead agency")
    question: str = Field("", max_length=2000, description="Required")
    due_at: dt.datetime


class WaitFinancialIn(VersionedIn):
    amount_vnd: int | None = Field(None, ge=0)


class FinancialPaidIn(VersionedIn):
    proof: str = Field("", max_length=255)


class ExtendIn(ReasonIn):
    new_due_at: dt.datetime


# --- Papers and printed forms ----------------------------------------------------------------

PrintKind = Literal[
    "receipt", "control_slip", "refusal", "supplement_request", "apology", "stop_notice"
]


class DocumentOut(Schema):
    id: int
    kind: str = Field(description="submitted, supplement, result or internal")
    component_id: int | None = Field(description="Required document (thành phần hồ sơ) id")
    component: str | None = Field(description="Name of the required document")
    original_name: str = Field(description="Sanitised file name as handed in")
    size: int = Field(description="Bytes")
    mime: str = Field(description="Type sniffed from the content (not the name)")
    sha256: str
    scanned_at_receipt: bool
    reused_from_data_store: bool
    uploaded_at: dt.datetime = Field(..., alias="created_at")
    has_file: bool

    @staticmethod
    def resolve_component(obj: Any) -> str | None:
        return obj.component.name if obj.component_id else None

    @staticmethod
    def resolve_has_file(obj: Any) -> bool:
        return bool(obj.file)


class DocumentUploadIn(InputSchema):
    kind: Literal["supplement", "result"] = Field(
        ...,
        description="supplement: the supplement of the current stage (at receipt or during "
        "appraisal); result: the electronic result when the decision is made",
    )
    component_id: int | None = Field(None, description="Required document the files stand for")
    version: int | None = Field(
        None, ge=1, description="Expected dossier version, when If-Match is not sent"
    )
