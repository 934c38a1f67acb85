# SPDX-License-Identifier: AGPL-3.0-or-later
"""A Django form built from a procedure version's e-form definition (Decree 224/2026 Art 15(1)).

The form only turns what the browser sends into the JSON types of the definition (numbers,
booleans, ISO dates) and draws the widgets; ``catalog.eforms.eform_validate`` — called by the
draft service — is the authority on what is valid, and its messages are put beside the fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language

TEXT_LIMITS = {"text": 255, "textarea": 4000}


def _label(spec: dict[str, Any], key: str = "label") -> str:
    english = (get_language() or "vi").startswith("en")
    value = spec.get(f"{key}_en") if english else None
    return str(value or spec.get(f"{key}_vi") or spec.get(f"{key}_en") or spec.get("name", ""))


def _field(spec: dict[str, Any]) -> forms.Field:
    kind = spec.get("type")
    common: dict[str, Any] = {
        "label": _label(spec),
        "required": False,  # the validator decides, so a draft can be saved half-filled
        "help_text": _label(spec, "help") if spec.get("help_vi") or spec.get("help_en") else "",
    }
    if kind == "textarea":
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=spec.get("max_length", TEXT_LIMITS["textarea"]),
            **common,
        )
    if kind == "date":
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "number":
        return forms.CharField(widget=forms.NumberInput(attrs={"step": "any"}), **common)
    if kind == "checkbox":
        return forms.BooleanField(**common)
    if kind == "select":
        english = (get_language() or "vi").startswith("en")
        choices = [("", "—")] + [
            (
                c["value"],
                (c.get("label_en") if english else None) or c.get("label_vi") or c["value"],
            )
            for c in spec.get("choices", [])
        ]
        return forms.ChoiceField(choices=choices, **common)
    attrs = {"inputmode": "numeric"} if kind in {"personal_id", "unit"} else {}
    return forms.CharField(
        widget=forms.TextInput(attrs=attrs),
        max_length=spec.get("max_length", TEXT_LIMITS["text"]),
        **common,
    )


class EformForm(forms.Form):
    """Fields named ``eform_<name>`` so they never collide with the page's own inputs."""

    def __init__(self, *args: Any, definition: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs = [s for s in (definition or {}).get("fields", []) if isinstance(s, dict)]
        for spec in self.specs:
            field = _field(spec)
            if spec.get("required"):
                field.widget.attrs["aria-required"] = "true"
                field.label = f"{field.label} *"
            self.fields[f"eform_{spec['name']}"] = field

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        return {f"eform_{k}": v for k, v in (data or {}).items()}

    def to_data(self) -> dict[str, Any]:
        """The JSON the validator expects; empty inputs are left out."""
        out: dict[str, Any] = {}
        for spec in self.specs:
            value = self.cleaned_data.get(f"eform_{spec['name']}")
            if spec.get("type") == "checkbox":
                out[spec["name"]] = bool(value)
                continue
            if value in (None, ""):
                continue
            if spec.get("type") == "number":
                try:
                    number = float(str(value).replace(",", "."))
                    value = int(number) if number.is_integer() else number
                except ValueError:
                    pass  # left as text: the validator reports "enter a number"
            out[spec["name"]] = value
        return out

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            target = f"eform_{name}" if f"eform_{name}" in self.fields else None
            for message in messages:
                self.add_error(target, message)
