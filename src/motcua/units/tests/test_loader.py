# SPDX-License-Identifier: AGPL-3.0-or-later
"""Loading Tây Ninh's units before and after 01/07/2025 from the packaged reference data."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.core.text import fold_vi
from motcua.units.loader import (
    DATA_DIR,
    THREE_LEVEL_FROM,
    THREE_LEVEL_TO,
    TWO_LEVEL_FROM,
    LoadSummary,
    clean_name,
    load_reference_units,
    read_reference_data,
    unit_type_from_name,
)
from motcua.units.models import AdministrativeUnit, UnitLevel, UnitSuccession

OLD = dt.date(2025, 6, 30)
NEW = dt.date(2025, 7, 1)


def _codes(name: str, **where: str) -> set[str]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return {r["code"] for r in csv.DictReader(fh) if all(r[k] == v for k, v in where.items())}


def test_old_tay_ninh_has_one_province_nine_districts_and_94_communes(
    loaded_units: LoadSummary,
) -> None:
    province = AdministrativeUnit.objects.get(code="72")
    districts = AdministrativeUnit.objects.filter(parent=province)
    communes = AdministrativeUnit.objects.filter(parent__in=districts)
    assert (province.valid_from, province.valid_to) == (THREE_LEVEL_FROM, THREE_LEVEL_TO)
    assert districts.count() == 9
    assert communes.count() == 94
    assert set(communes.values_list("code", flat=True)) == _codes(
        "admin_units_tay_ninh_2022.csv", level="commune"
    )
    assert (
        not AdministrativeUnit.objects.filter(
            pk__in=[province.pk, *districts.values_list("pk", flat=True)]
        )
        .exclude(valid_to=THREE_LEVEL_TO)
        .exists()
    )


def test_new_tay_ninh_has_one_province_and_96_communes_directly_under_it(
    loaded_units: LoadSummary,
) -> None:
    province = AdministrativeUnit.objects.get(code="80", valid_from=TWO_LEVEL_FROM)
    communes = AdministrativeUnit.objects.filter(parent=province)
    assert province.name == "Tỉnh Tây Ninh"
    assert province.valid_to is None
    assert communes.count() == 96
    assert set(communes.values_list("code", flat=True)) == _codes(
        "admin_units_tay_ninh_2025.csv", level="commune"
    )
    assert set(communes.values_list("level__code", flat=True)) == {"commune"}
    assert communes.filter(unit_type="Phường").count() == 14
    assert communes.filter(unit_type="Xã").count() == 82


def test_levels_are_rows_with_vietnamese_and_english_names(loaded_units: LoadSummary) -> None:
    assert list(UnitLevel.objects.values_list("code", "rank", "name_vi", "name_en")) == [
        ("province", 1, "Cấp tỉnh", "Province level"),
        ("district", 2, "Cấp huyện", "District level"),
        ("commune", 3, "Cấp xã", "Commune level"),
    ]


def test_old_long_an_is_reconstructed_with_types_from_name_prefixes(
    loaded_units: LoadSummary,
) -> None:
    long_an = AdministrativeUnit.objects.get(code="80", valid_from=THREE_LEVEL_FROM)
    assert long_an.name == "Tỉnh Long An"
    assert long_an.valid_to == THREE_LEVEL_TO
    districts = AdministrativeUnit.objects.filter(parent=long_an)
    assert districts.count() == 15
    assert set(districts.values_list("unit_type", flat=True)) == {"Thành phố", "Thị xã", "Huyện"}
    kien_tuong = districts.get(code="795")
    assert kien_tuong.name == "Thị xã Kiến Tường"  # the source spells it two ways
    communes = AdministrativeUnit.objects.filter(parent__parent=long_an)
    assert communes.count() == 186
    assert set(communes.values_list("unit_type", flat=True)) == {"Phường", "Xã", "Thị trấn"}
    assert not communes.filter(name__contains="  ").exists()


def test_phuong_4_of_tan_an_is_attached_to_long_an_despite_the_source_error(
    loaded_units: LoadSummary,
) -> None:
    ward = AdministrativeUnit.objects.get(code="27691", valid_from=THREE_LEVEL_FROM)
    assert ward.parent is not None and ward.parent.code == "794"
    assert ward.parent.parent is not None and ward.parent.parent.name == "Tỉnh Long An"
    assert not AdministrativeUnit.objects.filter(code="82").exists()


def test_successions_come_from_the_conversion_table_and_province_list(
    loaded_units: LoadSummary,
) -> None:
    assert loaded_units.successions_created == 302 + 2
    assert UnitSuccession.objects.filter(effective_on=NEW).count() == 304
    assert UnitSuccession.objects.filter(partial=True).count() == 43
    province_links = UnitSuccession.objects.filter(predecessor__level__code="province")
    assert sorted(
        (s.predecessor.name, s.successor.name, s.successor.code) for s in province_links
    ) == [("Tỉnh Long An", "Tỉnh Tây Ninh", "80"), ("Tỉnh Tây Ninh", "Tỉnh Tây Ninh", "80")]
    assert not UnitSuccession.objects.filter(predecessor__level__code="district").exists()


def test_every_unit_records_its_source_and_folded_name(loaded_units: LoadSummary) -> None:
    assert not AdministrativeUnit.objects.filter(source="").exists()
    for unit in AdministrativeUnit.objects.all():
        assert unit.name_folded == fold_vi(unit.name)


def test_loading_creates_history_records(loaded_units: LoadSummary) -> None:
    assert AdministrativeUnit.history.count() == AdministrativeUnit.objects.count() == 403


def test_second_load_creates_nothing_and_changes_nothing(loaded_units: LoadSummary) -> None:
    before = list(AdministrativeUnit.objects.values().order_by("pk"))
    again = load_reference_units()
    assert again.created == 0
    assert (again.units_existing, again.successions_existing) == (403, 304)
    assert list(AdministrativeUnit.objects.values().order_by("pk")) == before
    assert UnitSuccession.objects.count() == 304


@pytest.mark.django_db
def test_load_keeps_an_administrators_correction() -> None:
    load_reference_units()
    AdministrativeUnit.objects.filter(code="25459", valid_from=NEW).update(name="Phường X")
    load_reference_units()
    assert AdministrativeUnit.objects.get(code="25459", valid_from=NEW).name == "Phường X"


@pytest.mark.django_db
def test_load_refuses_a_row_overlapping_a_manual_unit_and_saves_nothing() -> None:
    level = UnitLevel.objects.create(code="province", rank=1, name_vi="x", name_en="x")
    AdministrativeUnit.objects.create(
        code="72", name="Tỉnh thử", unit_type="Tỉnh", level=level, valid_from=dt.date(2024, 1, 1)
    )
    with pytest.raises(ValueError, match="overlaps"):
        load_reference_units()
    assert AdministrativeUnit.objects.count() == 1
    assert not UnitSuccession.objects.exists()


@pytest.mark.django_db
def test_load_units_command_prints_the_summary() -> None:
    out = StringIO()
    call_command("load_units", stdout=out)
    assert "units created: 403" in out.getvalue()


def test_reading_the_data_needs_no_database() -> None:
    data = read_reference_data()
    assert len(data.units) == 403
    assert len({u.key for u in data.units}) == 403


@pytest.mark.parametrize(
    ("name", "unit_type"),
    [
        ("Thị trấn Tân Biên", "Thị trấn"),
        ("Thị xã Kiến Tường", "Thị xã"),
        ("Thành phố Tân An", "Thành phố"),
        ("Phường 4", "Phường"),
        ("Huyện Đức Hòa", "Huyện"),
        ("Xã Thạnh Lợi", "Xã"),
        ("Tỉnh Long An", "Tỉnh"),
    ],
)
def test_unit_type_is_the_name_prefix(name: str, unit_type: str) -> None:
    assert unit_type_from_name(name) == unit_type


def test_unknown_name_prefix_is_refused() -> None:
    with pytest.raises(ValueError):
        unit_type_from_name("Ấp Bình An")


def test_clean_name_fixes_spacing_and_case_of_thi_xa() -> None:
    assert clean_name("Xã  Hòa Khánh ") == "Xã Hòa Khánh"
    assert clean_name("Thị Xã Trảng Bàng") == "Thị xã Trảng Bàng"
