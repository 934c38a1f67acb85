# SPDX-License-Identifier: AGPL-3.0-or-later
"""Visibility, inboxes, public lookup, deadline watch, outbox and calendar recompute."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django_tasks_db.models import DBTaskResult

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_user
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.receipts import control_slip_context, receipt_context
from motcua.dossiers.selectors import (
    dossier_get_visible,
    dossier_list_visible,
    dossier_public_lookup,
    dossier_public_timeline,
    inbox,
    inbox_counts,
)
from motcua.dossiers.services import (
    ApplicantIn,
    dossier_forward,
    dossier_receive_at_counter,
    dossier_submit_online,
)
from motcua.dossiers.services.watch import deadline_watch_run
from motcua.dossiers.tasks import notifications_record
from motcua.dossiers.tests.factories import World, at
from motcua.notifications.models import Message
from motcua.workcal.services import calendarday_set
from motcua.workcal.tasks import recompute_deadlines


def forwarded(world: World) -> Dossier:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
        return dossier_forward(actor=world.reception, dossier=d)


def test_visibility_by_scope_ownership_and_steps(world: World) -> None:
    d = forwarded(world)
    with time_machine.travel(at(2026, 3, 10, 20), tick=False):
        own = dossier_submit_online(
            actor=world.applicant,
            procedure_version=world.version,
            applicant=ApplicantIn(name="A"),
            receiving_agency=world.centre,
        )
    assert set(dossier_list_visible(user=world.reception)) == {d, own}
    assert set(dossier_list_visible(user=world.handler)) == {d}
    assert list(dossier_list_visible(user=world.applicant)) == [own]
    assert list(dossier_list_visible(user=world.outsider)) == []
    assert list(dossier_list_visible(user=AnonymousUser())) == []
    tax_officer = make_user(username="tax")
    assign_role(tax_officer, Role.HANDLER, world.tax)
    assert list(dossier_list_visible(user=tax_officer)) == []
    d.steps.filter(status="open").update(agency=world.tax)
    assert list(dossier_list_visible(user=tax_officer)) == [d]
    with pytest.raises(NotFound):
        dossier_get_visible(user=world.outsider, pk=d.pk)
    assert dossier_get_visible(user=world.handler, code=d.code) == d


def test_inboxes_with_counts(world: World) -> None:
    d = forwarded(world)
    with time_machine.travel(at(2026, 3, 10, 20), tick=False):
        dossier_submit_online(
            actor=world.applicant,
            procedure_version=world.version,
            applicant=ApplicantIn(name="A"),
            receiving_agency=world.centre,
        )
    assert inbox_counts(user=world.reception, at=at(2026, 3, 11, 9))["to_receive"] == 1
    assert list(inbox(user=world.handler, name="to_process")) == [d]
    assert list(inbox(user=world.approver, name="to_approve")) == [d]
    assert inbox_counts(user=world.handler, at=at(2026, 3, 18, 9))["overdue"] == 1


def test_public_lookup_and_timeline_with_secret(world: World) -> None:
    d = forwarded(world)
    status = dossier_public_lookup(code=d.code or "")
    assert status.national_status == 4 and status.due_at == d.due_at
    assert status.procedure_name == world.version.procedure.name_vi
    assert not hasattr(status, "applicant_name")
    with pytest.raises(NotFound):
        dossier_public_timeline(code=d.code or "", secret="wrong")
    timeline = dossier_public_timeline(code=d.code or "", secret=d.lookup_secret)
    assert [e["type"] for e in timeline] == ["received", "forwarded"]
    with pytest.raises(NotFound):
        dossier_public_lookup(code="NOPE")


def test_deadline_watch_is_idempotent_and_catches_up(world: World) -> None:
    d = forwarded(world)
    deadline_watch_run(at=at(2026, 3, 10, 10))
    assert Message.objects.count() == 0
    # Downtime: the first run after a week marks everything overdue at once.
    counts = deadline_watch_run(at=at(2026, 3, 18, 9))
    assert counts["dossiers"] == 1 and counts["steps"] == 1 and counts["notifications"] >= 2
    assert deadline_watch_run(at=at(2026, 3, 18, 10)) == {
        "steps": 0,
        "dossiers": 0,
        "notifications": 0,
    }
    d.refresh_from_db()
    assert d.watch_mark == "overdue"
    assert d.events.last().type == "overdue"  # type: ignore[union-attr]
    kinds = set(Message.objects.values_list("kind", flat=True))
    assert kinds == {"step_overdue", "dossier_overdue"}
    assert Message.objects.filter(recipient=world.approver, channel="inbox").exists()


def test_due_soon_before_overdue(world: World) -> None:
    forwarded(world)
    counts = deadline_watch_run(at=at(2026, 3, 16, 10))  # < 8 working hours before 17/3 09:00
    assert counts["dossiers"] == 1
    assert Dossier.objects.get().watch_mark == "due_soon"


def test_the_task_a_service_enqueues_finds_its_event_by_dossier_and_sequence(
    world: World,
) -> None:
    d = forwarded(world)
    row = DBTaskResult.objects.filter(task_path=notifications_record.module_path).first()
    assert row is not None
    kwargs = row.args_kwargs["kwargs"]
    assert kwargs == {"dossier_id": d.pk, "seq": 1}  # the receipt, enqueued with its event
    result = notifications_record.call(**kwargs)
    assert result == {"event": d.events.get(seq=1).pk, "recorded": 2}  # e-mail and SMS
    assert notifications_record.call(**kwargs)["recorded"] == 0
    assert notifications_record.call(dossier_id=d.pk, seq=99) == {"event": None, "recorded": 0}


def test_events_become_outbox_rows_once(world: World) -> None:
    d = forwarded(world)
    received = d.events.get(seq=1)
    assert notifications_record.call(received.pk)["recorded"] == 2  # e-mail and SMS
    assert notifications_record.call(received.pk)["recorded"] == 0
    assert set(Message.objects.values_list("channel", "status")) == {
        ("email", "pending"),
        ("sms", "pending"),
    }


def test_calendar_change_recomputes_open_appointments(world: World) -> None:
    d = forwarded(world)  # due 17/3 09:00
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        calendarday_set(
            actor=make_superuser(),
            date=dt.date(2026, 3, 13),
            kind="holiday",
            name_vi="Nghỉ đột xuất",
        )
    from motcua.workcal.models import CalendarChange

    change = CalendarChange.objects.order_by("-pk").first()
    assert change is not None
    recompute_deadlines.call(change.pk)
    d.refresh_from_db()
    assert d.due_at == at(2026, 3, 18, 9)
    assert DossierEvent.objects.filter(dossier=d, type="deadline_recomputed").count() == 1


def make_superuser() -> object:
    return make_user(username="root", is_superuser=True, is_staff=True)


def test_receipt_and_control_slip_contexts(world: World) -> None:
    d = forwarded(world)
    ctx = receipt_context(d)
    assert ctx["code"] == d.code and ctx["due_at"] == d.due_at
    assert ctx["form"] == "Circular 03/2025 Mẫu 01" and len(ctx["documents"]) == 2
    assert ctx["lookup_url"].endswith(f"/tra-cuu/{d.code}")
    rows = control_slip_context(d)["rows"]
    assert rows[0]["timeliness"] == "on_time" and len(rows) == 2


def test_deadline_watch_command_and_task(world: World) -> None:
    import io

    from django.core.management import call_command

    from motcua.dossiers.tasks import deadline_watch

    forwarded(world)
    out = io.StringIO()
    with time_machine.travel(at(2026, 3, 18, 9), tick=False):
        call_command("dossier_deadline_watch", stdout=out)
        assert deadline_watch.call() == {"steps": 0, "dossiers": 0, "notifications": 0}
    assert out.getvalue().startswith("steps=1 dossiers=1")


def test_the_running_order_index_covers_exactly_the_running_clock_states() -> None:
    """The overdue/due-soon inboxes use ``dossier_running_order_idx`` only while its condition
    and their SQL name the same states in the same order (SQLite matches terms literally)."""
    from django.db.models import Q

    from motcua.dossiers.models import Dossier
    from motcua.dossiers.workflow.engine import CLOCK_RUNNING, CLOCK_RUNNING_VALUES

    index = next(i for i in Dossier._meta.indexes if i.name == "dossier_running_order_idx")
    assert index.condition == Q(status__in=CLOCK_RUNNING_VALUES)
    assert list(CLOCK_RUNNING_VALUES) == sorted(s.value for s in CLOCK_RUNNING)


def test_the_inbox_states_are_written_into_the_sql_as_constants() -> None:
    """SQLite matches a partial index only against constants: the overdue inbox must write its
    states (and the open-step inboxes the open status) into the SQL, not as parameters."""
    from motcua.dossiers.models import Dossier, DossierStep

    sql, params = Dossier.objects.filter(
        status__in_literal=["approved", "received"]
    ).query.sql_with_params()
    assert "IN ('approved', 'received')" in sql and params == ()
    sql, params = DossierStep.objects.filter(status__in_literal=["open"]).query.sql_with_params()
    assert "= 'open'" in sql and params == ()
    quoted, _ = Dossier.objects.filter(status__in_literal=["o'neil"]).query.sql_with_params()
    assert "'o''neil'" in quoted
