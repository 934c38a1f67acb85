# SPDX-License-Identifier: AGPL-3.0-or-later
"""JSON answers carry Vietnamese as UTF-8, not as \\u escapes."""

from __future__ import annotations

from motcua.agencies.models import AgencyKind
from motcua.agencies.tests.factories import make_agency


def test_vietnamese_names_are_utf8_not_escaped(anon, db):
    make_agency(kind=AgencyKind.PEOPLES_COMMITTEE, name_vi="Ủy ban nhân dân tỉnh Tây Ninh")
    response = anon.get("/agencies")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Tây Ninh".encode() in response.content
    assert b"\\u" not in response.content
    assert response.json()["items"][0]["name_vi"] == "Ủy ban nhân dân tỉnh Tây Ninh"


def test_error_messages_are_not_escaped_either(anon, db):
    response = anon.get("/agencies/Tây-Ninh-không-có")
    assert response.status_code == 404
    assert b"\\u" not in response.content
