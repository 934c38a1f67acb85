# SPDX-License-Identifier: AGPL-3.0-or-later
"""E-form definitions (biểu mẫu điện tử) and the pure validator of submitted data.

Legal basis: Decree 224/2026/NĐ-CP Art 15(1) (interactive e-forms, auto-filled from national
databases so citizens provide information only once); Decree 45/2020/NĐ-CP Art 9 (preparing an
electronic dossier). A definition is JSON::

    {"fields": [{"name": "full_name", "label_vi": "Họ và tên", "label_en": "Full name",
                 "type": "text", "required": true, "max_length": 100}, ...]}

Types: text, textarea, date (ISO ``YYYY-MM-DD``; ``min``/``max`` as ISO dates), number (``min``/
``max``), select (``choices``: [{"value", "label_vi", "label_en"}]), checkbox (true/false),
personal_id (the 12-digit personal identification number of the chip ID card, Law on
Identification 26/2023/QH15), unit (an administrative-unit GSO code: 2 or 5 digits).

``eform_definition_problems`` checks a definition; ``eform_validate`` checks a submitted dict
against a valid definition and returns field errors (empty dict = valid). Neither touches the DB.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from django.utils.translation import gettext as _

from motcua.catalog.constants import EformFieldType

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
PERSONAL_ID_RE = re.compile(r"^\d{12}$")
UNIT_CODE_RE = re.compile(r"^(\d{2}|\d{5})$")
_TYPES = frozenset(t.value for t in EformFieldType)
_TEXTUAL = frozenset({"text", "textarea"})
_ALLOWED_KEYS = frozenset(
    {
        "name",
        "label_vi",
        "label_en",
        "type",
        "required",
        "choices",
        "max_length",
        "min",
        "max",
        "help_vi",
        "help_en",
    }
)
DEFAULT_MAX_LENGTH = {"text": 255, "textarea": 4000}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def eform_definition_problems(definition: Any) -> list[str]:
    """Problems of an e-form definition, as human-readable messages (empty list = valid)."""
    if definition in (None, {}):
        return []
    if not isinstance(definition, dict) or not isinstance(definition.get("fields"), list):
        return [_("The e-form must be an object with a list of fields.")]
    problems: list[str] = []
    seen: set[str] = set()
    for index, spec in enumerate(definition["fields"], start=1):
        where = _("Field %(n)s") % {"n": index}
        if not isinstance(spec, dict):
            problems.append(_("%(where)s: must be an object.") % {"where": where})
            continue
        name = spec.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name):
            problems.append(
                _("%(where)s: the name must be lower-case letters, digits and _.")
                % {"where": where}
            )
        elif name in seen:
            problems.append(
                _("%(where)s: the name %(name)s is repeated.") % {"where": where, "name": name}
            )
        else:
            seen.add(name)
        extra = set(spec) - _ALLOWED_KEYS
        if extra:
            problems.append(
                _("%(where)s: unknown keys %(keys)s.")
                % {"where": where, "keys": ", ".join(sorted(extra))}
            )
        if not isinstance(spec.get("label_vi"), str) or not spec.get("label_vi"):
            problems.append(_("%(where)s: a Vietnamese label is required.") % {"where": where})
        kind = spec.get("type")
        if kind not in _TYPES:
            problems.append(_("%(where)s: unknown type.") % {"where": where})
            continue
        problems.extend(_type_problems(spec, kind, where))
    return problems


def _type_problems(spec: dict[str, Any], kind: str, where: str) -> list[str]:
    problems: list[str] = []
    if kind == "select":
        choices = spec.get("choices")
        if (
            not isinstance(choices, list)
            or not choices
            or not all(isinstance(c, dict) and isinstance(c.get("value"), str) for c in choices)
        ):
            problems.append(
                _("%(where)s: a choice field needs a list of choices.") % {"where": where}
            )
    if "max_length" in spec and (
        kind not in _TEXTUAL or not isinstance(spec["max_length"], int) or spec["max_length"] < 1
    ):
        problems.append(_("%(where)s: invalid maximum length.") % {"where": where})
    for bound in ("min", "max"):
        if bound not in spec:
            continue
        ok = (kind == "number" and _is_number(spec[bound])) or (
            kind == "date" and _parse_date(spec[bound]) is not None
        )
        if not ok:
            problems.append(
                _("%(where)s: invalid %(bound)s bound.") % {"where": where, "bound": bound}
            )
    return problems


def eform_validate(definition: dict[str, Any], data: Any) -> dict[str, list[str]]:
    """Field errors of ``data`` (a dict of submitted values) against ``definition``.

    Missing and empty values ("" or None) fail only required fields; a required checkbox must be
    true (a declaration the applicant must tick). Keys that the form does not define are errors.
    """
    if not isinstance(data, dict):
        return {"__all__": [_("The submitted form must be an object.")]}
    errors: dict[str, list[str]] = {}
    fields = {spec["name"]: spec for spec in definition.get("fields", [])}
    for key in data:
        if key not in fields:
            errors.setdefault(str(key), []).append(_("This field is not part of the form."))
    for name, spec in fields.items():
        value = data.get(name)
        message = _check_value(spec, value)
        if message:
            errors.setdefault(name, []).append(message)
    return errors


def _check_value(spec: dict[str, Any], value: Any) -> str | None:
    kind = spec["type"]
    empty = value is None or value == "" or (kind == "checkbox" and value is False)
    if empty:
        return _("This field is required.") if spec.get("required") else None
    if kind in _TEXTUAL:
        if not isinstance(value, str):
            return _("Enter text.")
        limit = spec.get("max_length", DEFAULT_MAX_LENGTH[kind])
        if len(value) > limit:
            return _("At most %(n)s characters.") % {"n": limit}
        return None
    if kind == "checkbox":
        return None if value is True else _("Tick or untick the box.")
    if kind == "number":
        return _check_number(spec, value)
    if kind == "date":
        return _check_date(spec, value)
    if kind == "select":
        allowed = {c["value"] for c in spec.get("choices", [])}
        return None if isinstance(value, str) and value in allowed else _("Select a valid choice.")
    if kind == "personal_id":
        ok = isinstance(value, str) and PERSONAL_ID_RE.match(value)
        return None if ok else _("Enter the 12-digit personal identification number.")
    if kind == "unit":
        ok = isinstance(value, str) and UNIT_CODE_RE.match(value)
        return None if ok else _("Enter an administrative unit code.")
    return _("Unknown field type.")


def _check_number(spec: dict[str, Any], value: Any) -> str | None:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return _("Enter a number.")
    if not _is_number(value):
        return _("Enter a number.")
    if "min" in spec and value < spec["min"]:
        return _("Must be at least %(n)s.") % {"n": spec["min"]}
    if "max" in spec and value > spec["max"]:
        return _("Must be at most %(n)s.") % {"n": spec["max"]}
    return None


def _check_date(spec: dict[str, Any], value: Any) -> str | None:
    day = _parse_date(value)
    if day is None:
        return _("Enter a date as YYYY-MM-DD.")
    low, high = _parse_date(spec.get("min")), _parse_date(spec.get("max"))
    if low is not None and day < low:
        return _("Must be on or after %(d)s.") % {"d": low.isoformat()}
    if high is not None and day > high:
        return _("Must be on or before %(d)s.") % {"d": high.isoformat()}
    return None
