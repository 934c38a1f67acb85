# SPDX-License-Identifier: AGPL-3.0-or-later
"""Administrative units, always read as of a date (a GSO code is reused across periods)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.pagination import paginate

from motcua.api.routers.base import ApiRouter
from motcua.api.schemas import Pagination
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.units.selectors import unit_get, unit_list, unit_successors

router = ApiRouter(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    unit_type: str
    level: str
    level_name: str
    parent_code: str | None
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_level(obj: Any) -> str:
        return str(obj.level.code)

    @staticmethod
    def resolve_level_name(obj: Any) -> str:
        return str(obj.level.name_vi)

    @staticmethod
    def resolve_parent_code(obj: Any) -> str | None:
        return obj.parent.code if obj.parent_id else None


class UnitFilter(Schema):
    valid_on: dt.date | None = None
    parent: str | None = None
    level: str | None = None
    q: str | None = None


class OnDate(Schema):
    on: dt.date | None = None


@router.get("/units", response=list[UnitOut], auth=None, summary="List administrative units")
@paginate(Pagination)
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> Any:
    """Units in force on ``valid_on`` (today by default), optionally under a parent or at a level.

    ``parent`` is a GSO code resolved on the same date; ``q`` matches the name without accents
    or the start of the code.
    """
    day = filters.valid_on or clock.today()
    parent = None
    if filters.parent:
        parent = unit_get(code=filters.parent, on=day)
        if parent is None:
            raise ValidationFailed(
                _("The input is not valid."),
                details={"parent": [_unknown_unit_message(filters.parent, day)]},
            )
    return unit_list(valid_on=day, parent=parent, level=filters.level or None, q=filters.q)


@router.get("/units/{code}", response=UnitOut, auth=None, summary="Get an administrative unit")
def get_unit(request: HttpRequest, code: str, when: Query[OnDate]) -> Any:
    """The unit with this GSO code in force on ``on`` (today by default)."""
    return _unit_or_404(code, when.on or clock.today())


@router.get(
    "/units/{code}/successors",
    response=list[UnitOut],
    auth=None,
    summary="Units an old unit merged into",
)
def get_unit_successors(request: HttpRequest, code: str, when: Query[OnDate]) -> Any:
    """The units that took over the unit with this code as it was on ``on``.

    Pass a date on which the old unit was in force (e.g. ``on=2025-06-30`` for a commune merged
    on 01/07/2025); by default today, when units still in force have no successors.
    """
    return list(unit_successors(unit=_unit_or_404(code, when.on or clock.today())))


def _unknown_unit_message(code: str, day: dt.date) -> str:
    return _("No administrative unit with code %(code)s is in force on %(date)s.") % {
        "code": code,
        "date": day.isoformat(),
    }


def _unit_or_404(code: str, day: dt.date) -> Any:
    unit = unit_get(code=code, on=day)
    if unit is None:
        raise NotFound(_unknown_unit_message(code, day))
    return unit
