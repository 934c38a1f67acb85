# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may manage staff and roles: pure predicates over materialised paths."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.policies import (
    can_grant_at_agency,
    can_manage_agency_staff,
    can_manage_applicant_roles,
)

# treebeard paths: 4 characters per level
segment = st.sampled_from(["0001", "0002", "0003"])
path = st.lists(segment, min_size=1, max_size=4).map("".join)
admin_paths = st.lists(st.tuples(path, st.booleans()), max_size=4)


def test_assignment_at_department_a_covers_a_but_not_b_nor_a_child():
    admins = [("00010001", False)]
    assert can_manage_agency_staff(admin_paths=admins, agency_path="00010001")
    assert not can_manage_agency_staff(admin_paths=admins, agency_path="00010002")
    assert not can_manage_agency_staff(admin_paths=admins, agency_path="000100010001")


def test_assignment_with_descendants_covers_the_subtree_only():
    admins = [("00010001", True)]
    assert can_manage_agency_staff(admin_paths=admins, agency_path="000100010003")
    assert not can_manage_agency_staff(admin_paths=admins, agency_path="0001")
    assert not can_manage_agency_staff(admin_paths=admins, agency_path="00010002")


@given(admin_paths, path)
def test_superuser_may_always_and_nobody_without_assignments(admins, agency_path):
    assert can_manage_agency_staff(admin_paths=admins, agency_path=agency_path, is_superuser=True)
    assert not can_manage_agency_staff(admin_paths=[], agency_path=agency_path)


@given(admin_paths, path)
def test_coverage_matches_the_scope_rule(admins, agency_path):
    expected = any(p == agency_path or (d and agency_path.startswith(p)) for p, d in admins)
    assert can_manage_agency_staff(admin_paths=admins, agency_path=agency_path) is expected


@given(admin_paths, path, path)
def test_granting_with_descendants_never_reaches_beyond_the_actors_own_scope(admins, at, below):
    """If the actor may grant a subtree at ``at``, they cover every agency beneath it."""
    if can_grant_at_agency(admin_paths=admins, agency_path=at, include_descendants=True):
        assert can_manage_agency_staff(admin_paths=admins, agency_path=at + below)


def test_admin_at_a_single_agency_cannot_grant_its_subtree():
    admins = [("0001", False)]
    assert can_grant_at_agency(admin_paths=admins, agency_path="0001")
    assert not can_grant_at_agency(admin_paths=admins, agency_path="0001", include_descendants=True)


def test_any_system_admin_may_manage_applicant_roles():
    assert can_manage_applicant_roles(admin_paths=[("0003", False)])
    assert not can_manage_applicant_roles(admin_paths=[])
    assert can_manage_applicant_roles(admin_paths=[], is_superuser=True)
