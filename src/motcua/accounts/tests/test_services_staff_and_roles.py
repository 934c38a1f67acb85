# SPDX-License-Identifier: AGPL-3.0-or-later
"""Staff creation and role grants: scoped to the administrator's agencies, periods never overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from motcua.accounts.models import StaffProfile
from motcua.accounts.services import role_assign, role_end, staff_create
from motcua.agencies.models import Role, RoleAssignment
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.core import clock
from motcua.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db
User = get_user_model()

STRONG = "Strong-Pass-2026!"


@pytest.fixture
def tree():
    """province → {dept_a → unit_a1, dept_b}; admin_a administers dept_a only (no descendants)."""
    province = make_agency(name_vi="UBND tỉnh")
    dept_a = make_agency(parent=province, name_vi="Sở A")
    unit_a1 = make_agency(parent=dept_a, name_vi="Phòng A1")
    dept_b = make_agency(parent=province, name_vi="Sở B")
    admin_a = make_user(username="admin_a")
    assign_role(admin_a, Role.SYSTEM_ADMIN, dept_a)
    admin_all = make_user(username="admin_all")
    assign_role(admin_all, Role.SYSTEM_ADMIN, province, include_descendants=True)
    return {
        "province": province,
        "dept_a": dept_a,
        "unit_a1": unit_a1,
        "dept_b": dept_b,
        "admin_a": admin_a,
        "admin_all": admin_all,
    }


def _staff(actor, agency, **kw):
    values = {
        "username": "canbo1",
        "email": "canbo1@example.test",
        "full_name": "Lê Văn C",
        "password": STRONG,
        "agency": agency,
        "position": "Chuyên viên",
    }
    values.update(kw)
    return staff_create(actor=actor, **values)


# -- staff_create ---------------------------------------------------------------------------------


def test_admin_creates_staff_in_their_agency(tree):
    user = _staff(tree["admin_a"], tree["dept_a"])
    profile = StaffProfile.objects.get(user=user)
    assert profile.agency == tree["dept_a"]
    assert profile.position == "Chuyên viên"
    assert user.check_password(STRONG)
    assert not user.is_staff  # Django-admin access is a separate privilege


def test_admin_of_department_a_cannot_create_staff_in_department_b(tree):
    with pytest.raises(PermissionDenied):
        _staff(tree["admin_a"], tree["dept_b"])
    assert not User.objects.filter(username="canbo1").exists()


def test_admin_without_descendants_cannot_create_staff_in_a_sub_unit(tree):
    with pytest.raises(PermissionDenied):
        _staff(tree["admin_a"], tree["unit_a1"])
    assert _staff(tree["admin_all"], tree["unit_a1"]).staff_profile.agency == tree["unit_a1"]


def test_non_admin_and_expired_admin_cannot_create_staff(tree):
    handler = make_user(username="handler")
    assign_role(handler, Role.HANDLER, tree["dept_a"], include_descendants=True)
    expired = make_user(username="expired")
    assign_role(expired, Role.SYSTEM_ADMIN, tree["dept_a"], valid_to=dt.date(2021, 1, 1))
    for actor in (handler, expired):
        with pytest.raises(PermissionDenied):
            _staff(actor, tree["dept_a"])


def test_superuser_creates_staff_anywhere(tree):
    root = make_user(username="root", is_superuser=True)
    assert _staff(root, tree["dept_b"]).staff_profile.agency == tree["dept_b"]


@pytest.mark.parametrize(
    "password", ["Short-1!", "alllowercase-123!", "NoDigitsHere!!!", "NoSymbol12345abc"]
)
def test_staff_password_must_be_strong_and_nothing_is_saved(tree, password):
    before = (User.objects.count(), StaffProfile.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        _staff(tree["admin_a"], tree["dept_a"], password=password)
    assert "password" in exc.value.details
    assert (User.objects.count(), StaffProfile.objects.count()) == before


def test_a_password_fine_for_a_citizen_is_too_weak_for_staff(tree):
    from motcua.accounts.services import citizen_register

    citizen_register(
        username="dan",
        email="dan@example.test",
        password="tayninh-2026",
        personal_id="072203012345",
        full_name="Dân",
    )
    with pytest.raises(ValidationFailed) as exc:
        _staff(tree["admin_a"], tree["dept_a"], password="tayninh-2026")
    assert "password" in exc.value.details


def test_staff_cannot_be_created_at_an_agency_no_longer_in_force(tree):
    closed = make_agency(parent=tree["dept_a"], valid_to=dt.date(2024, 12, 31))
    with pytest.raises(ValidationFailed) as exc:
        _staff(tree["admin_all"], closed)
    assert "agency" in exc.value.details


def test_duplicate_staff_username_is_a_field_error(tree):
    _staff(tree["admin_a"], tree["dept_a"])
    with pytest.raises(ValidationFailed) as exc:
        _staff(tree["admin_a"], tree["dept_a"], email="other@example.test")
    assert list(exc.value.details) == ["username"]


# -- role_assign / role_end -----------------------------------------------------------------------


@pytest.fixture
def official(tree):
    return _staff(tree["admin_all"], tree["dept_a"])


def test_admin_grants_a_role_in_scope_from_today(tree, official):
    ra = role_assign(actor=tree["admin_a"], user=official, role=Role.HANDLER, agency=tree["dept_a"])
    assert (ra.valid_from, ra.valid_to, ra.granted_by) == (clock.today(), None, tree["admin_a"])
    assert not ra.include_descendants


def test_admin_cannot_grant_outside_scope_or_widen_to_descendants(tree, official):
    with pytest.raises(PermissionDenied):
        role_assign(actor=tree["admin_a"], user=official, role=Role.HANDLER, agency=tree["dept_b"])
    with pytest.raises(PermissionDenied):
        role_assign(
            actor=tree["admin_a"],
            user=official,
            role=Role.APPROVER,
            agency=tree["dept_a"],
            include_descendants=True,
        )
    ra = role_assign(
        actor=tree["admin_all"],
        user=official,
        role=Role.APPROVER,
        agency=tree["dept_a"],
        include_descendants=True,
    )
    assert ra.include_descendants
    assert RoleAssignment.objects.filter(user=official).count() == 1


def test_staff_role_needs_an_agency_and_a_staff_profile(tree, official):
    with pytest.raises(ValidationFailed) as exc:
        role_assign(actor=tree["admin_all"], user=official, role=Role.HANDLER, agency=None)
    assert list(exc.value.details) == ["agency"]
    citizen = make_user(username="citizen")
    with pytest.raises(ValidationFailed) as exc:
        role_assign(actor=tree["admin_all"], user=citizen, role=Role.HANDLER, agency=tree["dept_a"])
    assert list(exc.value.details) == ["user"]


def test_applicant_role_has_no_agency(tree):
    citizen = make_user(username="citizen")
    with pytest.raises(ValidationFailed) as exc:
        role_assign(actor=tree["admin_a"], user=citizen, role=Role.APPLICANT, agency=tree["dept_a"])
    assert list(exc.value.details) == ["agency"]
    ra = role_assign(actor=tree["admin_a"], user=citizen, role=Role.APPLICANT, agency=None)
    assert ra.agency is None


def test_non_admin_cannot_grant_the_applicant_role(tree):
    citizen = make_user(username="citizen")
    with pytest.raises(PermissionDenied):
        role_assign(actor=citizen, user=citizen, role=Role.APPLICANT, agency=None)


def test_unknown_role_and_reversed_period_are_field_errors(tree, official):
    with pytest.raises(ValidationFailed) as exc:
        role_assign(actor=tree["admin_a"], user=official, role="king", agency=tree["dept_a"])
    assert list(exc.value.details) == ["role"]
    with pytest.raises(ValidationFailed) as exc:
        role_assign(
            actor=tree["admin_a"],
            user=official,
            role=Role.HANDLER,
            agency=tree["dept_a"],
            valid_from=dt.date(2026, 3, 1),
            valid_to=dt.date(2026, 2, 28),
        )
    assert list(exc.value.details) == ["valid_to"]
    assert not RoleAssignment.objects.filter(user=official).exists()


@pytest.mark.parametrize(
    ("new_from", "new_to", "overlaps"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31), False),  # ends the day before
        (dt.date(2026, 1, 1), dt.date(2026, 2, 1), True),  # shares the first day
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31), True),  # inside
        (dt.date(2026, 6, 30), None, True),  # shares the last day, open-ended
        (dt.date(2026, 7, 1), None, False),  # starts the day after
        (dt.date(2025, 1, 1), None, True),  # open-ended across it
    ],
)
def test_overlapping_period_for_the_same_role_and_agency_is_rejected(
    tree, official, new_from, new_to, overlaps
):
    role_assign(
        actor=tree["admin_a"],
        user=official,
        role=Role.HANDLER,
        agency=tree["dept_a"],
        valid_from=dt.date(2026, 2, 1),
        valid_to=dt.date(2026, 6, 30),
    )
    kwargs = {
        "actor": tree["admin_a"],
        "user": official,
        "role": Role.HANDLER,
        "agency": tree["dept_a"],
        "valid_from": new_from,
        "valid_to": new_to,
    }
    if overlaps:
        with pytest.raises(ValidationFailed) as exc:
            role_assign(**kwargs)
        assert list(exc.value.details) == ["valid_from"]
        assert RoleAssignment.objects.filter(user=official).count() == 1
    else:
        role_assign(**kwargs)
        assert RoleAssignment.objects.filter(user=official).count() == 2


def test_same_period_for_another_role_or_agency_is_allowed(tree, official):
    role_assign(actor=tree["admin_all"], user=official, role=Role.HANDLER, agency=tree["dept_a"])
    role_assign(actor=tree["admin_all"], user=official, role=Role.APPROVER, agency=tree["dept_a"])
    role_assign(actor=tree["admin_all"], user=official, role=Role.HANDLER, agency=tree["unit_a1"])
    assert RoleAssignment.objects.filter(user=official).count() == 3


def test_role_at_an_agency_that_ceases_must_end_by_then(tree, official):
    closing = make_agency(parent=tree["dept_a"], valid_to=dt.date(2030, 12, 31))
    with pytest.raises(ValidationFailed) as exc:
        role_assign(actor=tree["admin_all"], user=official, role=Role.HANDLER, agency=closing)
    assert list(exc.value.details) == ["valid_to"]
    ra = role_assign(
        actor=tree["admin_all"],
        user=official,
        role=Role.HANDLER,
        agency=closing,
        valid_to=dt.date(2030, 12, 31),
    )
    assert ra.valid_to == dt.date(2030, 12, 31)


def test_role_end_closes_the_assignment_and_keeps_the_row(tree, official):
    ra = role_assign(
        actor=tree["admin_a"],
        user=official,
        role=Role.HANDLER,
        agency=tree["dept_a"],
        valid_from=dt.date(2026, 1, 1),
    )
    ended = role_end(actor=tree["admin_a"], assignment=ra, valid_to=dt.date(2026, 3, 31))
    ended.refresh_from_db()
    assert ended.valid_to == dt.date(2026, 3, 31)
    assert not RoleAssignment.objects.filter(pk=ra.pk).valid_on(dt.date(2026, 4, 1)).exists()


def test_role_end_rejects_end_before_start_and_outsiders(tree, official):
    ra = role_assign(
        actor=tree["admin_a"],
        user=official,
        role=Role.HANDLER,
        agency=tree["dept_a"],
        valid_from=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationFailed) as exc:
        role_end(actor=tree["admin_a"], assignment=ra, valid_to=dt.date(2025, 12, 31))
    assert list(exc.value.details) == ["valid_to"]
    admin_b = make_user(username="admin_b")
    assign_role(admin_b, Role.SYSTEM_ADMIN, tree["dept_b"])
    with pytest.raises(PermissionDenied):
        role_end(actor=admin_b, assignment=ra, valid_to=dt.date(2026, 3, 31))
    ra.refresh_from_db()
    assert ra.valid_to is None


def test_role_end_cannot_extend_into_a_later_assignment(tree, official):
    first = role_assign(
        actor=tree["admin_a"],
        user=official,
        role=Role.HANDLER,
        agency=tree["dept_a"],
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 1, 31),
    )
    role_assign(
        actor=tree["admin_a"],
        user=official,
        role=Role.HANDLER,
        agency=tree["dept_a"],
        valid_from=dt.date(2026, 3, 1),
    )
    with pytest.raises(ValidationFailed) as exc:
        role_end(actor=tree["admin_a"], assignment=first, valid_to=dt.date(2026, 3, 1))
    assert list(exc.value.details) == ["valid_to"]
    assert role_end(
        actor=tree["admin_a"], assignment=first, valid_to=dt.date(2026, 2, 28)
    ).valid_to == dt.date(2026, 2, 28)
