# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import (
    procedure_create,
    version_create_draft,
    version_parts_set,
)
from motcua.units.loader import LEVELS
from motcua.units.models import UnitLevel


@pytest.fixture
def levels(db: None) -> None:
    for code, rank, name_vi, name_en in LEVELS:
        UnitLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_vi": name_vi, "name_en": name_en}
        )


@pytest.fixture
def editor(db: None) -> Any:
    user = make_user(username="catalogue-editor")
    assign_role(user, Role.CATALOGUE_ADMIN, make_agency())
    return user


@pytest.fixture
def handler(db: None) -> Any:
    user = make_user(username="handler-only")
    assign_role(user, Role.HANDLER, make_agency())
    return user


def procedure_data(code: str = "1.001193", **kw: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name_vi": "Thủ tục đăng ký khai sinh",
        "level_codes": ["commune"],
        "competent_agency_kinds": ["commune_committee"],
        "results": [{"name": "Giấy khai sinh", "code": "KQ.G17.000001"}],
        **kw,
    }


def step(order: int, amount: str, unit: str = "working_day", **kw: Any) -> dict[str, Any]:
    return {
        "order": order,
        "name_vi": f"Bước {order}",
        "performer": "competent_agency",
        "role": "handler",
        "norm_amount": amount,
        "norm_unit": unit,
        **kw,
    }


def make_draft(
    actor: Any,
    procedure: Procedure | None = None,
    start: dt.date = dt.date(2026, 1, 1),
    limit: tuple[str, str] = ("3", "working_day"),
    steps: list[dict[str, Any]] | None = None,
) -> ProcedureVersion:
    """A publishable draft: full online, one in-person limit, and steps fitting it."""
    procedure = procedure or procedure_create(actor=actor, data=procedure_data())
    draft = version_create_draft(
        actor=actor,
        procedure=procedure,
        data={"effective_from": start, "service_mode": "full_online"},
    )
    version_parts_set(
        actor=actor,
        version=draft,
        kind="time_limits",
        items=[{"channel": "in_person", "amount": limit[0], "unit": limit[1]}],
    )
    version_parts_set(
        actor=actor, version=draft, kind="steps", items=steps or [step(1, "1"), step(2, "1")]
    )
    return draft
