# SPDX-License-Identifier: AGPL-3.0-or-later
"""A subtree is one prefix filter on the materialised path, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_children, agency_subtree
from motcua.agencies.tests.factories import AgencyFactory, make_agency

pytestmark = pytest.mark.django_db


def _ids(qs: object) -> set[int]:
    return {a.pk for a in qs}  # type: ignore[attr-defined]


def test_subtree_returns_the_node_and_all_descendants_and_nothing_else() -> None:
    root = make_agency(identifier="000.00.00.H01")
    dept = make_agency(root, identifier="000.00.01.H01")
    unit = make_agency(dept, identifier="000.01.01.H01")
    grandchild = make_agency(unit, identifier="001.01.01.H01")
    sibling = make_agency(root, identifier="000.00.02.H01")
    other_root = make_agency(identifier="000.00.00.H02")
    make_agency(other_root, identifier="000.00.01.H02")

    assert _ids(agency_subtree(agency=dept)) == {dept.pk, unit.pk, grandchild.pk}
    assert _ids(agency_subtree(agency=sibling)) == {sibling.pk}
    assert _ids(agency_subtree(agency=root)) == {
        root.pk,
        dept.pk,
        unit.pk,
        grandchild.pk,
        sibling.pk,
    }
    assert _ids(agency_children(agency=root)) == {dept.pk, sibling.pk}


def test_subtree_excludes_siblings_whose_path_looks_like_a_continuation() -> None:
    # Eleven roots get paths 0001..0009, 000A, 000B: the 9th and 10th differ in their last
    # character across the digit/letter boundary, the case a naive range filter gets wrong.
    roots = [make_agency(identifier=f"000.00.00.H{n:02d}") for n in range(1, 12)]
    children = {
        r.pk: make_agency(r, identifier=f"000.00.01.H{n:02d}") for n, r in enumerate(roots, start=1)
    }
    paths = [Agency.objects.get(pk=r.pk).path for r in roots]
    assert paths[8].endswith("9") and paths[9].endswith("A")
    for root in roots:
        root = Agency.objects.get(pk=root.pk)
        assert _ids(agency_subtree(agency=root)) == {root.pk, children[root.pk].pk}


def test_subtree_of_children_across_the_digit_letter_boundary() -> None:
    root = make_agency()
    children = [make_agency(root) for _ in range(11)]
    grandchildren = {c.pk: AgencyFactory(parent=c) for c in children}
    assert {Agency.objects.get(pk=c.pk).path[-1] for c in children} >= {"9", "A", "B"}
    for child in children:
        child = Agency.objects.get(pk=child.pk)
        assert _ids(agency_subtree(agency=child)) == {child.pk, grandchildren[child.pk].pk}
    assert len(_ids(agency_subtree(agency=root))) == 1 + 11 + 11


def test_subtree_can_be_limited_to_agencies_in_force() -> None:
    root = make_agency(valid_from=dt.date(2020, 1, 1))
    closed = make_agency(root, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 6, 30))
    current = make_agency(root, valid_from=dt.date(2025, 7, 1))
    assert _ids(agency_subtree(agency=root, valid_on=dt.date(2025, 7, 1))) == {root.pk, current.pk}
    assert _ids(agency_subtree(agency=root, valid_on=dt.date(2025, 1, 1))) == {root.pk, closed.pk}
