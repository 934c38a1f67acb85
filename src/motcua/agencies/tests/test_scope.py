# SPDX-License-Identifier: AGPL-3.0-or-later
"""Role scope: an assignment covers its agency, and its subtree only with include_descendants."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from motcua.agencies.models import Agency, Role, RoleAssignment
from motcua.agencies.selectors import (
    agency_in_scope,
    agency_list_in_scope,
    agency_scope_q,
    user_has_role,
)
from motcua.agencies.tests.factories import assign_role, make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Agency]:
    ppc = make_agency()
    dept_a = make_agency(ppc)
    dept_a_unit = make_agency(dept_a)
    dept_b = make_agency(ppc)
    return {"ppc": ppc, "a": dept_a, "a_unit": dept_a_unit, "b": dept_b}


def _scope(user: object, **kw: object) -> set[int]:
    return set(agency_list_in_scope(user=user, **kw).values_list("pk", flat=True))  # type: ignore[arg-type]


def test_assignment_without_descendants_covers_only_its_agency(tree: dict[str, Agency]) -> None:
    user = make_user()
    assign_role(user, Role.HANDLER, tree["a"])
    assert _scope(user) == {tree["a"].pk}


def test_assignment_with_descendants_covers_the_subtree_only(tree: dict[str, Agency]) -> None:
    user = make_user()
    assign_role(user, Role.HANDLER, tree["a"], include_descendants=True)
    assert _scope(user) == {tree["a"].pk, tree["a_unit"].pk}
    assert tree["b"].pk not in _scope(user)


def test_scope_is_the_union_of_assignments_and_filtered_by_role(tree: dict[str, Agency]) -> None:
    user = make_user()
    assign_role(user, Role.HANDLER, tree["a"])
    assign_role(user, Role.SYSTEM_ADMIN, tree["b"], include_descendants=True)
    assert _scope(user) == {tree["a"].pk, tree["b"].pk}
    assert _scope(user, roles=[Role.SYSTEM_ADMIN]) == {tree["b"].pk}
    assert _scope(user, roles=[Role.APPROVER]) == set()


def test_expired_and_future_assignments_do_not_count(tree: dict[str, Agency]) -> None:
    user = make_user()
    assign_role(
        user,
        Role.HANDLER,
        tree["a"],
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    assign_role(user, Role.HANDLER, tree["b"], valid_from=dt.date(2099, 1, 1))
    with time_machine.travel(dt.datetime(2025, 8, 1, 9, tzinfo=dt.UTC), tick=False):
        assert _scope(user) == set()
        assert not user_has_role(user=user, roles=[Role.HANDLER])
    assert _scope(user, day=dt.date(2024, 6, 1)) == {tree["a"].pk}
    assert _scope(user, day=dt.date(2099, 1, 1)) == {tree["b"].pk}


def test_scope_q_through_a_relation_prefix(tree: dict[str, Agency]) -> None:
    user = make_user()
    assign_role(user, Role.HANDLER, tree["a"], include_descendants=True)
    others = {key: assign_role(make_user(), Role.HANDLER, tree[key]) for key in ("a_unit", "b")}
    q = agency_scope_q(user=user, prefix="agency__")
    visible = set(RoleAssignment.objects.filter(q).values_list("pk", flat=True))
    assert others["a_unit"].pk in visible
    assert others["b"].pk not in visible


def test_anonymous_and_roleless_users_have_empty_scope(tree: dict[str, Agency]) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert _scope(AnonymousUser()) == set()
    assert _scope(make_user()) == set()


def test_agency_in_scope_answers_for_one_agency(tree: dict[str, Agency]) -> None:
    admin = make_user()
    assign_role(admin, Role.SYSTEM_ADMIN, tree["a"], include_descendants=True)
    assert agency_in_scope(user=admin, agency=tree["a_unit"], roles=[Role.SYSTEM_ADMIN])
    assert not agency_in_scope(user=admin, agency=tree["ppc"], roles=[Role.SYSTEM_ADMIN])
    assert not agency_in_scope(user=admin, agency=tree["a_unit"], roles=[Role.HANDLER])
