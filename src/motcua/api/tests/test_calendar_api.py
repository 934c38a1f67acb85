# SPDX-License-Identifier: AGPL-3.0-or-later
"""The calendar endpoints as mounted at /api/v1: documented fields and the shared error schema."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.api.tests.conftest import ApiClient, assert_error
from motcua.workcal.seed import calendar_seed_from_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar_2025(db: Any) -> None:
    calendar_seed_from_library(years=[2025])


def test_due_date_across_the_april_holidays_explains_the_skipped_days(
    anon: ApiClient, calendar_2025: None
) -> None:
    response = anon.get(
        "/calendar/due", start="2025-04-25T16:00:00+07:00", amount="5", unit="working_day"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) >= {"start", "counting_from", "due", "working_minutes", "skipped"}
    assert body["due"].startswith("2025-05-06T16:00")
    skipped = {item["date"] for item in body["skipped"]}
    assert {"2025-04-30", "2025-05-01", "2025-05-02"} <= skipped


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2025-04-25T16:00:00", "amount": "5", "unit": "working_day"}, "start"),
        ({"start": "2025-04-25T16:00:00+07:00", "amount": "0", "unit": "working_day"}, "amount"),
        ({"start": "2025-04-25T16:00:00+07:00", "amount": "-1", "unit": "working_day"}, "amount"),
        ({"start": "2025-04-25T16:00:00+07:00", "amount": "5", "unit": "fortnight"}, "unit"),
        (
            {"start": "2025-04-25T16:00:00+07:00", "amount": "99999", "unit": "working_day"},
            "amount",
        ),
    ],
)
def test_bad_input_is_a_422_with_field_details(
    anon: ApiClient, calendar_2025: None, params: dict[str, str], field: str
) -> None:
    body = assert_error(anon.get("/calendar/due", **params), 422)
    assert any(key.split(".")[-1] == field or key == field for key in body["details"]), body


def test_a_year_whose_calendar_is_not_loaded_says_how_to_load_it(
    anon: ApiClient, calendar_2025: None
) -> None:
    body = assert_error(
        anon.get(
            "/calendar/due", start="2031-03-02T08:00:00+07:00", amount="3", unit="working_day"
        ),
        422,
    )
    assert "2031" in body["message"] + str(body["details"])
    assert "workcal_seed" in body["message"] + str(body["details"])


def test_unknown_agency_is_a_field_error(anon: ApiClient, calendar_2025: None) -> None:
    body = assert_error(
        anon.get(
            "/calendar/due",
            start="2025-04-25T16:00:00+07:00",
            amount="5",
            unit="working_day",
            agency="000.00.99.Z99",
        ),
        422,
    )
    assert "agency" in body["details"]
