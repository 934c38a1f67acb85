# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures for the API tests: a JSON client, bearer tokens, a small agency tree."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import StaffProfile
from motcua.accounts.tokens import token_create
from motcua.agencies.models import AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.catalog.services import (
    field_save,
    procedure_create,
    version_create_draft,
    version_parts_set,
    version_publish,
)
from motcua.core.clock import VN_TZ
from motcua.units.models import UnitLevel

ERROR_KEYS = {"code", "message", "details"}


class ApiClient:
    """Django's test client speaking JSON to /api/v1, optionally with a bearer token."""

    def __init__(self, token: str | None = None, language: str = "en") -> None:
        self.client = Client()
        self.headers: dict[str, str] = {"Accept-Language": language}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def _url(self, path: str) -> str:
        return "/api/v1" + path

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self._url(path), params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None) -> Any:
        data = raw if raw is not None else json.dumps(body or {})
        call = getattr(self.client, method)
        return call(
            self._url(path), data=data, content_type="application/json", headers=self.headers
        )

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("post", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("patch", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("put", path, body, **kw)

    def delete(self, path: str) -> Any:
        return self.client.delete(self._url(path), headers=self.headers)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is ``status`` with exactly the shared error shape; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS, body
    assert isinstance(body["message"], str) and body["message"]
    assert all(isinstance(v, list) for v in body["details"].values())
    if code is not None:
        assert body["code"] == code, body
    return body


def client_for(user: Any, language: str = "en") -> ApiClient:
    _token, raw = token_create(user=user, name="test")
    return ApiClient(raw, language=language)


@pytest.fixture
def anon() -> ApiClient:
    return ApiClient()


@dataclass
class Org:
    root: Any
    dept_a: Any
    dept_b: Any
    admin: Any
    handler_a: Any
    handler_b: Any


@pytest.fixture
def org(db: Any) -> Org:
    """A province with departments A and B; a system admin over everything; a handler in each."""
    root = make_agency(kind=AgencyKind.PEOPLES_COMMITTEE, name_vi="UBND tỉnh Tây Ninh")
    dept_a = make_agency(root, name_vi="Sở Tư pháp")
    dept_b = make_agency(root, name_vi="Sở Xây dựng")
    admin = make_user(username="admin1", full_name="Quản trị viên")
    handler_a = make_user(username="handler_a", full_name="Nguyễn Văn Đức")
    handler_b = make_user(username="handler_b", full_name="Trần Thị Bích")
    StaffProfile.objects.create(user=admin, agency=root)
    StaffProfile.objects.create(user=handler_a, agency=dept_a)
    StaffProfile.objects.create(user=handler_b, agency=dept_b)
    assign_role(admin, Role.SYSTEM_ADMIN, root, include_descendants=True)
    assign_role(handler_a, Role.HANDLER, dept_a)
    assign_role(handler_b, Role.HANDLER, dept_b)
    return Org(root, dept_a, dept_b, admin, handler_a, handler_b)


@pytest.fixture
def reference_units(db: Any) -> None:
    """Tây Ninh's units before and after 01/07/2025, through the loader's command."""
    call_command("load_units", stdout=io.StringIO())


# --- A small procedure catalogue, built through the catalogue services ----------------------

# As units.loader.LEVELS (interfaces may not import the loader).
TEST_LEVELS = (
    ("province", 1, "Cấp tỉnh", "Province level"),
    ("district", 2, "Cấp huyện", "District level"),
    ("commune", 3, "Cấp xã", "Commune level"),
)
CATALOGUE_TODAY = dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN_TZ)
V2_FROM = dt.date(2026, 10, 1)  # version 1 of the marriage procedure ends on 2026-09-30


def catalogue_limit(channel: str, amount: str, unit: str = "working_day") -> dict[str, Any]:
    return {"channel": channel, "amount": amount, "unit": unit}


def catalogue_step(order: int, amount: str, unit: str = "working_day", **kw: Any) -> dict[str, Any]:
    return {
        "order": order,
        "name_vi": f"Bước {order}",
        "performer": "competent_agency",
        "role": "handler",
        "norm_amount": amount,
        "norm_unit": unit,
        **kw,
    }


def _publish(editor: Any, procedure: Any, start: dt.date, limit: str, **data: Any) -> Any:
    draft = version_create_draft(
        actor=editor,
        procedure=procedure,
        copy_current=False,
        data={"effective_from": start, "service_mode": "full_online", **data},
    )
    version_parts_set(
        actor=editor,
        version=draft,
        kind="time_limits",
        items=[catalogue_limit("in_person", limit)],
    )
    version_parts_set(actor=editor, version=draft, kind="steps", items=[catalogue_step(1, "1")])
    version_parts_set(
        actor=editor, version=draft, kind="fees", items=[{"name": "Lệ phí", "amount_vnd": 0}]
    )
    return version_publish(actor=editor, version=draft)


@dataclass
class Catalogue:
    editor: Any
    handler: Any
    civil: Any
    marriage: Any


@pytest.fixture
def catalogue_today() -> Iterator[None]:
    with time_machine.travel(CATALOGUE_TODAY, tick=True):
        yield


@pytest.fixture
def catalogue(db: Any, catalogue_today: None) -> Catalogue:
    """Marriage (v1 from 2026-01-01, v2 from 2026-10-01), its foreign variant, birth
    (partial online) and a draft-only construction permit."""
    for code, rank, name_vi, name_en in TEST_LEVELS:
        UnitLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_vi": name_vi, "name_en": name_en}
        )
    editor = make_user(username="catalogue-editor")
    assign_role(editor, Role.CATALOGUE_ADMIN, make_agency())
    handler = make_user(username="catalogue-handler")
    assign_role(handler, Role.HANDLER, make_agency())
    civil = field_save(actor=editor, name_vi="Hộ tịch")

    def proc(code: str, name: str, **kw: Any) -> Any:
        data = {
            "code": code,
            "name_vi": name,
            "field_code": civil.code,
            "level_codes": ["commune"],
            "competent_agency_kinds": ["commune_committee"],
            **kw,
        }
        return procedure_create(actor=editor, data=data)

    marriage = proc("1.000894", "Thủ tục đăng ký kết hôn")
    _publish(editor, marriage, dt.date(2026, 1, 1), "5")
    _publish(editor, marriage, V2_FROM, "3")
    foreign = proc(
        "1.001022",
        "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        level_codes=["province"],
        competent_agency_kinds=["department"],
    )
    _publish(editor, foreign, dt.date(2026, 1, 1), "15")
    birth = proc("1.001193", "Thủ tục đăng ký khai sinh")
    _publish(
        editor,
        birth,
        dt.date(2026, 1, 1),
        "1",
        service_mode="partial_online",
        partial_online_reason="Đối chiếu bản gốc.",
    )
    building = proc("1.002755", "Cấp giấy phép xây dựng", competent_agency_kinds=["department"])
    version_create_draft(actor=editor, procedure=building)
    return Catalogue(editor, handler, civil, marriage)
