# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures for the API tests: a JSON client, bearer tokens, a small agency tree."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import StaffProfile
from motcua.accounts.tokens import token_create
from motcua.agencies.models import AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user

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
