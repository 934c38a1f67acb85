# SPDX-License-Identifier: AGPL-3.0-or-later
"""The published contract: OpenAPI 3.1, shared errors on every operation, offline docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from motcua.api.app import api

COMMITTED = Path(__file__).resolve().parent.parent / "openapi.json"
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def live_schema() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(), sort_keys=True, ensure_ascii=False))


def test_openapi_is_3_1_and_served_at_api_v1(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "motcua API"
    assert "/api/v1/units" in schema["paths"]


def test_every_operation_declares_the_error_schema_for_each_error_status():
    schema = live_schema()
    operations = [
        (path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]
    assert len(operations) >= 14
    for path, method, op in operations:
        for status in ("400", "401", "403", "404", "409", "422"):
            content = op["responses"].get(status, {}).get("content", {})
            ref = content.get("application/json", {}).get("schema", {}).get("$ref")
            assert ref == "#/components/schemas/ErrorOut", (method, path, status)
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"code", "message", "details"}


def test_request_bodies_forbid_unknown_fields():
    schema = live_schema()
    for path, item in schema["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody") if method in HTTP_METHODS else None
            if not body:
                continue
            if "multipart/form-data" in body["content"]:  # file uploads: an inline schema
                inline = body["content"]["multipart/form-data"]["schema"]
                assert inline["additionalProperties"] is False, path
                continue
            ref = body["content"]["application/json"]["schema"]["$ref"]
            name = ref.rsplit("/", 1)[-1]
            assert schema["components"]["schemas"][name]["additionalProperties"] is False, path


def test_committed_openapi_matches_the_live_schema():
    """Regenerate with: python scripts/export_openapi.py > src/motcua/api/openapi.json"""
    assert COMMITTED.is_file(), "src/motcua/api/openapi.json is missing"
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == live_schema()


@pytest.mark.django_db
def test_docs_page_loads_only_local_assets_and_no_inline_script():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", html), "external asset"
    for src in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html):
        assert src.startswith("/static/"), src
        assert finders.find(src.removeprefix("/static/")), f"{src} is not a bundled file"
    for tag in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html):
        # The settings block is data, not code: CSP script-src 'self' does not apply to it.
        assert 'type="application/json"' in tag, tag
    # "Try it out" with the session cookie needs the CSRF token handed to swagger-ui-init.js.
    assert 'data-api-csrf="true"' in html
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp


@pytest.mark.django_db
def test_openapi_url_in_docs_settings_is_local():
    html = Client().get("/api/v1/docs").content.decode()
    settings_json = re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1)
    settings = json.loads(settings_json)
    assert settings["url"] == "/api/v1/openapi.json"
    assert settings["validatorUrl"] is None
