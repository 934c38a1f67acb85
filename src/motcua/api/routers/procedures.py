# SPDX-License-Identifier: AGPL-3.0-or-later
"""The procedure catalogue: public search and detail (any day), and its upkeep by catalogue
administrators (procedures, draft versions, parts, validation, publication, retirement).

Legal basis: Decree 118/2025/NĐ-CP (published TTHC lists); docs/DOMAIN.md rule 2 (a version is
in force for a period; ``?at=`` returns the one in force that day). Reads go through
``catalog.selectors``/``catalog.export``; writes through ``catalog.services``, which authorise
(catalogue_admin or system_admin) and validate with field details.
"""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from motcua.agencies.models import AgencyKind
from motcua.agencies.selectors import agency_get, user_has_role
from motcua.api.auth import AUTH
from motcua.api.routers.base import ApiRouter
from motcua.api.schemas import InputSchema, Pagination
from motcua.catalog import policies
from motcua.catalog.constants import ServiceMode, VersionStatus
from motcua.catalog.export import procedure_out
from motcua.catalog.inputs import procedure_input_data
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.schemas import ProcedureOut
from motcua.catalog.selectors import (
    procedure_get,
    procedure_list,
    procedure_version_in_force,
    procedures_with_version_in_force,
    version_get,
    version_list,
)
from motcua.catalog.services import (
    procedure_create,
    procedure_update,
    version_create_draft,
    version_parts_set,
    version_publish,
    version_retire,
    version_update,
    version_validate,
)
from motcua.core import clock
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed

router = ApiRouter(tags=["procedures"])

PUBLIC_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.RETIRED)
PartKind = Literal["legal_bases", "cases", "documents", "fees", "time_limits", "steps"]

DETAIL_FORMAT = (
    "The answer uses the catalogue's export format (`ProcedureOut`, docs/catalogue.md): "
    "national portal (DVCQG) key names where they exist (MaTTHC, TenTTHC, CachThucThucHien, "
    "ThanhPhanHoSo, DanhSachLePhi, ...), everything else under `motcua` in snake_case."
)


def _anonymous(request: HttpRequest) -> Any:
    """Last resort of the optional authentication: the caller is the public."""
    return AnonymousUser()


# Read endpoints that show more to catalogue administrators but answer everybody.
OPTIONAL_AUTH: list[Any] = [*AUTH, _anonymous]


def _is_editor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return policies.can_edit_catalogue(
        is_superuser=bool(getattr(user, "is_superuser", False)),
        is_catalogue_editor=user_has_role(user=user, roles=policies.EDITOR_ROLES),
    )


# --- Output ----------------------------------------------------------------------------------


class TimeLimitOut(Schema):
    channel: str = Field(description="in_person, postal or online")
    amount: Decimal | None
    unit: str = Field(description="working_hour, working_day, calendar_day, month; empty: unknown")
    source: str = Field(description="the published text")
    needs_review: bool


class ProcedureSummaryOut(Schema):
    """One procedure of the public list with the version in force today."""

    code: str
    name_vi: str
    name_en: str
    field_code: str
    field_name: str
    levels: list[str]
    competent_agency_kinds: list[str]
    version: int
    effective_from: dt.date
    effective_to: dt.date | None
    service_mode: str = Field(description="full_online, partial_online; empty: not stated")
    time_limits: list[TimeLimitOut]

    @staticmethod
    def _version(obj: Any) -> Any:
        return obj.in_force[0]

    @staticmethod
    def resolve_field_code(obj: Any) -> str:
        return obj.field.code if obj.field_id else ""

    @staticmethod
    def resolve_field_name(obj: Any) -> str:
        return obj.field.name_vi if obj.field_id else ""

    @staticmethod
    def resolve_levels(obj: Any) -> list[str]:
        return [lv.code for lv in obj.levels.all()]

    @staticmethod
    def resolve_version(obj: Any) -> int:
        return int(obj.in_force[0].number)

    @staticmethod
    def resolve_effective_from(obj: Any) -> dt.date:
        return obj.in_force[0].effective_from  # type: ignore[no-any-return]

    @staticmethod
    def resolve_effective_to(obj: Any) -> dt.date | None:
        return obj.in_force[0].effective_to  # type: ignore[no-any-return]

    @staticmethod
    def resolve_service_mode(obj: Any) -> str:
        return str(obj.in_force[0].service_mode)

    @staticmethod
    def resolve_time_limits(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "channel": t.channel,
                "amount": t.amount,
                "unit": t.unit,
                "source": t.raw,
                "needs_review": t.needs_review,
            }
            for t in obj.in_force[0].time_limits.all()
        ]


class VersionOut(Schema):
    number: int
    status: VersionStatus
    origin: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    service_mode: str
    decision_number: str
    decision_date: dt.date | None
    published_at: dt.datetime | None


