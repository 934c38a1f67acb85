# SPDX-License-Identifier: AGPL-3.0-or-later
"""Interfaces offer exactly the actions the services would accept (one check for both)."""

from __future__ import annotations

import time_machine

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role
from motcua.dossiers.selectors import dossier_actions_for
from motcua.dossiers.services import dossier_receive_at_counter
from motcua.dossiers.tests.factories import World, at
from motcua.dossiers.workflow.engine import Action


def test_a_role_held_elsewhere_does_not_offer_its_actions_here(world: World) -> None:
    # The reception officer is also an approver, but at an unrelated department.
    assign_role(world.reception, Role.APPROVER, world.other_department)
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
        offered = dossier_actions_for(user=world.reception, dossier=d)
        assert Action.FORWARD in offered
        assert Action.ASSIGN not in offered and Action.APPROVE not in offered
        assert dossier_actions_for(user=world.outsider, dossier=d) == []
        # Forwarding belongs to the receiving unit, not to the competent department's handler.
        assert Action.FORWARD not in dossier_actions_for(user=world.handler, dossier=d)
