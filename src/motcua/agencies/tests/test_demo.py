# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo tree of the current Tây Ninh, seeded idempotently."""

from __future__ import annotations

import pytest

from motcua.agencies.demo import DEMO_KEYS, seed_demo_agencies
from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.policies import is_valid_agency_identifier
from motcua.agencies.selectors import agency_subtree
from motcua.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_seed_builds_the_tree_and_loads_units_when_missing() -> None:
    assert not AdministrativeUnit.objects.exists()
    demo = seed_demo_agencies()
    assert set(demo) == set(DEMO_KEYS)
    assert AdministrativeUnit.objects.count() == 403
    assert demo["ppc"].is_root()
    assert agency_subtree(agency=demo["ppc"]).count() == len(DEMO_KEYS)
    parents = {
        "ppc_office": "ppc",
        "centre": "ppc_office",
        "justice": "ppc",
        "construction": "ppc",
        "agri_env": "ppc",
        "land_office": "agri_env",
        "tax": "ppc",
        "commune_tan_ninh": "ppc",
        "commune_tan_ninh_onestop": "commune_tan_ninh",
        "commune_tan_bien": "ppc",
        "commune_tan_bien_onestop": "commune_tan_bien",
    }
    for child, parent in parents.items():
        assert Agency.objects.get_parent(demo[child]).pk == demo[parent].pk, child


def test_demo_agencies_are_marked_demo_with_real_looking_identifiers() -> None:
    demo = seed_demo_agencies()
    assert all(a.identifier_is_demo for a in demo.values())
    assert all(is_valid_agency_identifier(a.identifier) for a in demo.values())


def test_demo_kinds_units_and_receiving_agencies() -> None:
    demo = seed_demo_agencies()
    assert demo["ppc"].kind == AgencyKind.PEOPLES_COMMITTEE
    assert demo["tax"].kind == AgencyKind.TAX_AUTHORITY
    assert demo["land_office"].kind == AgencyKind.LAND_REGISTRATION_OFFICE
    assert demo["ppc"].unit is not None and demo["ppc"].unit.name == "Tỉnh Tây Ninh"
    assert demo["commune_tan_ninh"].unit.name == "Phường Tân Ninh"  # type: ignore[union-attr]
    assert demo["commune_tan_bien_onestop"].unit.name == "Xã Tân Biên"  # type: ignore[union-attr]
    receiving = {k for k, a in demo.items() if a.receives_dossiers}
    assert receiving == {"centre", "commune_tan_ninh_onestop", "commune_tan_bien_onestop"}


def test_seeding_twice_creates_nothing_new() -> None:
    first = seed_demo_agencies()
    count, paths = Agency.objects.count(), {k: a.path for k, a in first.items()}
    second = seed_demo_agencies()
    assert Agency.objects.count() == count
    assert {k: a.pk for k, a in second.items()} == {k: a.pk for k, a in first.items()}
    assert {k: a.path for k, a in second.items()} == paths
