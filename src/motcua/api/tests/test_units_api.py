# SPDX-License-Identifier: AGPL-3.0-or-later
"""Units over HTTP: the 3-level Tây Ninh until 30/06/2025, the 2-level one from 01/07/2025."""

from __future__ import annotations

import pytest

from motcua.api.tests.conftest import assert_error

pytestmark = pytest.mark.usefixtures("reference_units")


def codes(response):
    assert response.status_code == 200, response.content
    return {u["code"] for u in response.json()["items"]}


def test_provinces_before_and_after_the_reform(anon):
    old = anon.get("/units", valid_on="2025-06-30", level="province", q="Tây Ninh")
    new = anon.get("/units", valid_on="2025-07-01", level="province", q="Tây Ninh")
    assert codes(old) == {"72"}
    assert codes(new) == {"80"}


def test_children_of_the_province_on_each_side_of_the_reform(anon):
    districts = anon.get("/units", valid_on="2025-06-30", parent="72", limit=500)
    communes = anon.get("/units", valid_on="2025-07-01", parent="80", limit=500)
    old_items = districts.json()["items"]
    assert "703" in codes(districts)
    assert {u["level"] for u in old_items} == {"district"}
    assert "25459" in codes(communes)
    assert {u["level"] for u in communes.json()["items"]} == {"commune"}
    assert communes.json()["count"] == 96


def test_a_parent_not_in_force_on_the_date_is_a_field_error(anon):
    body = assert_error(anon.get("/units", valid_on="2025-07-01", parent="72"), 422)
    assert list(body["details"]) == ["parent"]


def test_a_reused_code_resolves_by_date(anon):
    old = anon.get("/units/25459", on="2025-06-30").json()
    new = anon.get("/units/25459", on="2025-07-01").json()
    assert old["name"] == "Phường 3"
    assert old["parent_code"] == "703"
    assert old["valid_to"] == "2025-06-30"
    assert new["name"] == "Phường Tân Ninh"
    assert new["parent_code"] == "80"
    assert new["valid_from"] == "2025-07-01"


def test_successors_of_an_old_commune(anon):
    response = anon.get("/units/25456/successors", on="2025-06-30")
    assert response.status_code == 200
    assert [(u["code"], u["name"]) for u in response.json()] == [("25459", "Phường Tân Ninh")]


def test_accent_insensitive_search(anon):
    found = anon.get("/units", valid_on="2025-07-01", q="tan ninh").json()["items"]
    assert "Phường Tân Ninh" in {u["name"] for u in found}


def test_unknown_unit_is_404(anon):
    assert_error(anon.get("/units/25456", on="2025-07-01"), 404, "not_found")
    assert_error(anon.get("/units/25456/successors", on="2025-07-01"), 404, "not_found")
