# SPDX-License-Identifier: AGPL-3.0-or-later
"""Agencies over HTTP: public reads of the dated tree, writes by system administrators."""

from __future__ import annotations

import datetime as dt

from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.tests.factories import make_agency
from motcua.api.tests.conftest import assert_error, client_for


def identifiers(response):
    assert response.status_code == 200, response.content
    return [a["identifier"] for a in response.json()["items"]]


def test_public_list_is_dated_filtered_and_in_tree_order(org, anon):
    old = make_agency(org.root, name_vi="Sở cũ", valid_to=dt.date(2025, 6, 30))
    today = identifiers(anon.get("/agencies"))
    assert today == [org.root.identifier, org.dept_a.identifier, org.dept_b.identifier]
    assert old.identifier in identifiers(anon.get("/agencies", valid_on="2025-06-30"))
    assert identifiers(anon.get("/agencies", kind=AgencyKind.PEOPLES_COMMITTEE)) == [
        org.root.identifier
    ]
    sub = make_agency(org.dept_a, kind=AgencyKind.DEPARTMENT_UNIT)
    assert identifiers(anon.get("/agencies", under=org.dept_a.identifier)) == [
        org.dept_a.identifier,
        sub.identifier,
    ]


def test_list_is_paginated(org, anon):
    page = anon.get("/agencies", limit=1, offset=1).json()
    assert page["count"] == 3
    assert [a["identifier"] for a in page["items"]] == [org.dept_a.identifier]


def test_detail_names_the_parent(org, anon):
    body = anon.get(f"/agencies/{org.dept_a.identifier}").json()
    assert body["parent"] == org.root.identifier
    assert body["name_vi"] == "Sở Tư pháp"
    assert anon.get(f"/agencies/{org.root.identifier}").json()["parent"] is None


def test_writes_need_authentication(org, anon):
    assert_error(anon.post("/agencies", {}), 401, "not_authenticated")
    assert_error(anon.patch(f"/agencies/{org.dept_a.identifier}", {}), 401)


def test_system_admin_creates_and_updates_an_agency(org):
    admin = client_for(org.admin)
    response = admin.post(
        "/agencies",
        {
            "parent_identifier": org.root.identifier,
            "identifier": "000.00.31.H51",
            "name_vi": "Sở Nội vụ",
            "name_en": "Department of Home Affairs",
            "kind": AgencyKind.DEPARTMENT,
            "valid_from": "2025-07-01",
            "receives_dossiers": True,
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == org.root.identifier
    created = Agency.objects.get(identifier="000.00.31.H51")
    assert Agency.objects.get_parent(created).pk == org.root.pk

    response = admin.patch("/agencies/000.00.31.H51", {"short_name": "SNV", "valid_to": None})
    assert response.status_code == 200, response.content
    assert response.json()["short_name"] == "SNV"
    assert response.json()["name_vi"] == "Sở Nội vụ"


def test_handler_cannot_change_an_agency(org):
    response = client_for(org.handler_a).patch(
        f"/agencies/{org.dept_a.identifier}", {"name_vi": "Đổi tên"}
    )
    assert_error(response, 403, "forbidden")
    assert Agency.objects.get(pk=org.dept_a.pk).name_vi == "Sở Tư pháp"
