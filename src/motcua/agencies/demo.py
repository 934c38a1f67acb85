# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo agencies: the current (from 01/07/2025) Tây Ninh tree, for ``make run`` and tests.

Legal basis of the shape: Decree 118/2025/NĐ-CP Art 7–8 (a provincial Public Administration
Service Centre under the PPC Office; a one-stop unit at each commune People's Committee).

**Every identifier is made up** (``identifier_is_demo=True``): no public source lists Tây
Ninh's electronic agency codes (shared/data/SOURCES.md, "Not found"). They follow the
``000.00.16.H51`` shape with the level-1 part ``H99``, which no province uses, so a demo
identifier never collides with a real one.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db import transaction

from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.services import agency_create_unchecked
from motcua.units.loader import TWO_LEVEL_FROM, load_reference_units
from motcua.units.selectors import unit_get

DEMO_VALID_FROM: dt.date = TWO_LEVEL_FROM
PROVINCE_CODE = "80"


class _Demo(NamedTuple):
    key: str
    parent: str | None
    identifier: str
    kind: str
    unit_code: str
    receives_dossiers: bool
    name_vi: str
    name_en: str
    short_name: str


_TREE: tuple[_Demo, ...] = (
    _Demo(
        "ppc",
        None,
        "000.00.00.H99",
        AgencyKind.PEOPLES_COMMITTEE,
        PROVINCE_CODE,
        False,
        "Ủy ban nhân dân tỉnh Tây Ninh",
        "Tay Ninh Provincial People's Committee",
        "UBND tỉnh",
    ),
    _Demo(
        "ppc_office",
        "ppc",
        "000.00.01.H99",
        AgencyKind.PPC_OFFICE,
        PROVINCE_CODE,
        False,
        "Văn phòng Ủy ban nhân dân tỉnh Tây Ninh",
        "Office of the Tay Ninh Provincial People's Committee",
        "VP UBND tỉnh",
    ),
    _Demo(
        "centre",
        "ppc_office",
        "000.01.01.H99",
        AgencyKind.SERVICE_CENTRE,
        PROVINCE_CODE,
        True,
        "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
        "Tay Ninh Provincial Public Administration Service Centre",
        "TTPVHCC tỉnh",
    ),
    _Demo(
        "justice",
        "ppc",
        "000.00.02.H99",
        AgencyKind.DEPARTMENT,
        PROVINCE_CODE,
        False,
        "Sở Tư pháp",
        "Department of Justice",
        "STP",
    ),
    _Demo(
        "construction",
        "ppc",
        "000.00.03.H99",
        AgencyKind.DEPARTMENT,
        PROVINCE_CODE,
        False,
        "Sở Xây dựng",
        "Department of Construction",
        "SXD",
    ),
    _Demo(
        "agri_env",
        "ppc",
        "000.00.04.H99",
        AgencyKind.DEPARTMENT,
        PROVINCE_CODE,
        False,
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "SNNMT",
    ),
    _Demo(
        "land_office",
        "agri_env",
        "000.01.04.H99",
        AgencyKind.LAND_REGISTRATION_OFFICE,
        PROVINCE_CODE,
        False,
        "Văn phòng Đăng ký đất đai tỉnh Tây Ninh",
        "Tay Ninh Land Registration Office",
        "VPĐKĐĐ",
    ),
    # The tax authority is a central, vertical agency (Ministry of Finance), not part of the
    # PPC. It sits under the root here only so that the demo has one tree and the province's
    # administrators can see it; a real deployment may give it its own root.
    _Demo(
        "tax",
        "ppc",
        "000.00.05.H99",
        AgencyKind.TAX_AUTHORITY,
        PROVINCE_CODE,
        False,
        "Thuế tỉnh Tây Ninh",
        "Tay Ninh Provincial Tax",
        "Thuế tỉnh",
    ),
    _Demo(
        "commune_tan_ninh",
        "ppc",
        "000.00.31.H99",
        AgencyKind.COMMUNE_COMMITTEE,
        "25459",
        False,
        "Ủy ban nhân dân phường Tân Ninh",
        "Tan Ninh Ward People's Committee",
        "UBND P. Tân Ninh",
    ),
    _Demo(
        "commune_tan_ninh_onestop",
        "commune_tan_ninh",
        "000.01.31.H99",
        AgencyKind.ONE_STOP_UNIT,
        "25459",
        True,
        "Trung tâm Phục vụ hành chính công phường Tân Ninh",
        "Tan Ninh Ward Public Administration Service Centre",
        "TTPVHCC P. Tân Ninh",
    ),
    _Demo(
        "commune_tan_bien",
        "ppc",
        "000.00.32.H99",
        AgencyKind.COMMUNE_COMMITTEE,
        "25486",
        False,
        "Ủy ban nhân dân xã Tân Biên",
        "Tan Bien Commune People's Committee",
        "UBND X. Tân Biên",
    ),
    _Demo(
        "commune_tan_bien_onestop",
        "commune_tan_bien",
        "000.01.32.H99",
        AgencyKind.ONE_STOP_UNIT,
        "25486",
        True,
        "Trung tâm Phục vụ hành chính công xã Tân Biên",
        "Tan Bien Commune Public Administration Service Centre",
        "TTPVHCC X. Tân Biên",
    ),
)

DEMO_KEYS: tuple[str, ...] = tuple(row.key for row in _TREE)
DEMO_SHORT_NAMES: dict[str, str] = {row.key: row.short_name or row.name_vi for row in _TREE}


def seed_demo_agencies() -> dict[str, Agency]:
    """Create the demo tree where missing and return every demo agency by key.

    Idempotent: an agency whose identifier exists is returned unchanged. Loads the reference
    units first when the new province is missing. Post-condition: all keys of ``DEMO_KEYS``.
    """
    with transaction.atomic():
        if unit_get(code=PROVINCE_CODE, on=DEMO_VALID_FROM) is None:
            load_reference_units()
        agencies: dict[str, Agency] = {}
        identifiers = {row.key: row.identifier for row in _TREE}
        for row in _TREE:
            existing = Agency.objects.filter(identifier=row.identifier).first()
            if existing is not None:
                agencies[row.key] = existing
                continue
            agencies[row.key] = agency_create_unchecked(
                parent_identifier=identifiers[row.parent] if row.parent else None,
                identifier=row.identifier,
                name_vi=row.name_vi,
                name_en=row.name_en,
                short_name=row.short_name,
                kind=row.kind,
                unit_code=row.unit_code,
                valid_from=DEMO_VALID_FROM,
                receives_dossiers=row.receives_dossiers,
                identifier_is_demo=True,
            )
        return {
            key: Agency.objects.select_related("unit").get(pk=a.pk) for key, a in agencies.items()
        }
