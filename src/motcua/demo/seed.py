# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo data for Tây Ninh: agencies, officials for every role, citizens and a business.

Only for demo mode (``settings.DEMO_MODE``; never true in ``motcua.settings.prod``). Idempotent:
users are looked up by username and left alone when they exist. Every write goes through the same
services the desk and the API use, with a bootstrap superuser as the actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.services import (
    citizen_register,
    organisation_register,
    role_assign,
    staff_create,
)
from motcua.agencies.demo import DEMO_SHORT_NAMES, seed_demo_agencies
from motcua.agencies.models import Agency, Role
from motcua.catalog.demo import seed_demo_catalogue
from motcua.core import clock
from motcua.demo.dossiers import seed_demo_dossiers
from motcua.units.selectors import unit_get

# Documented in README.md; exists only in demo databases.
DEMO_PASSWORD = "MotCua@Demo2026"  # noqa: S105
BOOTSTRAP_ADMIN = "admin"


@dataclass(frozen=True)
class DemoStaff:
    username: str
    full_name: str
    agency_key: str
    role: str
    include_descendants: bool = False
    position: str = ""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("quantri", "Trần Minh Quân", "ppc", Role.SYSTEM_ADMIN, True, "Quản trị hệ thống"),
    DemoStaff("giamsat", "Lê Thị Giám", "ppc_office", Role.SUPERVISOR, True, "Chuyên viên VP UBND"),
    DemoStaff("danhmuc", "Phạm Văn Mục", "centre", Role.CATALOGUE_ADMIN, True, "Quản trị danh mục"),
    # Provincial Public Administration Service Centre
    DemoStaff(
        "tiepnhan.tinh",
        "Nguyễn Thị Tiếp",
        "centre",
        Role.RECEPTION_OFFICER,
        False,
        "Cán bộ một cửa",
    ),
    DemoStaff("xuly.tinh", "Võ Văn Xử", "centre", Role.HANDLER, False, "Chuyên viên"),
    DemoStaff(
        "lanhdao.tinh", "Đặng Thị Duyệt", "centre", Role.APPROVER, False, "Giám đốc Trung tâm"
    ),
    # A department (Sở Tư pháp)
    DemoStaff(
        "tiepnhan.stp", "Huỳnh Văn Nhận", "justice", Role.RECEPTION_OFFICER, False, "Cán bộ một cửa"
    ),
    DemoStaff("xuly.stp", "Bùi Thị Lý", "justice", Role.HANDLER, False, "Chuyên viên"),
    DemoStaff("lanhdao.stp", "Đỗ Văn Phê", "justice", Role.APPROVER, False, "Phó Giám đốc Sở"),
    # Commune: phường Tân Ninh
    DemoStaff(
        "tiepnhan.tanninh",
        "Trương Thị Hòa",
        "commune_tan_ninh_onestop",
        Role.RECEPTION_OFFICER,
        False,
        "Công chức một cửa",
    ),
    DemoStaff(
        "xuly.tanninh",
        "Lý Văn Bình",
        "commune_tan_ninh",
        Role.HANDLER,
        False,
        "Công chức Tư pháp - Hộ tịch",
    ),
    DemoStaff(
        "lanhdao.tanninh",
        "Phan Văn Ninh",
        "commune_tan_ninh",
        Role.APPROVER,
        True,
        "Chủ tịch UBND phường",
    ),
    # Commune: xã Tân Biên
    DemoStaff(
        "tiepnhan.tanbien",
        "Mai Thị Biên",
        "commune_tan_bien_onestop",
        Role.RECEPTION_OFFICER,
        False,
        "Công chức một cửa",
    ),
    DemoStaff(
        "xuly.tanbien",
        "Hồ Văn Sơn",
        "commune_tan_bien",
        Role.HANDLER,
        False,
        "Công chức Văn phòng - Thống kê",
    ),
    DemoStaff(
        "lanhdao.tanbien", "Tạ Thị Xã", "commune_tan_bien", Role.APPROVER, True, "Chủ tịch UBND xã"
    ),
)

