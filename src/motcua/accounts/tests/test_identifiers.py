# SPDX-License-Identifier: AGPL-3.0-or-later
"""Personal ID numbers, tax codes and phone numbers: pure validation, no database."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from motcua.accounts.identifiers import (
    PROVINCE_CODES,
    birth_year_from_personal_id,
    gender_from_personal_id,
    tax_check_digit,
    validate_personal_id,
    validate_phone,
    validate_tax_code,
)
from motcua.core.errors import ValidationFailed

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted on their English msgids, whatever language a request activated."""
    with translation.override("en"):
        yield


province = st.sampled_from(sorted(PROVINCE_CODES))
random_part = st.text(alphabet="0123456789", min_size=6, max_size=6)


def _personal_id(prov: str, century_gender: int, yy: int, tail: str) -> str:
    return f"0{prov}{century_gender}{yy:02d}{tail}"


def _error(exc: pytest.ExceptionInfo[ValidationFailed], field: str) -> str:
    assert list(exc.value.details) == [field]
    (message,) = exc.value.details[field]
    return message


# -- personal ID ----------------------------------------------------------------------------------


def test_known_good_personal_id_is_normalised_from_spaced_input():
    assert validate_personal_id("072 203 012345", today=TODAY) == "072203012345"


@given(province, st.integers(0, 9), st.integers(0, 99), random_part)
def test_birth_year_decodes_century_and_year(prov, cg, yy, tail):
    number = _personal_id(prov, cg, yy, tail)
    assert birth_year_from_personal_id(number) == 1900 + 100 * (cg // 2) + yy
    assert gender_from_personal_id(number) == ("male" if cg % 2 == 0 else "female")


@given(province, st.integers(0, 3), st.integers(0, 99), random_part)
def test_every_past_birth_year_in_a_known_province_is_accepted(prov, cg, yy, tail):
    number = _personal_id(prov, cg, yy, tail)
    year = birth_year_from_personal_id(number)
    assume(year <= TODAY.year)
    gender = gender_from_personal_id(number)
    dob = dt.date(year, 1, 1)
    assert validate_personal_id(number, date_of_birth=dob, gender=gender, today=TODAY) == number


@given(st.text(alphabet="0123456789 ", max_size=20))
def test_anything_but_twelve_digits_is_rejected(value):
    assume(len(value.replace(" ", "")) != 12)
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id(value, today=TODAY)
    assert "12 digits" in _error(exc, "personal_id")


@pytest.mark.parametrize("value", ["07220301234a", "O72203012345", "+72203012345", "٠٧٢٢٠٣٠١٢٣٤٥"])
def test_non_ascii_digits_and_letters_are_rejected(value):
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id(value)
    assert "12 digits" in _error(exc, "personal_id")


@given(st.integers(0, 999), st.integers(0, 9), random_part)
def test_unknown_province_code_is_rejected(prefix, cg, tail):
    code = f"{prefix:03d}"
    assume(not (code[0] == "0" and code[1:] in PROVINCE_CODES))
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id(f"{code}{cg}03{tail}", today=TODAY)
    assert "province code" in _error(exc, "personal_id")


def test_province_set_matches_the_63_pre_2025_gso_codes(reference_data_dir):
    with (reference_data_dir / "provinces_vn.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    before = {r["code"] for r in rows if r["period"] == "before_2025-07-01"}
    after = {r["code"] for r in rows if r["period"] == "from_2025-07-01"}
    assert before == PROVINCE_CODES
    assert len(PROVINCE_CODES) == 63
    # The 2025 provinces reuse old codes, so accepting the old set accepts every new prefix.
    assert after <= PROVINCE_CODES


@pytest.mark.parametrize("number", ["072403000001", "079599000001", "001826000001"])
def test_birth_year_in_a_later_century_than_today_is_rejected(number):
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id(number, today=TODAY)
    assert "future" in _error(exc, "personal_id")


def test_birth_year_later_this_century_is_rejected():
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id("072227000001", today=TODAY)  # 2027
    assert "2027" in _error(exc, "personal_id")
    assert validate_personal_id("072226000001", today=TODAY) == "072226000001"


def test_future_check_is_skipped_without_today():
    assert validate_personal_id("072899000001") == "072899000001"


@pytest.mark.parametrize(
    ("number", "dob"),
    [
        ("072203012345", dt.date(2004, 1, 1)),  # wrong year
        ("072003012345", dt.date(2003, 1, 1)),  # 1903, wrong century
        ("072203012345", dt.date(1903, 1, 1)),  # 2003, wrong century
    ],
)
def test_date_of_birth_in_another_year_or_century_is_rejected(number, dob):
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id(number, date_of_birth=dob, today=TODAY)
    assert "date of birth" in _error(exc, "personal_id")


@pytest.mark.parametrize(
    ("number", "gender"),
    [("072203012345", "female"), ("072303012345", "male"), ("072190012345", "male")],
)
def test_gender_that_differs_from_the_century_digit_is_rejected(number, gender):
    with pytest.raises(ValidationFailed) as exc:
        validate_personal_id(number, gender=gender, today=TODAY)
    assert "gender" in _error(exc, "personal_id")


def test_blank_gender_is_not_checked():
    assert validate_personal_id("072303012345", gender="", today=TODAY) == "072303012345"


# -- tax code -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0100233488", "0100233488"),
        ("0314409058", "0314409058"),
        ("0314409058-002", "0314409058002"),
        ("0314409058002", "0314409058002"),
        (" 0100233488 ", "0100233488"),
    ],
)
def test_known_valid_tax_codes_are_accepted_and_normalised(value, expected):
    assert validate_tax_code(value) == expected


