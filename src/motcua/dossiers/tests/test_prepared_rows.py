# SPDX-License-Identifier: AGPL-3.0-or-later
"""The prepared single-row statements of the hot path (``core.rows``) write and read exactly
what the ORM would: aware datetimes, decimals, JSON, booleans, NULLs, ``auto_now``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine

from motcua.core.clock import VN_TZ
from motcua.core.rows import insert_row, select_rows, update_row
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
        DossierStep.objects.create(
            dossier=d,
            kind=StepKind.PROCESS,
            order=order,
            name=f"Bước {order}",
            agency=world.department,
            role="handler",
            status=status,
            started_at=at(2026, 3, 2, 8),
            due_at=at(2026, 3, 4, 17),
        )
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