class ProblemOut(Schema):
    field: str
    message: str
    code: str


class ValidationOut(Schema):
    publishable: bool
    problems: list[ProblemOut]


# --- Input -----------------------------------------------------------------------------------


class ProcedureFilter(Schema):
    q: str | None = Field(
        None, max_length=200, description="Words of the name or the code; accents optional"
    )
    field: str | None = Field(None, max_length=64, description="Field (lĩnh vực) code")
    level: str | None = Field(None, max_length=30, description="Implementing level code")
    agency: str | None = Field(
        None,
        max_length=40,
        description="Agency identifier: procedures its kind decides at its unit's level",
    )
    agency_kind: AgencyKind | None = Field(None, description="Competent agency kind")
    mode: ServiceMode | None = Field(None, description="Service mode of the version in force")


class AtDate(Schema):
    at: dt.date | None = Field(None, description="The day whose rules to return (default today)")


class ResultIn(InputSchema):
    name: str
    code: str = Field("", description="e.g. KQ.G12.000804")


class ProcedureIn(InputSchema):
    """A procedure's identity and descriptive data (its rules live in versions)."""

    code: str = Field(..., max_length=8, description="National code d.dddddd, e.g. 1.002755")
    name_vi: str = Field(..., max_length=2000)
    name_en: str = ""
    field_code: str = Field("", max_length=64)
    level_codes: list[str] = Field([], description="Implementing levels, e.g. commune")
    levels_text: str = Field("", max_length=255)
    competent_agency_kinds: list[str] = Field([], description="Values of AgencyKind")
    competent_authority_text: str = ""
    implementing_agencies_text: str = ""
    applicant_types: list[str] = []
    results: list[ResultIn] = []
    issuing_ministry: str = Field("", max_length=255)
    source_url: str = Field("", max_length=500)
    needs_review: bool = False
    review_notes: str = ""


class ProcedurePatch(InputSchema):
    """Only the fields sent change; the code never does."""

    name_vi: str | None = Field(None, max_length=2000)
    name_en: str | None = None
    field_code: str | None = Field(None, max_length=64)
    level_codes: list[str] | None = None
    levels_text: str | None = Field(None, max_length=255)
    competent_agency_kinds: list[str] | None = None
    competent_authority_text: str | None = None
    implementing_agencies_text: str | None = None
    applicant_types: list[str] | None = None
    results: list[ResultIn] | None = None
    issuing_ministry: str | None = Field(None, max_length=255)
    source_url: str | None = Field(None, max_length=500)
    needs_review: bool | None = None
    review_notes: str | None = None


class VersionPatch(InputSchema):
    """Settings of a draft version; only the fields sent change."""

    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    service_mode: ServiceMode | None = None
    partial_online_reason: str | None = None
    paper_result_required: bool | None = None
    inter_agency: bool | None = None
    financial_obligation: bool | None = None
    eform: dict[str, Any] | None = Field(None, description="E-form definition (catalog/eforms.py)")
    decision_number: str | None = Field(None, max_length=100)
    decision_date: dt.date | None = None
    steps_text: str | None = None
    requirements_text: str | None = None
    notes: str | None = None


class VersionCreateIn(VersionPatch):
    copy_current: bool = Field(
        True, description="Copy the parts of the version in force (or the latest published)"
    )
    copy_from: int | None = Field(None, ge=1, description="Copy this version number instead")


class PartsIn(InputSchema):
    items: list[dict[str, Any]] = Field(
        ...,
        description=(
            "The new rows of this kind, in order. Fields per kind: legal_bases {number, title}; "
            "cases {key, name_vi, name_en}; documents {name, code, case_key, group, originals, "
            "copies, quantity_raw, requirement, reusable, template_name, needs_review}; fees "
            "{name, kind, amount_vnd, schedule_text, channel, collected_at, raw, needs_review}; "
            "time_limits {channel, case_key, amount, unit, raw, needs_review}; steps {order, "
            "parallel_group, branch, name_vi, name_en, performer, agency_identifier, role, "
            "norm_amount, norm_unit}. Errors name the row: fees.1.amount_vnd."
        ),
    )


class RetireIn(InputSchema):
    last_day: dt.date | None = Field(None, description="Last day in force (default yesterday)")


# --- Helpers ---------------------------------------------------------------------------------


def _procedure_or_404(code: str) -> Procedure:
    procedure = procedure_get(code=code)
    if procedure is None:
        raise NotFound(_("No procedure with code %(code)s.") % {"code": code})
    return procedure


def _version_or_404(code: str, number: int) -> ProcedureVersion:
    version = version_get(code=code, number=number)
    if version is None:
        raise NotFound(
            _("Procedure %(code)s has no version %(number)s.") % {"code": code, "number": number}
        )
    return version


