# SPDX-License-Identifier: AGPL-3.0-or-later
"""A small organisation for desk tests: a province, a PPC with two departments, and people."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from motcua.accounts.models import CitizenProfile, StaffProfile
from motcua.agencies.models import AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.units.models import AdministrativeUnit, UnitLevel

START = dt.date(2020, 1, 1)


@pytest.fixture
def org(db: None) -> SimpleNamespace:
    province_level = UnitLevel.objects.create(
        code="province", name_vi="Tỉnh", name_en="Province", rank=1
    )
    UnitLevel.objects.create(code="commune", name_vi="Xã", name_en="Commune", rank=3)
    province = AdministrativeUnit.objects.create(
        code="80",
        name="Tỉnh Tây Ninh",
        unit_type="Tỉnh",
        level=province_level,
        valid_from=dt.date(2025, 7, 1),
    )
    ppc = make_agency(
        identifier="000.00.00.H60",
        name_vi="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        valid_from=START,
    )
    dept_a = make_agency(ppc, identifier="000.00.01.H60", name_vi="Sở Tư pháp", valid_from=START)
    dept_b = make_agency(ppc, identifier="000.00.02.H60", name_vi="Sở Xây dựng", valid_from=START)

    admin = make_user(username="admin", full_name="Quản trị hệ thống")
    StaffProfile.objects.create(user=admin, agency=ppc)
    assign_role(admin, Role.SYSTEM_ADMIN, ppc, include_descendants=True)

    handler_a = make_user(username="handler_a", full_name="Nguyễn Văn An")
    StaffProfile.objects.create(user=handler_a, agency=dept_a)
    assign_role(handler_a, Role.HANDLER, dept_a)

    staff_b = make_user(username="staff_b", full_name="Trần Thị Bình")
    StaffProfile.objects.create(user=staff_b, agency=dept_b)
    assign_role(staff_b, Role.HANDLER, dept_b)

    citizen = make_user(username="citizen", full_name="Lê Văn Công")
    CitizenProfile.objects.create(user=citizen, personal_id="072090000001", full_name="Lê Văn Công")
    assign_role(citizen, Role.APPLICANT, None)

    return SimpleNamespace(
        province=province,
        ppc=ppc,
        dept_a=dept_a,
        dept_b=dept_b,
        admin=admin,
        handler_a=handler_a,
        staff_b=staff_b,
        citizen=citizen,
    )
