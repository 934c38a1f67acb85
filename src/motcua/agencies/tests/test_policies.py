# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure predicates: identifier shapes and who may change organisation data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.agencies import policies


@pytest.mark.parametrize("value", ["000.00.16.H51", "000.00.04.G18", "123.45.67.Z99", "G09.20"])
def test_documented_identifier_shapes_are_accepted(value: str) -> None:
    assert policies.is_valid_agency_identifier(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "000.00.16.h51",
        "000.00.16.H5",
        "00.00.16.H51",
        "000.00.16.H51 ",
        "000-00-16-H51",
        "G09",
        "G09.20.1",
        "000.00.16.H51\n",
    ],
)
def test_other_identifier_shapes_are_refused(value: str) -> None:
    assert not policies.is_valid_agency_identifier(value)


@given(st.text(max_size=20))
def test_accepted_identifiers_have_a_level_one_code(value: str) -> None:
    if policies.is_valid_agency_identifier(value):
        assert any(part[:1].isupper() and part[1:].isdigit() for part in value.split("."))


def test_root_agency_needs_a_superuser() -> None:
    assert not policies.can_create_agency(
        is_superuser=False, is_root=True, parent_in_admin_scope=True
    )
    assert policies.can_create_agency(is_superuser=True, is_root=True, parent_in_admin_scope=False)
    assert policies.can_create_agency(is_superuser=False, is_root=False, parent_in_admin_scope=True)
    assert not policies.can_create_agency(
        is_superuser=False, is_root=False, parent_in_admin_scope=False
    )


def test_unit_and_agency_edits() -> None:
    assert policies.can_edit_units(is_superuser=False, is_system_admin=True)
    assert not policies.can_edit_units(is_superuser=False, is_system_admin=False)
    assert policies.can_update_agency(is_superuser=False, agency_in_admin_scope=True)
    assert not policies.can_update_agency(is_superuser=False, agency_in_admin_scope=False)
