# SPDX-License-Identifier: AGPL-3.0-or-later
"""Electronic inter-agency sends (liên thông): several agencies at once, one lead, each agency
recording its own result (Decree 61/2018 Art 19(4))."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    dossier_consult,
    dossier_forward,
    dossier_receive_at_counter,
    step_complete,
)
from motcua.dossiers.tests.factories import World, at


def received(world: World, moment: Any) -> Dossier:
    with time_machine.travel(moment, tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
        return dossier_forward(actor=world.reception, dossier=d)


def test_parallel_send_opens_one_step_per_agency_with_one_lead(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = dossier_consult(
            actor=world.handler,
            dossier=d,
            agencies=[world.other_department, world.tax],
            lead=world.tax,
            question="Liên thông xác định nghĩa vụ tài chính",
            due_at=at(2026, 3, 13, 17),
        )
    steps = list(d.steps.filter(kind="consult").order_by("id"))
    assert [s.agency for s in steps] == [world.other_department, world.tax]
    assert [s.is_lead for s in steps] == [False, True]
    assert len({s.parallel_group for s in steps}) == 1 and steps[0].parallel_group
    assert all(s.due_at == at(2026, 3, 13, 17) for s in steps)
    event = d.events.last()
    assert event is not None and event.payload["lead"] == world.tax.identifier
    assert event.payload["steps"] == [s.pk for s in steps]

    # Each agency records its own result; the other stays open until it answers.
    with time_machine.travel(at(2026, 3, 11, 10), tick=False):
        d = step_complete(actor=world.outsider, dossier=d, outcome="agreed", step_id=steps[0].pk)
    states = dict(d.steps.filter(kind="consult").values_list("agency_id", "status"))
    assert states == {world.other_department.pk: "done", world.tax.pk: "open"}
    assert d.status == "processing"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"agencies": [], "lead": None}, "agency"),
        ({"agencies": ["other_department", "tax"], "lead": None}, "lead"),
        ({"agencies": ["other_department", "tax"], "lead": "centre"}, "lead"),
    ],
)
def test_parallel_send_refuses_bad_input_and_saves_nothing(
    world: World, kwargs: dict[str, Any], field: str
) -> None:
    d = received(world, at(2026, 3, 10, 9))
    before = (d.version, d.events.count(), d.steps.count())
    agencies = [getattr(world, n) for n in kwargs["agencies"]]
    lead = getattr(world, kwargs["lead"]) if kwargs["lead"] else None
    with (
        time_machine.travel(at(2026, 3, 10, 10), tick=False),
        pytest.raises(ValidationFailed) as err,
    ):
        dossier_consult(
            actor=world.handler,
            dossier=d.pk,
            agencies=agencies,
            lead=lead,
            question="Hỏi ý kiến",
            due_at=at(2026, 3, 13, 17),
        )
    assert field in err.value.details
    d.refresh_from_db()
    assert (d.version, d.events.count(), d.steps.count()) == before
