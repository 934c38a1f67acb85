# SPDX-License-Identifier: AGPL-3.0-or-later
"""Agencies: the public dated tree, and its upkeep by system administrators."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import field_validator

from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.selectors import agency_get, agency_list, agency_subtree
from motcua.agencies.services import agency_create, agency_update
from motcua.api.auth import AUTH
from motcua.api.routers.base import ApiRouter
from motcua.api.schemas import InputSchema, Pagination
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed

router = ApiRouter(tags=["agencies"])


class AgencyOut(Schema):
    identifier: str
    identifier_is_demo: bool
    name_vi: str
    name_en: str
    short_name: str
    kind: AgencyKind
    unit_code: str | None
    receives_dossiers: bool
    valid_from: dt.date
    valid_to: dt.date | None
    address: str
    phone: str
    email: str

    @staticmethod
    def resolve_unit_code(obj: Any) -> str | None:
        return obj.unit.code if obj.unit_id else None


class AgencyDetailOut(AgencyOut):
    parent: str | None

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        parent = Agency.objects.get_parent(obj) if obj.depth > 1 else None
        return parent.identifier if parent is not None else None


class AgencyFilter(Schema):
    valid_on: dt.date | None = None
    kind: AgencyKind | None = None
    under: str | None = Field(None, description="Identifier of an agency: list its subtree")


class AgencyIn(InputSchema):
    parent_identifier: str | None = Field(
        None, max_length=40, description="Identifier of the parent agency (none: a root)"
    )
    identifier: str = Field(..., min_length=1, max_length=40)
    identifier_is_demo: bool = False
    name_vi: str = Field(..., min_length=1, max_length=255)
    name_en: str = Field("", max_length=255)
    short_name: str = Field("", max_length=100)
    kind: AgencyKind
    unit_code: str | None = Field(None, max_length=10)
    receives_dossiers: bool = False
    valid_from: dt.date
    valid_to: dt.date | None = None
    address: str = Field("", max_length=255)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)


class AgencyPatch(InputSchema):
    """Only the fields sent are changed; the parent (the place in the tree) is not."""

    identifier: str | None = Field(None, min_length=1, max_length=40)
    identifier_is_demo: bool | None = None
    name_vi: str | None = Field(None, min_length=1, max_length=255)
    name_en: str | None = Field(None, max_length=255)
    short_name: str | None = Field(None, max_length=100)
    kind: AgencyKind | None = None
    unit_code: str | None = Field(None, max_length=10)
    receives_dossiers: bool | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    address: str | None = Field(None, max_length=255)
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)

    @field_validator(
        "identifier",
        "identifier_is_demo",
        "name_vi",
        "name_en",
        "short_name",
        "kind",
        "receives_dossiers",
        "valid_from",
        "address",
        "phone",
        "email",
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Absent means "unchanged"; an explicit null on a required column is an error.
        if value is None:
            raise ValueError(_("This field cannot be empty."))
        return value


@router.get("/agencies", response=list[AgencyOut], auth=None, summary="List agencies")
@paginate(Pagination)
def list_agencies(request: HttpRequest, filters: Query[AgencyFilter]) -> Any:
    """Agencies in force on ``valid_on`` (today by default), in tree order.

    ``under`` restricts the list to an agency and everything below it.
    """
    day = filters.valid_on or clock.today()
    if filters.under:
        root = agency_get(identifier=filters.under)
        if root is None:
            raise ValidationFailed(
                _("The input is not valid."),
                details={"under": [_("No agency with this identifier.")]},
            )
        qs = agency_subtree(agency=root, valid_on=day)
    else:
        qs = agency_list(valid_on=day)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get("/agencies/{identifier}", response=AgencyDetailOut, auth=None, summary="Get an agency")
def get_agency(request: HttpRequest, identifier: str) -> Any:
    return _agency_or_404(identifier)


@router.post("/agencies", response={201: AgencyDetailOut}, auth=AUTH, summary="Create an agency")
def create_agency(request: HttpRequest, payload: AgencyIn) -> Any:
    """System administrators only. The new agency's period must lie within its parent's."""
    data = payload.model_dump()
    agency = agency_create(
        actor=request.auth,  # type: ignore[attr-defined]
        parent_identifier=data.pop("parent_identifier"),
        **data,
    )
    return Status(201, agency)


@router.patch(
    "/agencies/{identifier}", response=AgencyDetailOut, auth=AUTH, summary="Change an agency"
)
def update_agency(request: HttpRequest, identifier: str, payload: AgencyPatch) -> Any:
    agency = _agency_or_404(identifier)
    return agency_update(
        actor=request.auth,  # type: ignore[attr-defined]
        agency=agency,
        **payload.model_dump(exclude_unset=True),
    )


def _agency_or_404(identifier: str) -> Any:
    agency = agency_get(identifier=identifier)
    if agency is None:
        raise NotFound(_("No agency with this identifier."))
    return agency
