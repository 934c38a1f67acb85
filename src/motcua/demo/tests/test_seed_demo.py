# SPDX-License-Identifier: AGPL-3.0-or-later
"""Demo data: every role is represented, applicants exist, and seeding twice changes nothing.

Seeding imports the whole catalogue (a few seconds), so the checks share as few seeds as possible.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from motcua.accounts.models import CitizenProfile, OrganisationProfile, StaffProfile, User
from motcua.agencies.models import Agency, Role, RoleAssignment
from motcua.catalog.models import Procedure
from motcua.demo.seed import DEMO_PASSWORD, STAFF, seed_demo

DESK_ROLES = {Role.RECEPTION_OFFICER, Role.HANDLER, Role.APPROVER}


@pytest.mark.django_db
def test_seed_demo_creates_officials_for_every_role_applicants_and_the_catalogue():
    seed_demo()
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert {r.value for r in Role if r != Role.APPLICANT} <= roles
    assert StaffProfile.objects.count() == len(STAFF)
    assert CitizenProfile.objects.count() >= 3
    assert OrganisationProfile.objects.count() == 1
    assert all(a.identifier_is_demo for a in Agency.objects.all())
    assert Procedure.objects.count() > 300

    # Desk roles at the provincial centre, a department and two communes.
    for kinds in (["service_centre"], ["department"], ["commune_committee", "one_stop_unit"]):
        held = set(
            RoleAssignment.objects.filter(agency__kind__in=kinds).values_list("role", flat=True)
        )
        assert held >= DESK_ROLES, kinds
    communes = {
        ra.agency.unit_id
        for ra in RoleAssignment.objects.filter(
            agency__kind__in=["commune_committee", "one_stop_unit"]
        ).select_related("agency")
    }
    assert len(communes) >= 2

    for username in ("xuly.stp", "congdan.an", "doanhnghiep.taynam"):
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    seed_demo()
    counts = (
        User.objects.count(),
        Agency.objects.count(),
        RoleAssignment.objects.count(),
        Procedure.objects.count(),
    )
    call_command("seed_demo")
    assert (
        User.objects.count(),
        Agency.objects.count(),
        RoleAssignment.objects.count(),
        Procedure.objects.count(),
    ) == counts


@pytest.mark.django_db
@override_settings(DEMO_MODE=False)
def test_seed_demo_refuses_outside_demo_mode():
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo")
    assert not User.objects.exists()