CITIZENS = (
    # (username, full name, personal ID, birth date, gender, phone, unit code)
    (
        "congdan.an",
        "Nguyễn Văn An",
        "072085001234",
        dt.date(1985, 3, 14),
        "male",
        "0912345678",
        "25459",
    ),
    (
        "congdan.binh",
        "Trần Thị Bình",
        "072190005678",
        dt.date(1990, 11, 2),
        "female",
        "0987654321",
        "25486",
    ),
    (
        "congdan.cuong",
        "Lê Quốc Cường",
        "080201003456",
        dt.date(2001, 7, 30),
        "male",
        "0901234567",
        "25459",
    ),
)
BUSINESS = (
    "doanhnghiep.taynam",
    "Công ty TNHH Thương mại Tây Nam",
    "3900123458",
    "Nguyễn Thành Tây",
    "25459",
)


class DemoModeRequired(RuntimeError):
    pass


def seed_demo() -> list[DemoLogin]:
    """Create the demo agencies and accounts (idempotent) and return the demo logins."""
    if not getattr(settings, "DEMO_MODE", False):
        raise DemoModeRequired("Demo data is only created when settings.DEMO_MODE is on.")
    with transaction.atomic():
        agencies = seed_demo_agencies()
        admin = _bootstrap_admin()
        for staff in STAFF:
            _ensure_staff(admin, agencies, staff)
        today = clock.today()
        for username, name, pid, born, gender, phone, unit_code in CITIZENS:
            if not _exists(username):
                citizen_register(
                    username=username,
                    email=f"{username}@example.vn",
                    password=DEMO_PASSWORD,
                    personal_id=pid,
                    full_name=name,
                    date_of_birth=born,
                    gender=gender,
                    phone=phone,
                    address_unit=unit_get(code=unit_code, on=today),
                )
        # The ~300 procedures, 20 of them with realistic processes and e-forms (idempotent).
        seed_demo_catalogue(actor=admin)
        username, org_name, tax_code, rep, unit_code = BUSINESS
        if not _exists(username):
            organisation_register(
                username=username,
                email=f"{username}@example.vn",
                password=DEMO_PASSWORD,
                tax_code=tax_code,
                name=org_name,
                representative_name=rep,
                address_unit=unit_get(code=unit_code, on=today),
            )
        # Dossiers with genuine histories for the statistics (idempotent; issue 7).
        seed_demo_dossiers(agencies=agencies)
    return demo_logins()


def demo_logins() -> list[DemoLogin]:
    logins = [DemoLogin(BOOTSTRAP_ADMIN, "superuser (/django-admin/)")]
    logins += [
        DemoLogin(s.username, f"{Role(s.role).label} · {DEMO_SHORT_NAMES[s.agency_key]}")
        for s in STAFF
    ]
    logins += [DemoLogin(c[0], f"citizen · {c[1]}") for c in CITIZENS]
    logins.append(DemoLogin(BUSINESS[0], f"business · {BUSINESS[1]}"))
    return logins


def _exists(username: str) -> bool:
    return User.objects.filter(username=username).exists()


def _bootstrap_admin() -> User:
    admin = User.objects.filter(username=BOOTSTRAP_ADMIN).first()
    if admin is None:
        # The one write outside a service: someone must be the first actor.
        admin = User.objects.create_superuser(
            username=BOOTSTRAP_ADMIN,
            email="admin@example.vn",
            password=DEMO_PASSWORD,
            full_name="Quản trị viên (demo)",
        )
    return admin


def _ensure_staff(admin: User, agencies: dict[str, Agency], staff: DemoStaff) -> None:
    if _exists(staff.username):
        return
    agency = agencies[staff.agency_key]
    user = staff_create(
        actor=admin,
        username=staff.username,
        email=f"{staff.username}@tayninh.example.vn",
        full_name=staff.full_name,
        password=DEMO_PASSWORD,
        agency=agency,
        position=staff.position,
    )
    role_assign(
        actor=admin,
        user=user,
        role=staff.role,
        agency=agency,
        include_descendants=staff.include_descendants,
        valid_from=dt.date(2025, 7, 1),
    )
