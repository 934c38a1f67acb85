# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from motcua.agencies.models import AgencyKind
from motcua.agencies.tests.factories import make_agency
from motcua.units.models import AdministrativeUnit, UnitLevel, UnitSuccession


@pytest.fixture
def public_data(db: None) -> SimpleNamespace:
    """The 2025 reorganisation in miniature: an old province and commune and their successors."""
    province = UnitLevel.objects.create(code="province", name_vi="Tỉnh", name_en="Province", rank=1)
    commune = UnitLevel.objects.create(code="commune", name_vi="Xã", name_en="Commune", rank=3)
    old_prov = AdministrativeUnit.objects.create(
        code="72",
        name="Tỉnh Tây Ninh",
        unit_type="Tỉnh",
        level=province,
        valid_from=dt.date(2004, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    new_prov = AdministrativeUnit.objects.create(
        code="80",
        name="Tỉnh Tây Ninh",
        unit_type="Tỉnh",
        level=province,
        valid_from=dt.date(2025, 7, 1),
    )
    old_commune = AdministrativeUnit.objects.create(
        code="25459",
        name="Xã Tân Bình",
        unit_type="Xã",
        level=commune,
        parent=old_prov,
        valid_from=dt.date(2004, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    new_commune = AdministrativeUnit.objects.create(
        code="25460",
        name="Xã Tân Ninh Mới",
        unit_type="Xã",
        level=commune,
        parent=new_prov,
        valid_from=dt.date(2025, 7, 1),
    )
    UnitSuccession.objects.create(
        predecessor=old_commune, successor=new_commune, effective_on=dt.date(2025, 7, 1)
    )
    ppc = make_agency(
        identifier="000.00.00.H60",
        name_vi="Ủy ban nhân dân tỉnh Tây Ninh",
        name_en="Tay Ninh Provincial People's Committee",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        unit=new_prov,
    )
    dept = make_agency(
        ppc, identifier="000.00.01.H60", name_vi="Sở Tư pháp", kind=AgencyKind.DEPARTMENT
    )
    closed = make_agency(
        ppc,
        identifier="000.00.09.H60",
        name_vi="Sở Đã Giải Thể",
        kind=AgencyKind.DEPARTMENT,
        valid_to=dt.date(2021, 1, 1),
    )
    return SimpleNamespace(
        old_commune=old_commune,
        new_commune=new_commune,
        ppc=ppc,
        dept=dept,
        closed=closed,
        new_prov=new_prov,
    )
