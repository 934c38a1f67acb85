# SPDX-License-Identifier: AGPL-3.0-or-later
"""Administrator services: authorisation, change log, recompute task in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.workcal.models import (
    CalendarChange,
    CalendarDay,
    CalendarDayKind,
    DaySource,
    OfficeHours,
    RecomputeStatus,
)
from motcua.workcal.recompute import (
    ChangedWindow,
    OpenDeadline,
    register_deadline_provider,
    unregister_deadline_provider,
)
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.services import (
    calendarday_confirm,
    calendarday_delete,
    calendarday_set,
    officehours_set,
)
from motcua.workcal.tasks import recompute_deadlines

pytestmark = pytest.mark.django_db

D = dt.date(2027, 2, 5)


@pytest.fixture
def admin() -> Any:
    user = make_user()
    assign_role(user, Role.SYSTEM_ADMIN, make_agency())
    return user


def recompute_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith="recompute_deadlines"))


def test_set_creates_a_manual_row_logs_and_enqueues(admin: Any) -> None:
    day = calendarday_set(
        actor=admin,
        date=D,
        kind=CalendarDayKind.HOLIDAY,
        name_vi="Nghỉ Tết Đinh Mùi",
        name_en="Tết holiday",
        legal_basis="Thông báo …/TB-BNV",
        confirmed=True,
    )
    assert day.source == DaySource.MANUAL
    assert day.confirmed_by == admin
    assert day.confirmed_at is not None
    change = CalendarChange.objects.get()
    assert change.actor == admin
    assert change.first_date == D
    assert change.summary["after"]["name_vi"] == "Nghỉ Tết Đinh Mùi"
    tasks = recompute_tasks()
    assert len(tasks) == 1
    assert tasks[0].queue_name == "deadlines"
    assert tasks[0].args_kwargs["kwargs"] == {"change_id": change.pk}


def test_set_over_a_library_row_makes_it_manual(admin: Any) -> None:
    calendar_seed_from_library(years=[2026])
    calendarday_set(
        actor=admin,
        date=dt.date(2026, 11, 24),
        kind=CalendarDayKind.HOLIDAY,
        name_vi="Ngày Văn hóa Việt Nam",
        active=False,
    )
    row = CalendarDay.objects.get(date=dt.date(2026, 11, 24))
    assert (row.source, row.active) == (DaySource.MANUAL, False)
    calendar_seed_from_library(years=[2026])
    row.refresh_from_db()
    assert row.active is False


def test_only_system_admins_or_superusers_may_change(admin: Any) -> None:
    clerk = make_user()
    assign_role(clerk, Role.RECEPTION_OFFICER, make_agency())
    with pytest.raises(PermissionDenied):
        calendarday_set(actor=clerk, date=D, kind="holiday", name_vi="x")
    boss = make_user(is_superuser=True)
    calendarday_set(actor=boss, date=D, kind="holiday", name_vi="x")
    assert CalendarDay.objects.count() == 1


def test_bad_fields_are_reported(admin: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        calendarday_set(actor=admin, date=dt.date(2027, 2, 3), kind="working_weekend", name_vi=" ")
    assert set(info.value.details) == {"kind", "name_vi"}


def test_rollback_removes_the_change_and_the_task(admin: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        calendarday_set(actor=admin, date=D, kind="holiday", name_vi="x")
        raise RuntimeError
    assert not CalendarChange.objects.exists()
    assert recompute_tasks() == []


def test_confirm_and_delete(admin: Any) -> None:
    calendar_seed_from_library(years=[2027])
    library_day = CalendarDay.objects.get(date=dt.date(2027, 2, 6))
    calendarday_confirm(actor=admin, day=library_day)
    library_day.refresh_from_db()
    assert library_day.confirmed and library_day.confirmed_by == admin
    with pytest.raises(Conflict):
        calendarday_delete(actor=admin, day=library_day)
    manual = calendarday_set(actor=admin, date=dt.date(2027, 3, 1), kind="holiday", name_vi="x")
    calendarday_delete(actor=admin, day=manual)
    assert not CalendarDay.objects.filter(date=dt.date(2027, 3, 1)).exists()
    assert list(CalendarChange.objects.order_by("id").values_list("action", flat=True)) == [
        "seeded",
        "day_confirmed",
        "day_set",
        "day_deleted",
    ]


def test_per_agency_row_is_separate_from_the_province_row(admin: Any) -> None:
    agency = make_agency()
    calendarday_set(actor=admin, date=D, kind="holiday", name_vi="province")
    calendarday_set(actor=admin, date=D, kind="non_counting_open", name_vi="local", agency=agency)
    assert CalendarDay.objects.filter(date=D).count() == 2


def test_office_hours_change_closes_the_period_in_force(admin: Any) -> None:
    calendar_seed_from_library(years=[2027])
    summer = {
        w: [(dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(17, 0))] for w in range(5)
    }
    officehours_set(actor=admin, valid_from=dt.date(2027, 5, 1), week=summer)
    assert OfficeHours.objects.filter(valid_to=dt.date(2027, 4, 30)).count() == 10
    assert OfficeHours.objects.filter(valid_from=dt.date(2027, 5, 1)).count() == 10
    with pytest.raises(Conflict):
        officehours_set(actor=admin, valid_from=dt.date(2027, 4, 1), week=summer)
    with pytest.raises(ValidationFailed):
        officehours_set(
            actor=admin, valid_from=dt.date(2027, 6, 1), week={0: [(dt.time(9), dt.time(8))]}
        )


def test_recompute_task_is_idempotent_and_calls_providers(admin: Any) -> None:
    calls: list[ChangedWindow] = []

    def provider(window: ChangedWindow) -> list[OpenDeadline]:
        return [OpenDeadline(key="step:1", recompute=calls.append)]

    register_deadline_provider("test", provider)
    try:
        calendarday_set(actor=admin, date=D, kind="holiday", name_vi="x")
        change = CalendarChange.objects.get()
        recompute_deadlines.call(change_id=change.pk)
        recompute_deadlines.call(change_id=change.pk)
    finally:
        unregister_deadline_provider("test")
    change.refresh_from_db()
    assert change.status == RecomputeStatus.PROCESSED
    assert change.processed_at is not None
    assert change.recomputed["deadlines"]["test"] == ["step:1"]
    assert len(calls) == 1
    assert calls[0].first_date == D
    # An unknown change id is skipped, not an error (the task may run after a rollback).
    assert recompute_deadlines.call(change_id=999999)["skipped"] is True