def _version_out(version: ProcedureVersion) -> ProcedureOut:
    """The export record of ``version``, re-read with every part."""
    fresh = _version_or_404(version.procedure.code, version.number)
    procedure = procedure_get(code=fresh.procedure.code)
    return procedure_out(procedure or fresh.procedure, fresh)


# --- Public reads ----------------------------------------------------------------------------


@router.get(
    "/procedures",
    response=list[ProcedureSummaryOut],
    auth=None,
    summary="Search the public procedure catalogue",
)
@paginate(Pagination)
def list_procedures(request: HttpRequest, filters: Query[ProcedureFilter]) -> Any:
    """Procedures with a published version in force today, with that version's summary.

    ``q`` is accent-, case- and đ/d-insensitive ("dang ky ket hon" = "Đăng ký kết hôn") and
    orders by relevance; without ``q`` the order is by code.
    """
    agency = None
    if filters.agency:
        agency = agency_get(identifier=filters.agency)
        if agency is None:
            raise ValidationFailed(
                _("The input is not valid."),
                details={"agency": [_("No agency with this identifier.")]},
            )
    today = clock.today()
    qs = procedure_list(
        q=filters.q or "",
        field=filters.field or "",
        level=filters.level or "",
        agency=agency,
        agency_kind=filters.agency_kind or "",
        service_mode=filters.mode or "",
        published_only=True,
        on=today,
    )
    return procedures_with_version_in_force(qs, on=today)


@router.get(
    "/procedures/{code}",
    response=ProcedureOut,
    auth=None,
    summary="A procedure with the rules in force on a day",
    description=(
        "The procedure with its version in force on `at` (today by default): 404 when the "
        "code is unknown or no published version was in force that day. " + DETAIL_FORMAT
    ),
)
def get_procedure(request: HttpRequest, code: str, when: Query[AtDate]) -> Any:
    day = when.at or clock.today()
    procedure = _procedure_or_404(code)
    version = procedure_version_in_force(code=code, on=day)
    if version is None:
        raise NotFound(
            _("No version of procedure %(code)s was in force on %(date)s.")
            % {"code": code, "date": day.isoformat()}
        )
    return procedure_out(procedure, version)


@router.get(
    "/procedures/{code}/versions",
    response=list[VersionOut],
    auth=OPTIONAL_AUTH,
    summary="Versions of a procedure",
)
def list_versions(request: HttpRequest, code: str) -> Any:
    """Newest first. Catalogue administrators see every version, drafts included; everybody
    else the published and retired ones."""
    procedure = _procedure_or_404(code)
    versions = version_list(procedure=procedure)
    if not _is_editor(request.auth):  # type: ignore[attr-defined]
        versions = versions.filter(status__in=PUBLIC_STATUSES)
    return list(versions)


@router.get(
    "/procedures/{code}/versions/{number}",
    response=ProcedureOut,
    auth=OPTIONAL_AUTH,
    summary="One version of a procedure",
    description=(
        "Drafts only for catalogue administrators (404 for everybody else). " + DETAIL_FORMAT
    ),
)
def get_version(request: HttpRequest, code: str, number: int) -> Any:
    version = _version_or_404(code, number)
    if version.status not in PUBLIC_STATUSES and not _is_editor(request.auth):  # type: ignore[attr-defined]
        raise NotFound(
            _("Procedure %(code)s has no version %(number)s.") % {"code": code, "number": number}
        )
    return _version_out(version)


# --- Catalogue administration ----------------------------------------------------------------


@router.post(
    "/procedures",
    response={201: ProcedureOut},
    auth=AUTH,
    summary="Create a procedure",
    description=(
        "Catalogue administrators. The procedure has no version yet: create a draft, fill it "
        "and publish it to show it in the public catalogue. " + DETAIL_FORMAT
    ),
)
def create_procedure(request: HttpRequest, payload: ProcedureIn) -> Any:
    procedure = procedure_create(
        actor=request.auth,  # type: ignore[attr-defined]
        data=payload.model_dump(mode="json"),
    )
    fresh = procedure_get(code=procedure.code)
    return Status(201, procedure_out(fresh or procedure, None))


@router.patch(
    "/procedures/{code}",
    response=ProcedureOut,
    auth=AUTH,
    summary="Change a procedure's descriptive data",
    description=(
        "Catalogue administrators. Versions are untouched; the answer carries the version "
        "in force today, if any. " + DETAIL_FORMAT
    ),
)
def update_procedure(request: HttpRequest, code: str, payload: ProcedurePatch) -> Any:
    procedure = _procedure_or_404(code)
    changes = payload.model_dump(mode="json", exclude_unset=True)
    procedure_update(
        actor=request.auth,  # type: ignore[attr-defined]
        procedure=procedure,
        data={**procedure_input_data(procedure), **changes},
    )
    fresh = _procedure_or_404(code)
    return procedure_out(fresh, procedure_version_in_force(code=code, on=clock.today()))


