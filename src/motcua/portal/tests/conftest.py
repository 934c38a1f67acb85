# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import time_machine

from motcua.agencies.models import AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.catalog.services import (
    field_save,
    procedure_create,
    version_create_draft,
    version_parts_set,
    version_publish,
)
from motcua.core.clock import VN_TZ
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


# --- A small procedure catalogue, built through the catalogue services ----------------------

# As units.loader.LEVELS (interfaces may not import the loader).
TEST_LEVELS = (
    ("province", 1, "Cấp tỉnh", "Province level"),
    ("district", 2, "Cấp huyện", "District level"),
    ("commune", 3, "Cấp xã", "Commune level"),
)
CATALOGUE_TODAY = dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN_TZ)
V1_FROM = dt.date(2026, 1, 1)
V2_FROM = dt.date(2026, 10, 1)  # version 1 of the marriage procedure ends on 2026-09-30


def _publish(editor, procedure, start, *, mode="full_online", reason="", limits, **parts):
    draft = version_create_draft(
        actor=editor,
        procedure=procedure,
        copy_current=False,
        data={
            "effective_from": start,
            "service_mode": mode,
            "partial_online_reason": reason,
            "decision_number": "1234/QĐ-UBND",
            "decision_date": start,
            "eform": parts.pop("eform", {}),
        },
    )
    version_parts_set(actor=editor, version=draft, kind="time_limits", items=limits)
    for kind, items in parts.items():
        version_parts_set(actor=editor, version=draft, kind=kind, items=items)
    return version_publish(actor=editor, version=draft)


def _proc(editor, code, name, field, **kw):
    data = {
        "code": code,
        "name_vi": name,
        "field_code": field.code,
        "level_codes": ["commune"],
        "competent_agency_kinds": ["commune_committee"],
        "implementing_agencies_text": "Ủy ban nhân dân cấp xã",
        **kw,
    }
    return procedure_create(actor=editor, data=data)


def _limit(channel, amount, unit="working_day", **kw):
    return {"channel": channel, "amount": amount, "unit": unit, **kw}


def _step(order, name, performer, role, amount, unit="working_day", **kw):
    return {
        "order": order,
        "name_vi": name,
        "name_en": f"Step {order}",
        "performer": performer,
        "role": role,
        "norm_amount": amount,
        "norm_unit": unit,
        **kw,
    }


MARRIAGE_EFORM = {
    "fields": [
        {
            "name": "husband_name",
            "label_vi": "Họ, chữ đệm, tên người chồng",
            "label_en": "Husband's full name",
            "type": "text",
            "required": True,
            "max_length": 100,
        }
    ]
}


