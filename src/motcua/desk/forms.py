# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk forms. They parse input into Python values; every rule is checked by the services.

A service raises ``DomainError`` with ``details`` {field: [messages]};
``motcua.core.forms.apply_domain_error`` shows those beside the matching fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import AgencyKind, Role

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def set_choices(form: forms.Form, name: str, choices: Iterable[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - a programming error otherwise
    field.choices = list(choices)


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def agency_choices(agencies: Iterable[Any], *, blank: Any = None) -> list[tuple[str, str]]:
    """Choices keyed by identifier, indented by depth so the tree stays readable in a select."""
    choices: list[tuple[str, str]] = [("", str(blank))] if blank is not None else []
    rows = list(agencies)
    base = min((a.depth for a in rows), default=1)
    for agency in rows:
        indent = "\u00a0\u00a0" * (agency.depth - base)
        choices.append((agency.identifier, f"{indent}{agency.name_vi} ({agency.identifier})"))
    return choices


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    valid_on = date_field(_("In force on"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    parent = forms.CharField(label=_("Parent unit code"), required=False, max_length=10)

    def __init__(self, *args: Any, levels: Iterable[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "level", [("", _("All levels")), *levels])


class UnitCreateForm(forms.Form):
    code = forms.CharField(label=_("GSO code"), max_length=10)
    name = forms.CharField(label=_("Name"), max_length=200)
    unit_type = forms.CharField(
        label=_("Unit type"), max_length=60, help_text=_("For example: Tỉnh, Xã, Phường.")
    )
    level_code = forms.ChoiceField(label=_("Level"))
    parent_code = forms.CharField(
        label=_("Parent unit code"),
        required=False,
        max_length=10,
        help_text=_("Leave empty for a province."),
    )
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False)

    def __init__(self, *args: Any, levels: Iterable[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "level_code", list(levels))


class UnitEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    unit_type = forms.CharField(label=_("Unit type"), max_length=60)
    valid_to = date_field(
        _("Valid to"), required=False, help_text=_("Leave empty while the unit is in force.")
    )


class AgencyFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of agency"),
        choices=[("", _("All kinds")), *AgencyKind.choices],
        required=False,
    )
    valid_on = date_field(_("In operation on"), required=False)


class _AgencyFieldsForm(forms.Form):
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=255)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind of agency"), choices=AgencyKind.choices)
    unit_code = forms.CharField(
        label=_("Administrative unit code"),
        max_length=10,
        required=False,
        help_text=_("GSO code of the unit the agency serves, e.g. 80 for the province."),
    )
    receives_dossiers = forms.BooleanField(
        label=_("Receives and returns dossiers (one-stop unit)"), required=False
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)


class AgencyCreateForm(_AgencyFieldsForm):
    parent_identifier = forms.ChoiceField(label=_("Parent agency"), required=False)
    identifier = forms.CharField(
        label=_("Electronic agency identifier"),
        max_length=40,
        help_text=_("As assigned under Decision 20/2020/QĐ-TTg, e.g. 000.00.16.H51."),
    )
    identifier_is_demo = forms.BooleanField(
        label=_("The identifier is a made-up demo value"), required=False
    )
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False)

    field_order = ["parent_identifier", "identifier", "identifier_is_demo", "name_vi"]

    def __init__(self, *args: Any, parents: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "parent_identifier",
            agency_choices(parents, blank=_("— none (top-level agency) —")),
        )


class AgencyEditForm(_AgencyFieldsForm):
    valid_to = date_field(
        _("Valid to"), required=False, help_text=_("Set a date when the agency ceases.")
    )


class StaffCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.CharField(label=_("E-mail"), max_length=254)
    agency = forms.ChoiceField(label=_("Agency"))
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, agencies: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "agency", agency_choices(agencies, blank=_("— choose —")))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", _("The two passwords do not match."))
        return data


STAFF_ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.APPLICANT]


class RoleAssignForm(forms.Form):
    user = forms.ChoiceField(label=_("Official"))
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)
    agency = forms.ChoiceField(label=_("Agency"))
    include_descendants = forms.BooleanField(
        label=_("Also covers the agency's sub-agencies"), required=False
    )
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False)

    def __init__(
        self,
        *args: Any,
        users: Iterable[tuple[str, str]] = (),
        agencies: Iterable[Any] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        set_choices(self, "user", [("", _("— choose —")), *users])
        set_choices(self, "agency", agency_choices(agencies, blank=_("— choose —")))


class RoleEndForm(forms.Form):
    valid_to = date_field(
        _("Last day of the assignment"),
        help_text=_("The role stays in force up to and including this day."),
    )
