# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dated lookups: the same code means different units before and after 01/07/2025."""

from __future__ import annotations

import datetime as dt

from motcua.units.loader import LoadSummary
from motcua.units.models import AdministrativeUnit
from motcua.units.selectors import (
    unit_ancestors,
    unit_children,
    unit_get,
    unit_list,
    unit_predecessors,
    unit_resolve_current,
    unit_successions,
    unit_successors,
)

OLD = dt.date(2025, 6, 30)
NEW = dt.date(2025, 7, 1)


def _get(code: str, on: dt.date) -> AdministrativeUnit:
    unit = unit_get(code=code, on=on)
    assert unit is not None
    return unit


def test_code_25459_is_phuong_3_until_30_june_and_phuong_tan_ninh_from_1_july(
    loaded_units: LoadSummary,
) -> None:
    old = _get("25459", OLD)
    new = _get("25459", NEW)
    assert old.name == "Phường 3"
    assert old.parent is not None and old.parent.code == "703"
    assert new.name == "Phường Tân Ninh"
    assert new.parent is not None and new.parent.code == "80"
    assert new.parent.valid_from == NEW


def test_code_80_is_long_an_before_and_tay_ninh_after(loaded_units: LoadSummary) -> None:
    assert _get("80", OLD).name == "Tỉnh Long An"
    assert _get("80", NEW).name == "Tỉnh Tây Ninh"
    assert _get("80", dt.date(2030, 1, 1)).name == "Tỉnh Tây Ninh"


def test_unit_get_returns_none_outside_every_period(loaded_units: LoadSummary) -> None:
    assert unit_get(code="72", on=NEW) is None
    assert unit_get(code="25459", on=dt.date(2021, 12, 31)) is None
    assert unit_get(code="99999", on=NEW) is None


def test_units_valid_on_a_date_by_level(loaded_units: LoadSummary) -> None:
    assert set(unit_list(valid_on=OLD, level="province").values_list("name", flat=True)) == {
        "Tỉnh Tây Ninh",
        "Tỉnh Long An",
    }
    assert unit_list(valid_on=NEW, level="province").count() == 1
    assert unit_list(valid_on=NEW, level="district").count() == 0
    assert unit_list(valid_on=OLD, level="district").count() == 9 + 15


def test_search_ignores_accents_and_matches_code_prefix(loaded_units: LoadSummary) -> None:
    found = unit_list(valid_on=NEW, q="tan ninh")
    assert [u.code for u in found] == ["25459"]
    assert [u.name for u in unit_list(valid_on=NEW, q="ĐỨC HÒA")] == ["Xã Đức Hòa"]
    assert {u.code for u in unit_list(valid_on=NEW, q="2545")} >= {"25459"}
    assert not unit_list(valid_on=NEW, q="zzz").exists()


def test_children_of_old_and_new_province(loaded_units: LoadSummary) -> None:
    assert unit_children(unit=_get("72", OLD)).count() == 9
    assert unit_children(unit=_get("80", NEW), valid_on=NEW).count() == 96
    assert unit_children(unit=_get("80", NEW), valid_on=OLD).count() == 0
    city = _get("703", OLD)
    assert {u.name for u in unit_children(unit=city)} >= {"Phường 1", "Phường 3"}
    assert unit_list(parent=city).count() == unit_children(unit=city).count()


def test_ancestors_walk_up_without_knowing_the_number_of_levels(
    loaded_units: LoadSummary,
) -> None:
    assert [u.code for u in unit_ancestors(unit=_get("25459", OLD))] == ["703", "72"]
    assert [u.code for u in unit_ancestors(unit=_get("25459", NEW))] == ["80"]
    assert unit_ancestors(unit=_get("80", NEW)) == []


def test_old_phuong_1_is_succeeded_by_phuong_tan_ninh(loaded_units: LoadSummary) -> None:
    old = _get("25456", OLD)
    assert [(u.code, u.name) for u in unit_successors(unit=old)] == [("25459", "Phường Tân Ninh")]
    assert not unit_successions(unit=old).get().partial


def test_a_partly_merged_commune_has_several_successors(loaded_units: LoadSummary) -> None:
    thai_binh = _get("25597", OLD)  # Xã Thái Bình, split between several new communes
    successors = list(unit_successors(unit=thai_binh))
    assert len(successors) >= 2
    assert "Phường Tân Ninh" in {u.name for u in successors}
    assert all(s.partial and s.note == "Nhập một phần" for s in unit_successions(unit=thai_binh))


def test_predecessors_of_phuong_tan_ninh_include_the_old_wards(loaded_units: LoadSummary) -> None:
    names = {u.name for u in unit_predecessors(unit=_get("25459", NEW))}
    assert {"Phường 1", "Phường 3", "Phường 4", "Phường Hiệp Ninh"} <= names


def test_resolve_keeps_a_unit_in_force_and_maps_an_old_one_to_new_units(
    loaded_units: LoadSummary,
) -> None:
    old = _get("25456", OLD)
    assert unit_resolve_current(unit=old, on=OLD) == [old]
    assert [u.name for u in unit_resolve_current(unit=old, on=NEW)] == ["Phường Tân Ninh"]
    split = unit_resolve_current(unit=_get("25597", OLD), on=NEW)
    assert len(split) >= 2 and all(u.is_valid_on(NEW) for u in split)


def test_resolve_of_old_provinces_gives_the_new_province(loaded_units: LoadSummary) -> None:
    new_province = _get("80", NEW)
    assert unit_resolve_current(unit=_get("72", OLD), on=NEW) == [new_province]
    assert unit_resolve_current(unit=_get("80", OLD), on=NEW) == [new_province]


def test_resolve_of_an_abolished_district_is_empty(loaded_units: LoadSummary) -> None:
    assert unit_resolve_current(unit=_get("703", OLD), on=NEW) == []


def test_resolve_backwards_gives_the_old_units(loaded_units: LoadSummary) -> None:
    names = {u.name for u in unit_resolve_current(unit=_get("25459", NEW), on=OLD)}
    assert {"Phường 1", "Phường 3"} <= names