def build_small_catalogue() -> SimpleNamespace:
    """Five procedures (four published, one draft) and a version boundary on 2026-10-01."""
    for code, rank, name_vi, name_en in TEST_LEVELS:
        UnitLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_vi": name_vi, "name_en": name_en}
        )
    editor = make_user(username="catalogue-editor")
    assign_role(editor, Role.CATALOGUE_ADMIN, make_agency())
    civil = field_save(actor=editor, name_vi="Hộ tịch")
    certification = field_save(actor=editor, name_vi="Chứng thực")
    building_field = field_save(actor=editor, name_vi="Hoạt động xây dựng")
    marriage = _proc(
        editor,
        "1.000894",
        "Thủ tục đăng ký kết hôn",
        civil,
        results=[{"name": "Giấy chứng nhận kết hôn", "code": "KQ.G17.000003"}],
        applicant_types=["Công dân Việt Nam"],
    )
    steps = [
        _step(1, "Tiếp nhận hồ sơ", "one_stop_unit", "reception_officer", "4", "working_hour"),
        _step(2, "Xác minh", "competent_agency", "handler", "1", parallel_group="g", branch=1),
        _step(2, "Tra cứu dữ liệu", "tax_authority", "handler", "1", parallel_group="g", branch=2),
        _step(3, "Ký giấy chứng nhận", "competent_agency", "approver", "4", "working_hour"),
    ]
    documents = [
        {
            "name": "Tờ khai đăng ký kết hôn",
            "originals": 1,
            "copies": 0,
            "template_name": "TK-KH",
        },
        {"name": "Giấy xác nhận tình trạng hôn nhân", "originals": 1, "reusable": True},
        {"name": "Căn cước công dân", "requirement": "show_only"},
    ]
    fees = [
        {"name": "Lệ phí đăng ký kết hôn", "kind": "charge", "amount_vnd": 0},
        {"name": "Phí cấp bản sao trích lục", "amount_vnd": 8000, "collected_at": "result"},
    ]
    v1 = _publish(
        editor,
        marriage,
        V1_FROM,
        limits=[_limit("in_person", "5")],
        steps=steps,
        documents=documents,
        fees=fees,
        legal_bases=[{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
        eform=MARRIAGE_EFORM,
    )
    v2 = _publish(
        editor,
        marriage,
        V2_FROM,
        limits=[
            _limit("in_person", "3"),
            _limit("online", "3", needs_review=True, raw="3 Ngày làm việc"),
        ],
        steps=steps,
        documents=[*documents, {"name": "Giấy tờ bổ sung từ phiên bản 2"}],
        fees=fees,
        legal_bases=[{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
        eform=MARRIAGE_EFORM,
    )
    foreign = _proc(
        editor,
        "1.001022",
        "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        civil,
        level_codes=["province"],
        competent_agency_kinds=["department"],
    )
    _publish(editor, foreign, V1_FROM, limits=[_limit("in_person", "15")])
    birth = _proc(editor, "1.001193", "Thủ tục đăng ký khai sinh", civil)
    _publish(
        editor,
        birth,
        V1_FROM,
        mode="partial_online",
        reason="Cần đối chiếu giấy chứng sinh bản gốc.",
        limits=[_limit("in_person", "1")],
    )
    copy = _proc(editor, "2.000815", "Chứng thực bản sao từ bản chính", certification)
    _publish(
        editor,
        copy,
        V1_FROM,
        limits=[_limit("in_person", "1")],
        fees=[{"name": "Phí chứng thực bản sao", "amount_vnd": 2000}],
    )
    building = _proc(
        editor,
        "1.002755",
        "Cấp giấy phép xây dựng",
        building_field,
        level_codes=["province"],
        competent_agency_kinds=["department"],
    )
    version_create_draft(actor=editor, procedure=building, data={"service_mode": "full_online"})
    return SimpleNamespace(
        editor=editor, civil=civil, certification=certification, marriage=marriage, v1=v1, v2=v2
    )


@pytest.fixture
def catalogue_today() -> Iterator[None]:
    with time_machine.travel(CATALOGUE_TODAY, tick=True):
        yield


@pytest.fixture
def catalogue(db: None, catalogue_today: None) -> SimpleNamespace:
    return build_small_catalogue()


# --- Citizen side (wizard, my dossiers, lookup) -------------------------------------------

EFORM = {
    "fields": [
        {"name": "child_name", "label_vi": "Họ tên trẻ", "label_en": "Child's name",
         "type": "text", "required": True, "max_length": 100},
        {"name": "birth_date", "label_vi": "Ngày sinh", "label_en": "Date of birth",
         "type": "date", "required": True},
        {"name": "note", "label_vi": "Ghi chú", "type": "textarea"},
    ]
}  # fmt: skip
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def citizen_world(db: None, tmp_path: object, settings: object) -> object:
    """The dossier test world with an e-form on its procedure version and clean caches."""
    from motcua.dossiers.services.pinned import pinned_cache_clear
    from motcua.dossiers.tests.factories import build_world
    from motcua.workcal.seed import calendar_seed_from_library
    from motcua.workcal.selectors import snapshot_cache_clear

    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    snapshot_cache_clear()
    pinned_cache_clear()
    calendar_seed_from_library(years=[2025, 2026, 2027])
    world = build_world()
    world.version.eform = EFORM
    world.version.save()
    world.applicant.full_name = "Nguyễn Thị Công Dân"
    world.applicant.save()
    yield world
    snapshot_cache_clear()
    pinned_cache_clear()