@router.post(
    "/procedures/{code}/versions",
    response={201: ProcedureOut},
    auth=AUTH,
    summary="Create a draft version",
    description=(
        "Catalogue administrators. The draft takes the next number and, by default, a copy "
        "of the current version's parts and settings (not its dates nor its publication "
        "decision); the settings sent override. " + DETAIL_FORMAT
    ),
)
def create_version(request: HttpRequest, code: str, payload: VersionCreateIn) -> Any:
    procedure = _procedure_or_404(code)
    data = payload.model_dump(mode="json", exclude_unset=True)
    copy_current = data.pop("copy_current", True)
    copy_number = data.pop("copy_from", None)
    copy_from = None
    if copy_number is not None:
        copy_from = version_get(code=code, number=copy_number)
        if copy_from is None:
            raise ValidationFailed(
                _("The input is not valid."),
                details={"copy_from": [_("This procedure has no such version.")]},
            )
    draft = version_create_draft(
        actor=request.auth,  # type: ignore[attr-defined]
        procedure=procedure,
        copy_current=copy_current,
        copy_from=copy_from,
        data=data,
    )
    return Status(201, _version_out(draft))


@router.patch(
    "/procedures/{code}/versions/{number}",
    response=ProcedureOut,
    auth=AUTH,
    summary="Change a draft's settings",
    description="Catalogue administrators; published versions never change. " + DETAIL_FORMAT,
)
def update_version(request: HttpRequest, code: str, number: int, payload: VersionPatch) -> Any:
    version = _version_or_404(code, number)
    version = version_update(
        actor=request.auth,  # type: ignore[attr-defined]
        version=version,
        data=payload.model_dump(mode="json", exclude_unset=True),
    )
    return _version_out(version)


@router.post(
    "/procedures/{code}/versions/{number}/validate",
    response=ValidationOut,
    auth=AUTH,
    summary="Check whether a version can be published",
)
def validate_version(request: HttpRequest, code: str, number: int) -> Any:
    """Catalogue administrators. Every problem that would stop publication (dates overlapping
    another version, missing service mode or legal reason, incomplete time limits, step norms
    beyond the legal limit on the critical path, an invalid e-form); nothing is saved."""
    if not _is_editor(request.auth):  # type: ignore[attr-defined]
        raise PermissionDenied(_("You are not allowed to change the procedure catalogue."))
    problems = version_validate(version=_version_or_404(code, number))
    return {
        "publishable": not problems,
        "problems": [{"field": p.field, "message": p.message, "code": p.code} for p in problems],
    }


@router.post(
    "/procedures/{code}/versions/{number}/publish",
    response=ProcedureOut,
    auth=AUTH,
    summary="Publish a draft",
    description=(
        "Catalogue administrators. Refused with the validation problems as field details "
        "(422); on success the open-ended predecessor ends the day before. " + DETAIL_FORMAT
    ),
)
def publish_version(request: HttpRequest, code: str, number: int) -> Any:
    version = version_publish(
        actor=request.auth,  # type: ignore[attr-defined]
        version=_version_or_404(code, number),
    )
    return _version_out(version)


@router.post(
    "/procedures/{code}/versions/{number}/retire",
    response=ProcedureOut,
    auth=AUTH,
    summary="Retire a published version",
    description=(
        "Catalogue administrators. The version stays valid history up to `last_day` "
        "(default yesterday) and leaves the public catalogue afterwards; send `{}` for the "
        "default. " + DETAIL_FORMAT
    ),
)
def retire_version(request: HttpRequest, code: str, number: int, payload: RetireIn) -> Any:
    version = version_retire(
        actor=request.auth,  # type: ignore[attr-defined]
        version=_version_or_404(code, number),
        last_day=payload.last_day,
    )
    return _version_out(version)


# Registered last: "{kind}" would otherwise also match .../validate, .../publish, .../retire.
@router.put(
    "/procedures/{code}/versions/{number}/{kind}",
    response=ProcedureOut,
    auth=AUTH,
    summary="Replace one kind of part of a draft",
    description=(
        "Catalogue administrators. Replaces every row of `kind` with `items`, all or nothing. "
        + DETAIL_FORMAT
    ),
)
def replace_parts(
    request: HttpRequest, code: str, number: int, kind: PartKind, payload: PartsIn
) -> Any:
    version = _version_or_404(code, number)
    version_parts_set(
        actor=request.auth,  # type: ignore[attr-defined]
        version=version,
        kind=kind,
        items=payload.items,
    )
    return _version_out(version)
