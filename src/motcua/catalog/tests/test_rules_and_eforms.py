# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure rules: critical path, unit comparison, e-form definitions and the e-form validator."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.eforms import eform_definition_problems, eform_validate
from motcua.catalog.rules import (
    StepNorm,
    critical_path_minutes,
    lower_bound_minutes,
    max_weekend_days,
    upper_bound_minutes,
)
from motcua.workcal.deadlines import Unit

WD = Unit.WORKING_DAY


def test_parallel_group_counts_its_longest_branch() -> None:
    steps = [
        StepNorm(1, Decimal("0.5"), WD),
        StepNorm(2, Decimal(3), WD, "tax", 1),
        StepNorm(2, Decimal(1), WD, "tax", 2),
        StepNorm(3, Decimal(1), WD, "tax", 2),
        StepNorm(4, Decimal(4), Unit.WORKING_HOUR),
    ]
    # 0.5 d + max(3 d, 2 d) + 0.5 d = 4 d
    assert critical_path_minutes(steps) == 4 * 480


def test_working_units_compare_exactly_in_minutes() -> None:
    assert upper_bound_minutes(Decimal(2), Unit.WORKING_HOUR) == 120
    assert lower_bound_minutes(Decimal(1), WD) == 480


def test_calendar_limits_are_counted_without_the_worst_case_weekends() -> None:
    assert max_weekend_days(7) == 2
    assert max_weekend_days(20) == 6
    assert lower_bound_minutes(Decimal(20), Unit.CALENDAR_DAY) == 14 * 480
    assert lower_bound_minutes(Decimal(1), Unit.MONTH) == 20 * 480
    # A calendar-day step may take a whole working day per day; a month up to 31 days.
    assert upper_bound_minutes(Decimal(2), Unit.CALENDAR_DAY) == 2 * 480
    assert upper_bound_minutes(Decimal(1), Unit.MONTH) == 31 * 480


FORM: dict[str, Any] = {
    "fields": [
        {
            "name": "full_name",
            "label_vi": "Họ tên",
            "type": "text",
            "required": True,
            "max_length": 10,
        },
        {
            "name": "born",
            "label_vi": "Ngày sinh",
            "type": "date",
            "min": "1900-01-01",
            "max": "2026-12-31",
        },
        {"name": "pages", "label_vi": "Số trang", "type": "number", "min": 1, "max": 100},
        {
            "name": "sex",
            "label_vi": "Giới tính",
            "type": "select",
            "choices": [{"value": "male"}, {"value": "female"}],
        },
        {"name": "agree", "label_vi": "Cam đoan", "type": "checkbox", "required": True},
        {"name": "pid", "label_vi": "Số định danh", "type": "personal_id"},
        {"name": "commune", "label_vi": "Xã", "type": "unit"},
        {"name": "note", "label_vi": "Ghi chú", "type": "textarea"},
    ]
}


def test_definition_is_valid_and_bad_definitions_are_explained() -> None:
    assert eform_definition_problems(FORM) == []
    assert eform_definition_problems({}) == []
    bad = {
        "fields": [
            {"name": "X y", "type": "colour", "label_vi": ""},
            {"name": "a", "label_vi": "A", "type": "select"},
            {"name": "a", "label_vi": "A", "type": "text", "min": 3},
        ]
    }
    problems = eform_definition_problems(bad)
    assert len(problems) >= 5


def test_valid_submission_has_no_errors() -> None:
    data = {
        "full_name": "Lê Văn A",
        "born": "1990-05-01",
        "pages": "3",
        "sex": "male",
        "agree": True,
        "pid": "079123456789",
        "commune": "25471",
        "note": "",
    }
    assert eform_validate(FORM, data) == {}


def test_each_rule_gives_a_field_error() -> None:
    data = {
        "full_name": "x" * 11,
        "born": "1890-01-01",
        "pages": 0,
        "sex": "other",
        "agree": False,
        "pid": "12345",
        "commune": "2547",
        "extra": 1,
    }
    errors = eform_validate(FORM, data)
    assert set(errors) == {"full_name", "born", "pages", "sex", "agree", "pid", "commune", "extra"}


@given(
    st.dictionaries(
        st.text(max_size=8),
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
    )
)
def test_validator_never_crashes_and_only_names_known_or_submitted_keys(
    data: dict[str, Any],
) -> None:
    errors = eform_validate(FORM, data)
    known = {f["name"] for f in FORM["fields"]}
    assert set(errors) <= known | set(data)
    assert all(isinstance(m, str) for messages in errors.values() for m in messages)


@given(st.integers(min_value=1, max_value=100), st.text(min_size=1, max_size=10))
def test_any_value_within_bounds_is_accepted(pages: int, name: str) -> None:
    data = {"full_name": name, "agree": True, "pages": pages}
    assert eform_validate(FORM, data) == {}
