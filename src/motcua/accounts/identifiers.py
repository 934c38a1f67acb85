# SPDX-License-Identifier: AGPL-3.0-or-later
"""Validation of Vietnamese identifiers: personal ID numbers and tax codes. Pure: no ORM, no I/O.

Personal ID number (số định danh cá nhân, printed on the CCCD card): Law on Identification
26/2023/QH15 Art 12 and Decree 70/2024/NĐ-CP; the 12-digit structure is the one of Circular
07/2016/TT-BCA Art 7 as amended by Circular 59/2021/TT-BCA:

- digits 1-3: code of the province where the birth was registered (``0`` + GSO province code);
- digit 4: century and gender (0/1 = 20th century male/female, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd,
  8/9 = 24th);
- digits 5-6: the last two digits of the birth year;
- digits 7-12: a random number.

Tax code (mã số thuế): Circular 105/2020/TT-BTC Art 5 — 10 digits ``N1..N9 C`` where ``C`` is a
check digit over ``N1..N9``, or 13 digits ``N1..N9 C - K1K2K3`` for a dependent unit (branch),
``K1K2K3`` from 001 to 999.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed

# The 63 GSO province codes in force before 01/07/2025, from /work/shared/data/provinces_vn.csv
# (period ``before_2025-07-01``; source: GSO export via sunshine-tech/VietnamProvinces, see
# shared/data/SOURCES.md). The 34 provinces formed on 01/07/2025 (Resolution 202/2025/QH15) all
# kept one of these codes, so no code outside this set has been assigned since. No legal text
# found assigns personal-ID prefixes beyond the list annexed to Circular 07/2016/TT-BCA, so
# none is accepted here.
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24",
        "25", "26", "27", "30", "31", "33", "34", "35", "36", "37", "38", "40", "42", "44", "45",
        "46", "48", "49", "51", "52", "54", "56", "58", "60", "62", "64", "66", "67", "68", "70",
        "72", "74", "75", "77", "79", "80", "82", "83", "84", "86", "87", "89", "91", "92", "93",
        "94", "95", "96",
    }
)  # fmt: skip

GENDER_MALE = "male"
GENDER_FEMALE = "female"

_SPACES = re.compile(r"\s+")
_PERSONAL_ID = re.compile(r"[0-9]{12}")
_TAX_CODE = re.compile(r"([0-9]{10})(?:-?([0-9]{3}))?")
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def _personal_id_error(message: str | Promise) -> ValidationFailed:
    return ValidationFailed(message, details={"personal_id": [str(message)]})


def _tax_code_error(message: str | Promise) -> ValidationFailed:
    return ValidationFailed(message, details={"tax_code": [str(message)]})


def normalise_personal_id(value: str) -> str:
    """Return ``value`` with all whitespace removed (people write ``079 203 012345``)."""
    return _SPACES.sub("", value or "")


def birth_year_from_personal_id(value: str) -> int:
    """Birth year encoded in digits 4-6: century from digit 4, year of century from 5-6.

    Pre: ``value`` has 12 digits after removing spaces (else ValidationFailed).
    """
    number = normalise_personal_id(value)
    if not _PERSONAL_ID.fullmatch(number):
        raise _personal_id_error(_("The personal ID number must have exactly 12 digits."))
    century_index = int(number[3]) // 2
    return 1900 + 100 * century_index + int(number[4:6])


def gender_from_personal_id(value: str) -> str:
    """``"male"`` when digit 4 is even, ``"female"`` when odd (Circular 07/2016 Art 7(2))."""
    number = normalise_personal_id(value)
    if not _PERSONAL_ID.fullmatch(number):
        raise _personal_id_error(_("The personal ID number must have exactly 12 digits."))
    return GENDER_MALE if int(number[3]) % 2 == 0 else GENDER_FEMALE


def validate_personal_id(
    value: str,
    *,
    date_of_birth: dt.date | None = None,
    gender: str | None = None,
    today: dt.date | None = None,
) -> str:
    """Check a personal ID number and return it normalised (digits only).

    Legal basis: Law on Identification 26/2023/QH15 Art 12, Decree 70/2024/NĐ-CP, structure of
    Circular 07/2016/TT-BCA Art 7 as amended by Circular 59/2021/TT-BCA (module docstring).

    Checks, in order: 12 digits; province-of-birth code known; the encoded birth year not after
    ``today`` (when given); the encoded year equals ``date_of_birth.year`` (when given); the
    encoded gender equals ``gender`` (when given, ``"male"``/``"female"``; blank is ignored).
    Raises ValidationFailed with ``details={"personal_id": [message]}`` on the first failure.
    """
    number = normalise_personal_id(value)
    if not _PERSONAL_ID.fullmatch(number):
        raise _personal_id_error(_("The personal ID number must have exactly 12 digits."))
    if number[0] != "0" or number[1:3] not in PROVINCE_CODES:
        raise _personal_id_error(
            _("The first three digits of the personal ID number are not a known province code.")
        )
    year = birth_year_from_personal_id(number)
    if today is not None and year > today.year:
        raise _personal_id_error(
            _("The personal ID number encodes a birth year in the future (%(year)d).")
            % {"year": year}
        )
    if date_of_birth is not None and date_of_birth.year != year:
        raise _personal_id_error(
            _(
                "The personal ID number encodes birth year %(encoded)d, but the date of birth "
                "is in %(given)d."
            )
            % {"encoded": year, "given": date_of_birth.year}
        )
    if gender in (GENDER_MALE, GENDER_FEMALE) and gender_from_personal_id(number) != gender:
        raise _personal_id_error(_("The personal ID number does not match the gender given."))
    return number


def tax_check_digit(first_nine: str) -> int | None:
    """The check digit for ``N1..N9``, or None when no digit can match (result 10).

    Circular 105/2020/TT-BTC Art 5(2): ``C = 10 - (Σ Ni·Wi mod 11)`` with weights
    (31, 29, 23, 19, 17, 13, 7, 5, 3).
    """
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    check = 10 - total % 11
    return check if check <= 9 else None


def validate_tax_code(value: str) -> str:
    """Check a tax code and return it normalised: 10 or 13 digits, no dash, no spaces.

    Legal basis: Circular 105/2020/TT-BTC Art 5 (structure of the tax identification number).
    Accepts ``NNNNNNNNNC`` and ``NNNNNNNNNC-KKK`` / ``NNNNNNNNNCKKK``. Rejects: another shape;
    digits 3-9 all zero (no sequence number); a wrong check digit; branch ``000``. Raises
    ValidationFailed with ``details={"tax_code": [message]}``.
    """
    raw = _SPACES.sub("", value or "")
    match = _TAX_CODE.fullmatch(raw)
    if match is None:
        raise _tax_code_error(
            _("A tax code has 10 digits, or 13 digits for a branch (written with or without '-').")
        )
    main, branch = match.group(1), match.group(2)
    if set(main[2:9]) == {"0"}:
        raise _tax_code_error(_("This tax code has no sequence number (digits 3 to 9 are zero)."))
    if tax_check_digit(main[:9]) != int(main[9]):
        raise _tax_code_error(_("The check digit of this tax code is wrong."))
    if branch is not None and branch == "000":
        raise _tax_code_error(_("The branch number of a 13-digit tax code must be 001 to 999."))
    return main + (branch or "")


_PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
_PHONE = re.compile(r"(?:0|\+84)([0-9]{9})")


def validate_phone(value: str) -> str:
    """Check a Vietnamese mobile number and return it as 10 digits starting with ``0``.

    Mobile numbers have had 10 digits since the 2018 renumbering (Decision 798/QĐ-BTTTT):
    ``0`` + 9 digits, or ``+84`` + 9 digits for the international form. Spaces, dots, dashes
    and brackets are ignored. Raises ValidationFailed(details={"phone": [...]}).
    """
    raw = _PHONE_SEPARATORS.sub("", value or "")
    match = _PHONE.fullmatch(raw)
    if match is None:
        message = _("Enter a Vietnamese mobile number: 10 digits starting with 0, or +84.")
        raise ValidationFailed(message, details={"phone": [str(message)]})
    return "0" + match.group(1)
