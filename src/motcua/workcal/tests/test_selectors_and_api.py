# SPDX-License-Identifier: AGPL-3.0-or-later
"""Snapshots from the database, per-agency calendars, the Tết warning and the API handlers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from ninja import NinjaAPI
from ninja.testing import TestClient

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.core.clock import VN_TZ
from motcua.core.errors import ValidationFailed
from motcua.workcal.api import router
from motcua.workcal.models import CalendarDay
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import (
    calendar_agency_get,
    calendar_day_list,
    calendar_due,
    calendar_next_tet_unconfirmed,
    calendar_snapshot,
)
from motcua.workcal.services import calendarday_confirm, calendarday_set, officehours_set
from motcua.workcal.tests.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    calendar_seed_from_library(years=range(2024, 2028))


@pytest.fixture
def admin() -> Any:
    return make_user(is_superuser=True)


@pytest.fixture(scope="module")
def client() -> TestClient:
    api = NinjaAPI(urls_namespace="workcal-test")
    api.add_router("", router)
    return TestClient(api)


def test_due_from_the_database_explains_skipped_days(seeded: None) -> None:
    result = calendar_due(start=at(2025, 4, 29, 9), amount=1, unit="working_day")
    assert result.due == at(2025, 5, 5, 9)
    assert [s.name_vi for s in result.skipped] == [
        "Ngày Chiến thắng",
        "Ngày Quốc tế Lao động",
        "Ngày nghỉ (thay cho ngày 26/04/2025)",
    ]


def test_agency_rows_and_hours_override_the_province(seeded: None, admin: Any) -> None:
    agency = make_agency()
    calendarday_set(
        actor=admin,
        date=dt.date(2025, 3, 11),
        kind="non_counting_open",
        name_vi="Mất điện",
        agency=agency,
    )
    province = calendar_due(start=at(2025, 3, 10, 7), amount=2, unit="working_day")
    local = calendar_due(start=at(2025, 3, 10, 7), amount=2, unit="working_day", agency=agency)
    assert province.due == at(2025, 3, 11, 17)
    assert local.due == at(2025, 3, 12, 17)
    assert [s.kind for s in local.skipped] == ["non_counting_open"]
    longer = {w: [(dt.time(7), dt.time(12)), (dt.time(13), dt.time(17))] for w in range(5)}
    officehours_set(actor=admin, valid_from=dt.date(2025, 3, 1), week=longer, agency=agency)
    assert calendar_due(
        start=at(2025, 3, 10, 7), amount=9, unit="working_hour", agency=agency
    ).due == at(2025, 3, 10, 17)
    assert calendar_due(start=at(2025, 3, 10, 7), amount=9, unit="working_hour").due == at(
        2025, 3, 11, 8
    )


def test_snapshot_follows_changes_without_manual_invalidation(seeded: None, admin: Any) -> None:
    before = calendar_snapshot()
    assert calendar_snapshot() is before
    calendarday_set(actor=admin, date=dt.date(2025, 3, 12), kind="holiday", name_vi="x")
    after = calendar_snapshot()
    assert after is not before
    assert not after.is_working_day(dt.date(2025, 3, 12))


def test_year_not_loaded_and_unknown_agency(seeded: None) -> None:
    with pytest.raises(ValidationFailed) as info:
        calendar_due(start=at(2027, 12, 20, 9), amount=30, unit="working_day")
    assert "workcal_seed --years 2028" in str(info.value.message)
    with pytest.raises(ValidationFailed) as info:
        calendar_agency_get(identifier="000.00.00.X99")
    assert "agency" in info.value.details


def test_calendar_days_of_a_year(seeded: None) -> None:
    days = calendar_day_list(year=2025)
    assert [d.date for d in days][:2] == [dt.date(2025, 1, 1), dt.date(2025, 1, 27)]
    assert {d.kind for d in days} >= {"holiday", "swapped_day_off", "working_weekend"}
    with pytest.raises(ValidationFailed):
        calendar_day_list(year=99)


def test_tet_warning_from_1_october_until_confirmed(admin: Any) -> None:
    calendar_seed_from_library(years=[2026, 2027])
    assert calendar_next_tet_unconfirmed(today=dt.date(2026, 9, 30)) is None
    with time_machine.travel(dt.datetime(2026, 10, 1, 8, tzinfo=VN_TZ), tick=False):
        status = calendar_next_tet_unconfirmed()
    assert status is not None
    assert status.year == 2027 and status.loaded
    assert dt.date(2027, 2, 6) in status.unconfirmed
    for day in CalendarDay.objects.filter(date__in=status.unconfirmed):
        calendarday_confirm(actor=admin, day=day)
    assert calendar_next_tet_unconfirmed(today=dt.date(2026, 10, 1)) is None
    missing = calendar_next_tet_unconfirmed(today=dt.date(2027, 11, 2))
    assert missing is not None and not missing.loaded and missing.year == 2028


def test_api_due_returns_the_documented_fields(seeded: None, client: TestClient) -> None:
    response = client.get(
        "/calendar/due",
        query_params={"start": "2025-04-29T09:00:00+07:00", "amount": "1", "unit": "working_day"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"start", "counting_from", "due", "working_minutes", "skipped"}
    assert body["due"] == "2025-05-05T09:00:00+07:00"
    assert body["working_minutes"] == 480
    assert body["skipped"][2] == {
        "date": "2025-05-02",
        "name": "Day off (substituted from 04/26/2025)",
        "kind": "swapped_day_off",
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2025-04-29T09:00:00", "amount": "1"}, "start"),
        ({"start": "2025-04-29T09:00:00+07:00", "amount": "0"}, "amount"),
        ({"start": "2025-04-29T09:00:00+07:00", "amount": "1", "unit": "week"}, "unit"),
        ({"start": "2025-04-29T09:00:00+07:00", "amount": "5000"}, "amount"),
        ({"start": "2025-04-29T09:00:00+07:00", "amount": "1", "agency": "nope"}, "agency"),
        ({"start": "2031-04-29T09:00:00+07:00", "amount": "1"}, "start"),
    ],
)
def test_api_bad_input_raises_field_errors(
    seeded: None, client: TestClient, params: dict[str, str], field: str
) -> None:
    # The router is mounted without motcua.api's handlers here, so the domain error surfaces
    # as the exception the assembly maps to a 422 {code, message, details}.
    with pytest.raises(ValidationFailed) as info:
        client.get("/calendar/due", query_params=params)
    assert field in info.value.details


def test_api_days_lists_a_year(seeded: None, client: TestClient) -> None:
    agency = make_agency()
    assign_role(make_user(), Role.HANDLER, agency)
    response = client.get("/calendar/days", query_params={"year": 2024})
    assert response.status_code == 200
    rows = response.json()
    saturday = next(r for r in rows if r["date"] == "2024-05-04")
    assert saturday["kind"] == "working_weekend" and saturday["working"] is True
    assert saturday["swap_pair_date"] == "2024-04-29"
    response = client.get(
        "/calendar/days", query_params={"year": 2024, "agency": agency.identifier}
    )
    assert response.status_code == 200
