# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public forms. Filter forms only parse query strings; the selectors decide what matches.

Registration forms only parse types; the account services decide what is valid.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Gender
from motcua.agencies.models import AgencyKind
from motcua.catalog.constants import ServiceMode
from motcua.catalog.selectors import field_list, level_list
from motcua.core import clock
from motcua.units.models import AdministrativeUnit
from motcua.units.selectors import unit_list


class AgencyFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of agency"),
        choices=[("", _("All kinds")), *AgencyKind.choices],
        required=False,
    )


class UnitLookupForm(forms.Form):
    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=100,
        help_text=_("Accents are optional: “tan ninh” finds “Tân Ninh”."),
    )
    valid_on = forms.DateField(
        label=_("In force on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Units changed on 01/07/2025; pick an earlier date to see the old ones."),
    )
    parent = forms.CharField(
        label=_("Parent unit code"),
        required=False,
        max_length=10,
        help_text=_("GSO code of the province or district, e.g. 80."),
    )


# --- Registration of applicants (citizens and organisations) -------------------------------
#
# These forms only parse types and compare the two passwords; every rule (ID number, tax code,
# phone, unique username/e-mail, password strength, unit in force) is checked by the account
# services; ``core.forms.apply_domain_error`` puts their ``details`` beside the fields.

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class CommuneChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AdministrativeUnit) -> str:
        return obj.name


def _text(label: Any, *, autocomplete: str, required: bool = True, **kwargs: Any) -> forms.Field:
    max_length = kwargs.pop("max_length", 200)
    attrs = {"autocomplete": autocomplete, **kwargs.pop("attrs", {})}
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        widget=forms.TextInput(attrs=attrs),
        **kwargs,
    )


class _AccountFields(forms.Form):
    """Username, e-mail and the new password twice; shared by both registration forms."""

    # Service field names that differ from the form's.
    FIELD_MAP = {"password": "password1"}

    username = _text(
        _("Username"),
        autocomplete="username",
        max_length=150,
        attrs={"autocapitalize": "none", "spellcheck": "false"},
        help_text=_("Letters, digits and @ . + - _ only; you sign in with it."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "address_unit" in self.fields:
            field = self.fields["address_unit"]
            assert isinstance(field, CommuneChoiceField)  # noqa: S101 - declared below
            # Evaluated per request: only the communes in force today can be chosen.
            field.queryset = unit_list(valid_on=clock.today(), level="commune").order_by(
                "name", "code"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned


def _address_fields() -> tuple[CommuneChoiceField, forms.Field]:
    unit = CommuneChoiceField(
        label=_("Commune or ward"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("— Choose a commune or ward —"),
        help_text=_("The communes and wards of Tây Ninh province in force today."),
        widget=forms.Select(attrs={"autocomplete": "address-level2"}),
    )
    detail = _text(
        _("Street address"),
        autocomplete="street-address",
        required=False,
        max_length=255,
        help_text=_("House number, street, hamlet or quarter."),
    )
    return unit, detail


class CitizenRegistrationForm(_AccountFields):
    full_name = _text(_("Full name"), autocomplete="name")
    personal_id = _text(
        _("Personal ID number"),
        autocomplete="off",
        max_length=20,
        attrs={"inputmode": "numeric"},
        help_text=_("The 12 digits printed on your citizen identity card."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("— Not stated —")), *Gender.choices],
        required=False,
        widget=forms.Select(attrs={"autocomplete": "sex"}),
    )
    phone = _text(
        _("Mobile phone"),
        autocomplete="tel",
        required=False,
        max_length=20,
        attrs={"type": "tel", "inputmode": "tel"},
        help_text=_("10 digits starting with 0, e.g. 0912 345 678."),
    )
    address_unit, address_detail = _address_fields()


class BusinessRegistrationForm(_AccountFields):
    name = _text(_("Organisation name"), autocomplete="organization", max_length=255)
    tax_code = _text(
        _("Tax code"),
        autocomplete="off",
        max_length=20,
        attrs={"inputmode": "numeric"},
        help_text=_("10 digits, or 13 digits for a branch (e.g. 0100233488-001)."),
    )
    representative_name = _text(
        _("Legal representative"), autocomplete="name", required=False, max_length=200
    )
    phone = _text(
        _("Phone"),
        autocomplete="tel",
        required=False,
        max_length=20,
        attrs={"type": "tel", "inputmode": "tel"},
        help_text=_("10 digits starting with 0, e.g. 0912 345 678."),
    )
    address_unit, address_detail = _address_fields()


# --- Public procedure catalogue -------------------------------------------------------------


class ProcedureFilterForm(forms.Form):
    """Search and filters of the public catalogue; choices are read per request."""

    q = forms.CharField(
        label=_("Name or code of the procedure"),
        required=False,
        max_length=200,
        help_text=_("Accents are optional: “dang ky ket hon” finds “Đăng ký kết hôn”."),
        # minlength: htmx validates the form before a live request, so it waits for 2 letters.
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "minlength": 2}),
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    agency_kind = forms.ChoiceField(
        label=_("Competent agency"),
        choices=[("", _("All agencies")), *AgencyKind.choices],
        required=False,
    )
    service_mode = forms.ChoiceField(
        label=_("Online service"),
        choices=[("", _("All")), *ServiceMode.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        english = get_language() == "en"
        field = self.fields["field"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [
            ("", _("All fields")),
            *((f.code, (english and f.name_en) or f.name_vi) for f in field_list()),
        ]
        level = self.fields["level"]
        assert isinstance(level, forms.ChoiceField)  # noqa: S101 - declared above
        level.choices = [
            ("", _("All levels")),
            *((lv.code, (english and lv.name_en) or lv.name_vi) for lv in level_list()),
        ]


class VersionDateForm(forms.Form):
    """``?at=``: the version of a procedure in force on another day."""

    at = forms.DateField(
        label=_("Rules in force on"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2026-09-01.")},
    )
