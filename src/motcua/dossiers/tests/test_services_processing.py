# SPDX-License-Identifier: AGPL-3.0-or-later
"""Processing: steps, parallel groups, return, consult, supplements during appraisal, financial
obligation, extension, decision and return (Decree 61/2018 Art 19–20; Decree 118/2025 Art 21–22;
land–tax per docs/DOMAIN.md §7)."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_user
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.dossiers.events import chain_verify
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.services import (
    dossier_approve,
    dossier_cancel,
    dossier_consult,
    dossier_extend,
    dossier_financial_paid,
    dossier_forward,
    dossier_receive_at_counter,
    dossier_reject,
    dossier_request_supplement,
    dossier_request_withdrawal,
    dossier_result_ready,
    dossier_return_result,
    dossier_stop,
    dossier_supplement_received,
    dossier_transfer,
    dossier_wait_financial,
    step_assign,
    step_complete,
    step_return,
)
from motcua.dossiers.tests.factories import World, at, make_version
from motcua.dossiers.workflow.engine import TransitionNotAllowed


def received(world: World, moment: Any, **kw: Any) -> Dossier:
    with time_machine.travel(moment, tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw(**kw))
        return dossier_forward(actor=world.reception, dossier=d)


def test_full_lifecycle_with_status_codes_and_intact_chain(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    codes = [2, 4]
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = step_assign(actor=world.approver, dossier=d, assignee=world.handler, version=d.version)
        d = step_complete(actor=world.handler, dossier=d, outcome="ok")
        d = step_complete(actor=world.handler, dossier=d, outcome="ok")
        with pytest.raises(Conflict):
            dossier_approve(actor=world.approver, dossier=d)  # the approver's step is open
        d = step_complete(actor=world.approver, dossier=d, outcome="signed")
        assert d.sub_state == "awaiting_decision"
        d = dossier_approve(actor=world.approver, dossier=d)
        codes.append(d.national_status)
        d = dossier_result_ready(actor=world.handler, dossier=d)
        codes.append(d.national_status)
        assert d.early_return_notice and d.sla_class == "early"
        d = dossier_return_result(actor=world.reception, dossier=d)
        codes.append(d.national_status)
    assert codes == [2, 4, 4, 9, 10]
    assert d.events.last().payload == {"early": True, "notice_given": True}  # type: ignore[union-attr]
    assert chain_verify(list(d.events.all())) is None
    assert d.events.count() == d.event_seq == 9
    steps = list(d.steps.filter(kind="process").order_by("id"))
    assert [s.status for s in steps] == ["done"] * 3
    assert all(s.sla_class == "on_time" for s in steps)


def test_officials_outside_scope_and_stale_versions_are_refused(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        with pytest.raises(PermissionDenied):
            step_complete(actor=world.outsider, dossier=d, outcome="ok")
        with pytest.raises(PermissionDenied):
            step_assign(actor=world.handler, dossier=d, assignee=world.handler)
        stale = d.version
        step_complete(actor=world.handler, dossier=d, outcome="ok", version=stale)
        with pytest.raises(Conflict) as exc:
            step_complete(actor=world.handler, dossier=d, outcome="ok", version=stale)
    assert exc.value.code == "stale_version"


def test_parallel_group_starts_branches_at_once_naming_the_lead(world: World) -> None:
    world.version = make_version(
        steps=[
            {"norm": "1"},
            {
                "order": 2,
                "parallel_group": "lt",
                "branch": 1,
                "norm": "2",
                "agency": world.department,
                "performer": "fixed_agency",
            },
            {
                "order": 2,
                "parallel_group": "lt",
                "branch": 2,
                "norm": "1",
                "agency": world.tax,
                "performer": "fixed_agency",
            },
            {"order": 3, "norm": "1"},
        ],
        suffix="010",
    )
    world.mandatory = []
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = step_complete(actor=world.handler, dossier=d, outcome="ok")
    parallel = list(d.steps.filter(status="open").order_by("id"))
    assert [(s.agency_id, s.is_lead) for s in parallel] == [
        (world.department.pk, True),
        (world.tax.pk, False),
    ]
    assert parallel[0].due_at == at(2026, 3, 12, 10) and parallel[1].due_at == at(2026, 3, 11, 10)
    with time_machine.travel(at(2026, 3, 10, 11), tick=False):
        d = step_complete(actor=world.handler, dossier=d, outcome="ok", step_id=parallel[0].pk)
        assert d.steps.filter(status="open").count() == 1  # waits for the other branch
    tax_step = parallel[1]
    # the tax agency's own officer records its result
    tax_officer = make_user(username="tax-officer")
    assign_role(tax_officer, Role.HANDLER, world.tax)
    with time_machine.travel(at(2026, 3, 10, 11), tick=False):
        d = step_complete(actor=tax_officer, dossier=d, outcome="ok", step_id=tax_step.pk)
    last = d.steps.get(status="open")
    assert last.order == 3


def test_return_step_reopens_the_previous_one(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = step_complete(actor=world.handler, dossier=d, outcome="ok")
        with pytest.raises(ValidationFailed):
            step_return(actor=world.handler, dossier=d, reason="")
        d = step_return(actor=world.handler, dossier=d, reason="Sai số liệu")
    open_steps = list(d.steps.filter(status="open"))
    assert len(open_steps) == 1 and open_steps[0].order == 1
    assert open_steps[0].due_at == at(2026, 3, 12, 10)


def test_consultation_has_its_own_deadline(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = dossier_consult(
            actor=world.handler,
            dossier=d,
            agency=world.other_department,
            question="Ý kiến về quy hoạch",
            due_at=at(2026, 3, 13, 17),
        )
    step = d.steps.get(kind="consult")
    assert step.due_at == at(2026, 3, 13, 17) and step.agency == world.other_department
    with time_machine.travel(at(2026, 3, 11, 10), tick=False):
        d = step_complete(actor=world.outsider, dossier=d, outcome="answered", step_id=step.pk)
    assert d.steps.get(kind="consult").outcome == "answered"


def test_late_supplement_request_is_flagged(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 16, 9), tick=False):  # 4 working days later
        d = dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Thiếu"])
    assert d.events.last().payload["late_request"] is True  # type: ignore[union-attr]
    assert d.sub_state == "late_supplement_request"


def test_decree_61_supplement_restarts_the_clock_from_zero(world: World) -> None:
    d = received(world, at(2025, 3, 11, 9))
    assert d.due_at == at(2025, 3, 18, 9)
    with time_machine.travel(at(2025, 3, 12, 9), tick=False):
        d = dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Thiếu"])
    assert d.events.last().payload["late_request"] is False  # type: ignore[union-attr]
    with time_machine.travel(at(2025, 3, 17, 9), tick=False):
        d = dossier_supplement_received(actor=world.reception, dossier=d)
    assert d.due_at == at(2025, 3, 24, 9)  # 5 full working days from the supplement


def test_decree_118_supplement_pauses_the_clock(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    assert d.due_at == at(2026, 3, 17, 9)
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        d = dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Thiếu"])
        assert d.national_status == 5
    with time_machine.travel(at(2026, 3, 16, 9), tick=False):
        d = dossier_supplement_received(actor=world.reception, dossier=d)
    assert d.due_at == at(2026, 3, 20, 9)  # + the 3 working days paused
    assert d.national_status == 4
    open_step = d.steps.get(status="open")
    assert open_step.due_at == at(2026, 3, 17, 9)  # 2 WD from 10/3 09:00 plus 3 WD paused


def test_financial_obligation_pauses_the_clock(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        d = dossier_wait_financial(actor=world.handler, dossier=d, amount_vnd=500000)
        assert d.national_status == 6
    with time_machine.travel(at(2026, 3, 12, 9), tick=False):
        d = dossier_financial_paid(actor=world.handler, dossier=d, proof="BL-1")
    assert d.national_status == 4 and d.due_at == at(2026, 3, 18, 9)


def test_land_tax_dossier_has_two_appointments(world: World) -> None:
    world.version, world.mandatory = world.land_version, []
    d = received(world, at(2026, 3, 10, 9))
    assert d.tax_transfer_due_at == at(2026, 3, 16, 15, 0)  # 4.5 WD
    assert d.due_at == at(2026, 3, 20, 9)  # 8 WD
    with time_machine.travel(at(2026, 3, 16, 10), tick=False):
        d = dossier_wait_financial(actor=world.handler, dossier=d)
    with time_machine.travel(at(2026, 3, 25, 9), tick=False):  # tax and payer time not counted
        d = dossier_financial_paid(actor=world.handler, dossier=d, proof="Chứng từ")
    assert d.due_at == at(2026, 3, 30, 9)  # appointment 2: 3 WD from the proof of payment
    assert d.events.last().payload["appointment"] == 2  # type: ignore[union-attr]


def test_extension_once_and_at_least_one_working_day_before(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))  # due Tue 17/3 09:00
    with time_machine.travel(at(2026, 3, 16, 10), tick=False):  # < 1 WD left
        with pytest.raises(Conflict) as exc:
            dossier_extend(
                actor=world.handler, dossier=d, reason="Chờ xác minh", new_due_at=at(2026, 3, 24, 9)
            )
        assert exc.value.code == "extension_too_late"
    with time_machine.travel(at(2026, 3, 16, 9), tick=False):  # exactly 1 WD left
        with pytest.raises(ValidationFailed):
            dossier_extend(
                actor=world.handler, dossier=d, reason="x", new_due_at=at(2026, 3, 17, 8)
            )
        d = dossier_extend(
            actor=world.handler, dossier=d, reason="Chờ xác minh", new_due_at=at(2026, 3, 24, 9)
        )
        assert d.due_at == at(2026, 3, 24, 9)
        with pytest.raises(Conflict) as exc:
            dossier_extend(
                actor=world.handler, dossier=d, reason="again", new_due_at=at(2026, 3, 31, 9)
            )
        assert exc.value.code == "already_extended"
    payload = d.events.last().payload  # type: ignore[union-attr]
    assert payload["old_due_at"].startswith("2026-03-17T02:00")


def test_a_pause_after_the_extension_moves_the_new_appointment(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))  # due Tue 17/3 09:00
    with time_machine.travel(at(2026, 3, 16, 9), tick=False):
        d = dossier_extend(
            actor=world.handler, dossier=d, reason="Chờ xác minh", new_due_at=at(2026, 3, 24, 9)
        )
    with time_machine.travel(at(2026, 3, 18, 9), tick=False):  # 4 WD left before 24/3 09:00
        d = dossier_wait_financial(actor=world.handler, dossier=d, amount_vnd=500000)
    with time_machine.travel(at(2026, 3, 20, 9), tick=False):  # paid two working days later
        d = dossier_financial_paid(actor=world.handler, dossier=d, proof="BL-1")
    assert d.extended and d.due_at == at(2026, 3, 26, 9)  # the 4 WD counted from the payment
    payload = d.events.last().payload  # type: ignore[union-attr]
    assert payload["old_due_at"].startswith("2026-03-24T02:00")


def test_a_pause_begun_after_the_new_appointment_moves_nothing(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 16, 9), tick=False):
        d = dossier_extend(
            actor=world.handler, dossier=d, reason="Chờ xác minh", new_due_at=at(2026, 3, 18, 9)
        )
    with time_machine.travel(at(2026, 3, 19, 9), tick=False):  # already late
        d = dossier_wait_financial(actor=world.handler, dossier=d)
    with time_machine.travel(at(2026, 3, 23, 9), tick=False):
        d = dossier_financial_paid(actor=world.handler, dossier=d)
    assert d.due_at == at(2026, 3, 18, 9)


def test_reject_after_appraisal_then_return(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 18, 9), tick=False):
        with pytest.raises(ValidationFailed):
            dossier_reject(actor=world.approver, dossier=d, reason="")
        d = dossier_reject(actor=world.approver, dossier=d, reason="Không đủ điều kiện")
        assert d.national_status == 9 and d.outcome == "rejected" and d.sla_class == "late"
        d = dossier_return_result(actor=world.reception, dossier=d)
    assert d.national_status == 10
    assert not DossierStep.objects.filter(dossier=d, status="open").exists()


def test_withdrawal_then_stop_and_no_withdrawal_after_decision(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        d = dossier_request_withdrawal(actor=world.reception, dossier=d, reason="Đổi ý")
        assert d.national_status == 7
        d = dossier_stop(actor=world.reception, dossier=d)
    assert d.national_status == 8
    assert d.events.last().payload["form"] == "Circular 03/2025 Mẫu 05"  # type: ignore[union-attr]
    d2 = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        for _ in range(3):
            d2 = step_complete(actor=world.approver, dossier=d2, outcome="ok")
        d2 = dossier_approve(actor=world.approver, dossier=d2)
        with pytest.raises(TransitionNotAllowed) as exc:
            dossier_request_withdrawal(actor=world.reception, dossier=d2)
    assert exc.value.allowed == ["result_ready"]


def test_cancel_needs_reason(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        with pytest.raises(ValidationFailed):
            dossier_cancel(actor=world.reception, dossier=d, reason="")
        d = dossier_cancel(actor=world.reception, dossier=d, reason="Nhập trùng")
    assert d.status == "cancelled" and d.national_status == 8


def test_transfer_to_competent_agency_moves_open_steps(world: World) -> None:
    d = received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = dossier_transfer(
            actor=world.handler,
            dossier=d,
            to=world.other_department,
            reason="Không thuộc thẩm quyền",
        )
    assert d.competent_agency == world.other_department
    assert d.steps.get(status="open").agency == world.other_department


def test_assigning_someone_without_the_steps_role_is_refused_and_saves_nothing(
    world: World,
) -> None:
    d = received(world, at(2026, 3, 10, 9))
    before = (d.version, d.events.count())
    with pytest.raises(ValidationFailed) as err:
        step_assign(actor=world.approver, dossier=d.pk, assignee=world.outsider)
    assert "assignee" in err.value.details
    d.refresh_from_db()
    assert (d.version, d.events.count()) == before
    assert not d.steps.filter(assignee=world.outsider).exists()
