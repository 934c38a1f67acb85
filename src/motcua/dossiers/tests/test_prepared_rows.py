# SPDX-License-Identifier: AGPL-3.0-or-later
"""The prepared statements of the hot path (``core.rows``) write and read exactly what the ORM
would (aware datetimes, decimals, JSON, booleans, NULLs, ``auto_now``), answer like the
querysets they stand for, and stay visible to Django (query log, error classes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from motcua.core.clock import VN_TZ
from motcua.core.prepared import prepared_cursor
from motcua.core.rows import (
    exists_for,
    insert_row,
    insert_row_unless_taken,
    insert_rows,
    select_rows,
    update_row,
)
from motcua.core.writes import Writes
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierStep, StepKind, StepStatus
from motcua.dossiers.tests.factories import World, at


def _dossier(world: World) -> Dossier:
    return services.dossier_intake(
        actor=world.reception,
        procedure_version=world.version,
        applicant=services.ApplicantIn(name="Trần Thị Bình"),
        channel="direct",
        receiving_agency=world.centre,
        competent_agency=world.department,
    )


def _step(world: World, d: Dossier, order: int, kind: str = StepKind.CONSULT) -> DossierStep:
    return DossierStep(
        dossier=d,
        kind=kind,
        order=order,
        name=f"Bước {order}",
        agency=world.department,
        role="handler",
        started_at=at(2026, 3, 2, 8),
    )


def test_an_inserted_step_reads_back_through_the_orm_unchanged(world: World) -> None:
    d = _dossier(world)
    started = dt.datetime(2026, 3, 2, 8, 15, 30, 123456, tzinfo=VN_TZ)
    step = DossierStep(
        dossier=d,
        kind=StepKind.CONSULT,
        order=7,
        name="Lấy ý kiến Sở Tư pháp",
        agency=world.other_department,
        role="handler",
        started_at=started,
        due_at=None,
        is_lead=True,
    )
    insert_row(step)
    assert step.pk is not None
    assert step._state.adding is False
    again = DossierStep.objects.get(pk=step.pk)
    assert again.started_at == started
    assert again.due_at is None
    assert again.is_lead is True
    assert again.name == "Lấy ý kiến Sở Tư pháp"
    assert again.status == StepStatus.OPEN  # the model default, written by the INSERT


def test_an_update_writes_only_the_named_columns_and_refreshes_auto_now(world: World) -> None:
    d = _dossier(world)
    before = Dossier.objects.get(pk=d.pk)
    d.pauses = [{"from": "2026-03-02T08:00:00+07:00", "to": None, "kind": "supplement"}]
    d.time_limit_amount = Decimal("2.5")
    d.summary = "changed in memory only"  # not named: must stay as stored
    with time_machine.travel(at(2026, 3, 3, 9), tick=False):
        assert update_row(d, ["pauses", "time_limit_amount", "updated_at"]) == 1
    after = Dossier.objects.get(pk=d.pk)
    assert after.pauses == d.pauses
    assert after.time_limit_amount == Decimal("2.5")
    assert after.summary == before.summary
    assert after.updated_at == at(2026, 3, 3, 9)


def test_selected_rows_equal_what_a_queryset_returns(world: World) -> None:
    d = _dossier(world)
    for order, status in ((1, StepStatus.DONE), (2, StepStatus.OPEN), (3, StepStatus.OPEN)):
        step = _step(world, d, order, StepKind.PROCESS)
        step.status, step.due_at = status, at(2026, 3, 4, 17)
        step.save()
    rows = select_rows(
        DossierStep,
        '"dossier_id" = %s AND "status" = %s',
        [d.pk, StepStatus.OPEN.value],
        order_by='"order", "id"',
    )
    expected = list(DossierStep.objects.filter(dossier=d, status=StepStatus.OPEN).order_by("order"))
    assert [r.pk for r in rows] == [e.pk for e in expected]
    for got, want in zip(rows, expected, strict=True):
        for f in DossierStep._meta.concrete_fields:
            assert getattr(got, f.attname) == getattr(want, f.attname), f.name


def test_several_rows_inserted_at_once_get_their_own_keys_in_order(world: World) -> None:
    d = _dossier(world)
    steps = [_step(world, d, n, StepKind.PROCESS) for n in (1, 2, 3)]
    insert_rows(steps)
    assert all(s._state.adding is False for s in steps)
    stored = {s.pk: s.order for s in DossierStep.objects.filter(dossier=d, kind=StepKind.PROCESS)}
    assert [stored[s.pk] for s in steps] == [1, 2, 3]


def test_a_compiled_exists_answers_like_the_queryset(world: World) -> None:
    with_open, without = _dossier(world), _dossier(world)
    _step(world, with_open, 1, StepKind.PROCESS).save()

    def open_steps(pk: int) -> QuerySet[DossierStep]:
        return DossierStep.objects.filter(dossier_id=pk, status=StepStatus.OPEN)

    for d in (with_open, without, with_open):  # the second call of each reuses the statement
        assert exists_for("test-open-steps", open_steps, d.pk) == open_steps(d.pk).exists()
    assert exists_for("test-open-steps", open_steps, with_open.pk) is True
    assert exists_for("test-open-steps", open_steps, without.pk) is False


def test_a_compiled_exists_refuses_a_query_without_its_one_varying_value(world: World) -> None:
    with pytest.raises(ValueError, match="one parameter"):
        exists_for("test-constant", lambda pk: DossierStep.objects.filter(order=1), 5)


def test_prepared_statements_are_logged_and_raise_djangos_errors(world: World) -> None:
    d = _dossier(world)
    step = _step(world, d, 1)
    with CaptureQueriesContext(connection) as queries:
        insert_row(step)
    assert any("INSERT INTO" in q["sql"] and "dossiers_dossierstep" in q["sql"] for q in queries)
    first, second = d, _dossier(world)
    first.code, second.code = "T-260302-0001", "T-260302-0001"
    update_row(first, ["code"])
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(second, ["code"])  # the code is unique
    assert Dossier.objects.get(pk=second.pk).code != "T-260302-0001"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="server-side prepared statements exist on PostgreSQL only (SQLite caches its own)",
)
def test_postgresql_parses_a_hot_statement_once_per_connection(world: World) -> None:
    d = _dossier(world)

    def prepared_step_inserts() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements "
                "WHERE statement LIKE 'INSERT INTO \"dossiers_dossierstep\"%%'"
            )
            return int(cursor.fetchone()[0])

    before = prepared_step_inserts()
    for n in (1, 2, 3):
        insert_row(_step(world, d, n))
    after = prepared_step_inserts()
    assert after >= 1  # the statement is prepared on the server …
    assert after - before <= 1  # … once, not once per row


def test_a_row_built_without_the_orm_behaves_as_a_loaded_instance(world: World) -> None:
    d = _dossier(world)
    step = _step(world, d, 1, StepKind.PROCESS)
    step.save()  # through the ORM, to compare with
    [got] = select_rows(DossierStep, '"id" = %s', [step.pk])
    assert got._state.adding is False
    assert got._state.db == "default"
    assert got.dossier == d  # the foreign key resolves through its ``*_id`` value
    assert got.agency.pk == world.department.pk
    got.name = "Bước 1 (sửa)"
    with CaptureQueriesContext(connection) as queries:
        got.save(update_fields=["name"])  # an UPDATE of the loaded row, not a second INSERT
    assert [q["sql"].split()[0] for q in queries] == ["UPDATE"]
    assert DossierStep.objects.get(pk=step.pk).name == "Bước 1 (sửa)"
    assert DossierStep.objects.filter(dossier=d).count() == 1


def test_writes_sent_together_insert_and_update_in_order(world: World) -> None:
    d = _dossier(world)
    first, second = _step(world, d, 1), _step(world, d, 2)
    d.summary = "tóm tắt mới"
    writes = Writes()
    writes.insert(first)
    writes.update(d, ["summary", "updated_at"])
    writes.insert(second)
    with CaptureQueriesContext(connection) as queries:
        assert writes.send() == [1]
    assert len(queries) == (1 if connection.vendor == "postgresql" else 3)
    assert first.pk is not None and second.pk is not None and first.pk != second.pk
    assert DossierStep.objects.get(pk=first.pk).order == 1
    assert DossierStep.objects.get(pk=second.pk).order == 2
    assert Dossier.objects.get(pk=d.pk).summary == "tóm tắt mới"
    assert writes.send() == []  # sent once: nothing left over


def test_a_failing_write_leaves_none_of_the_others(world: World) -> None:
    taken, d = _dossier(world), _dossier(world)
    taken.code = "T-260302-0009"
    update_row(taken, ["code"])
    step = _step(world, d, 1)
    d.code, d.summary = "T-260302-0009", "không được lưu"
    writes = Writes()
    writes.insert(step)
    writes.update(d, ["code", "summary"])
    with pytest.raises(IntegrityError), transaction.atomic():
        writes.send()
    assert not DossierStep.objects.filter(dossier=d, kind=StepKind.CONSULT).exists()
    assert Dossier.objects.get(pk=d.pk).summary != "không được lưu"


def test_an_insert_that_clashes_writes_nothing_and_says_so(world: World) -> None:
    first = _dossier(world)
    first.idempotency_scope, first.idempotency_key = "user:1", "k-1"
    update_row(first, ["idempotency_scope", "idempotency_key"])
    values = {f.attname: getattr(first, f.attname) for f in Dossier._meta.concrete_fields}
    values.update(id=None, code=None, lookup_secret="another-secret")
    again = Dossier(**values)
    assert insert_row_unless_taken(again) is False  # the same idempotency key
    assert again._state.adding is True and again.pk is None
    assert Dossier.objects.filter(idempotency_key="k-1").count() == 1
    values["idempotency_key"] = "k-2"
    fresh = Dossier(**values)
    assert insert_row_unless_taken(fresh) is True
    assert Dossier.objects.get(pk=fresh.pk).idempotency_key == "k-2"


def test_a_nested_prepared_cursor_does_not_disturb_the_outer_one(world: World) -> None:
    with prepared_cursor() as outer:
        outer.execute("SELECT %s", [1])
        with prepared_cursor() as inner:
            inner.execute("SELECT %s", [2])
            assert inner.fetchone()[0] == 2
        assert outer.fetchone()[0] == 1  # its result survived the inner statement
    with prepared_cursor() as again:  # the kept cursor serves the next statement
        again.execute("SELECT %s", [3])
        assert again.fetchone()[0] == 3
