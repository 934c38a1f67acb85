# SPDX-License-Identifier: AGPL-3.0-or-later
"""Input shapes of the catalogue services (pydantic), with field errors in gettext messages.

Services accept plain dicts (from forms, the API or the importer) and validate them here; a
failure becomes ``ValidationFailed`` whose ``details`` keys are dotted paths such as
``fees.0.amount_vnd``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

import pydantic
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from pydantic import BaseModel, ConfigDict, Field, field_validator

from motcua.agencies.models import AgencyKind, Role
from motcua.catalog.constants import (
    RESULT_CODE_RE,
    Channel,
    DocumentRequirement,
    FeeCollectedAt,
    FeeKind,
    PerformerKind,
    ServiceMode,
)
from motcua.catalog.policies import is_valid_procedure_code
from motcua.core.errors import ValidationFailed
from motcua.core.text import nfc
from motcua.workcal.deadlines import Unit

M = TypeVar("M", bound=BaseModel)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResultIn(_In):
    name: str = Field(min_length=1)
    code: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value and not RESULT_CODE_RE.match(value):
            raise ValueError(_("Enter a result code such as KQ.G12.000804."))
        return value


class ProcedureIn(_In):
    code: str
    name_vi: str = Field(min_length=1, max_length=2000)
    name_en: str = ""
    field_code: str = ""
    level_codes: list[str] = []
    levels_text: str = ""
    competent_agency_kinds: list[str] = []
    competent_authority_text: str = ""
    implementing_agencies_text: str = ""
    applicant_types: list[str] = []
    results: list[ResultIn] = []
    issuing_ministry: str = ""
    source_url: str = ""
    needs_review: bool = False
    review_notes: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not is_valid_procedure_code(value):
            raise ValueError(_("Enter a national procedure code such as 1.002755."))
        return value

    @field_validator("competent_agency_kinds")
    @classmethod
    def _kinds(cls, value: list[str]) -> list[str]:
        unknown = [k for k in value if k not in AgencyKind.values]
        if unknown:
            raise ValueError(_("Unknown agency kind: %(kinds)s.") % {"kinds": ", ".join(unknown)})
        return list(dict.fromkeys(value))

    @field_validator("name_vi", "name_en")
    @classmethod
    def _nfc(cls, value: str) -> str:
        return nfc(value)


class VersionIn(_In):
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    service_mode: ServiceMode | None = None
    partial_online_reason: str = ""
    paper_result_required: bool = False
    inter_agency: bool = False
    financial_obligation: bool = False
    eform: dict[str, Any] = {}
    decision_number: str = ""
    decision_date: dt.date | None = None
    steps_text: str = ""
    requirements_text: str = ""
    notes: str = ""


class LegalBasisIn(_In):
    number: str = ""
    title: str = Field(min_length=1)


class CaseIn(_In):
    key: str = Field(pattern=r"^[-a-z0-9_]{1,50}$")
    name_vi: str = Field(min_length=1)
    name_en: str = ""


class DocumentIn(_In):
    # The document of the same draft this row replaces: it keeps its id and template file.
    id: int | None = Field(default=None, ge=1)
    name: str = Field(min_length=1)
    code: str = ""
    case_key: str = ""
    group: str = ""
    originals: int | None = Field(default=None, ge=0, le=99)
    copies: int | None = Field(default=None, ge=0, le=99)
    quantity_raw: str = ""
    requirement: DocumentRequirement = DocumentRequirement.MANDATORY
    reusable: bool = False
    template_name: str = ""
    needs_review: bool = False


class FeeIn(_In):
    name: str = Field(min_length=1)
    kind: FeeKind = FeeKind.FEE
    amount_vnd: int | None = Field(default=None, ge=0)
    schedule_text: str = ""
    channel: Channel | None = None
    collected_at: FeeCollectedAt = FeeCollectedAt.RECEIPT
    raw: str = ""
    needs_review: bool = False

    @pydantic.model_validator(mode="after")
    def _amount_or_schedule(self) -> FeeIn:
        if self.amount_vnd is None and not self.schedule_text:
            raise ValueError(_("Give an amount in VND or the schedule it follows."))
        return self


class TimeLimitIn(_In):
    channel: Channel
    case_key: str = ""
    amount: Decimal | None = Field(default=None, gt=0, max_digits=8, decimal_places=2)
    unit: Unit | None = None
    raw: str = ""
    needs_review: bool = False


class StepIn(_In):
    order: int = Field(ge=1, le=999)
    parallel_group: str = Field(default="", max_length=30)
    branch: int = Field(default=1, ge=1, le=99)
    name_vi: str = Field(min_length=1, max_length=255)
    name_en: str = Field(default="", max_length=255)
    performer: PerformerKind
    agency_identifier: str = ""
    role: Role
    norm_amount: Decimal = Field(gt=0, max_digits=8, decimal_places=2)
    norm_unit: Unit

    @pydantic.model_validator(mode="after")
    def _agency(self) -> StepIn:
        fixed = self.performer == PerformerKind.FIXED_AGENCY
        if fixed and not self.agency_identifier:
            raise ValueError(_("A step done by a fixed agency names that agency."))
        if not fixed and self.agency_identifier:
            raise ValueError(_("Only a fixed-agency step names an agency."))
        return self


_MESSAGES = {
    "missing": N_("This field is required."),
    "extra_forbidden": N_("This field is not allowed."),
    "greater_than_equal": N_("Must be at least %(ge)s."),
    "greater_than": N_("Must be greater than %(gt)s."),
    "less_than_equal": N_("Must be at most %(le)s."),
    "string_too_short": N_("This field is required."),
    "string_too_long": N_("Too long."),
    "string_pattern_mismatch": N_("Invalid format."),
    "enum": N_("Select a valid choice."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "decimal_parsing": N_("Enter a number."),
    "decimal_max_places": N_("At most two decimal places."),
    "date_from_datetime_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_type": N_("Enter a date as YYYY-MM-DD."),
    "bool_parsing": N_("Enter true or false."),
}


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "value_error":
        return str(error["ctx"]["error"])
    template = _MESSAGES.get(kind)
    if template is None:
        return _("Invalid value.")
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    return _(template) % ctx if "%(" in template else _(template)


def parse(model: type[M], data: Any, *, prefix: str = "") -> M:
    """``data`` validated as ``model``; ``ValidationFailed`` with dotted field paths otherwise."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        details: dict[str, list[str]] = {}
        for error in exc.errors():
            path = ".".join(str(p) for p in (prefix, *error["loc"]) if p != "") or "__all__"
            details.setdefault(path, []).append(_message(error))
        raise ValidationFailed(_("Some values are not valid."), details=details) from None


def procedure_input_data(procedure: Any) -> dict[str, Any]:
    """The stored descriptive data of ``procedure`` in ``ProcedureIn`` form (without ``code``).

    ``procedure_update`` replaces every field, so a partial change (an API PATCH, a desk edit
    form) starts from this and overrides what the user changed.
    """
    return {
        "name_vi": procedure.name_vi,
        "name_en": procedure.name_en,
        "field_code": procedure.field.code if procedure.field else "",
        "level_codes": [lv.code for lv in procedure.levels.all()],
        "levels_text": procedure.levels_text,
        "competent_agency_kinds": list(procedure.competent_agency_kinds or []),
        "competent_authority_text": procedure.competent_authority_text,
        "implementing_agencies_text": procedure.implementing_agencies_text,
        "applicant_types": list(procedure.applicant_types or []),
        "results": [
            {"name": str(r.get("name", "")), "code": str(r.get("code", ""))}
            for r in procedure.results or []
        ],
        "issuing_ministry": procedure.issuing_ministry,
        "source_url": procedure.source_url,
        "needs_review": procedure.needs_review,
        "review_notes": procedure.review_notes,
    }