def test_wrong_check_digit_is_rejected():
    with pytest.raises(ValidationFailed) as exc:
        validate_tax_code("0100233480")
    assert "check digit" in _error(exc, "tax_code")


@pytest.mark.parametrize(
    "value",
    [
        "010023348",
        "01002334888",
        "0100233488-02",
        "01002334-88",
        "0100233488--002",
        "010023348a",
        "",
    ],
)
def test_tax_code_of_wrong_shape_is_rejected(value):
    with pytest.raises(ValidationFailed) as exc:
        validate_tax_code(value)
    assert "10 digits" in _error(exc, "tax_code")


def test_branch_000_is_rejected():
    with pytest.raises(ValidationFailed) as exc:
        validate_tax_code("0314409058-000")
    assert "001 to 999" in _error(exc, "tax_code")


def test_tax_code_without_sequence_number_is_rejected():
    first_nine = "010000000"
    code = first_nine + str(tax_check_digit(first_nine))
    with pytest.raises(ValidationFailed) as exc:
        validate_tax_code(code)
    assert "sequence" in _error(exc, "tax_code")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_the_computed_check_digit_is_accepted(first_nine):
    assume(set(first_nine[2:]) != {"0"})
    check = tax_check_digit(first_nine)
    for digit in range(10):
        code = f"{first_nine}{digit}"
        if digit == check:
            assert validate_tax_code(code) == code
        else:
            with pytest.raises(ValidationFailed):
                validate_tax_code(code)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_check_digit_is_ten_minus_weighted_sum_mod_eleven(first_nine):
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    result = 10 - sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11
    assert tax_check_digit(first_nine) == (result if result < 10 else None)


def test_a_sum_divisible_by_eleven_has_no_valid_check_digit():
    prefix = ""
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    for n in range(10**6, 10**6 + 2000):
        prefix = f"{n:09d}"
        if sum(int(d) * w for d, w in zip(prefix, weights, strict=True)) % 11 == 0:
            break
    assert tax_check_digit(prefix) is None
    for digit in range(10):
        with pytest.raises(ValidationFailed):
            validate_tax_code(f"{prefix}{digit}")


# -- phone ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912345678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("091.234.5678", "0912345678"),
    ],
)
def test_vietnamese_mobile_numbers_are_normalised(value, expected):
    assert validate_phone(value) == expected


@pytest.mark.parametrize(
    "value", ["912345678", "09123456789", "84912345678", "+1 2025550100", "09123x5678"]
)
def test_other_phone_numbers_are_rejected(value):
    with pytest.raises(ValidationFailed) as exc:
        validate_phone(value)
    assert list(exc.value.details) == ["phone"]


def test_non_ascii_digits_are_rejected_in_tax_codes_and_phones():
    with pytest.raises(ValidationFailed):
        validate_tax_code("٠١٠٠٢٣٣٤٨٨")
    with pytest.raises(ValidationFailed):
        validate_phone("٠٩١٢٣٤٥٦٧٨")
