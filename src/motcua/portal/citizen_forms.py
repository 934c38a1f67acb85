# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the citizen pages. They parse types only; the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.selectors import agency_list
from motcua.core import clock
from motcua.portal.forms import CommuneChoiceField
from motcua.units.models import AdministrativeUnit
from motcua.units.selectors import unit_list

RECEIVING_KINDS = (AgencyKind.SERVICE_CENTRE, AgencyKind.ONE_STOP_UNIT)


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name_vi


class ChoicesForm(forms.Form):
    """Step 1: the case of the procedure (when it has cases) and the receiving one-stop unit."""

    case = forms.TypedChoiceField(label=_("Case"), coerce=int, required=False, empty_value=None)
    receiving_agency = AgencyChoiceField(
        label=_("Unit that receives the dossier"),
        queryset=Agency.objects.none(),
        empty_label=_("— Choose a unit —"),
    )

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["receiving_agency"]
        assert isinstance(field, AgencyChoiceField)  # noqa: S101 - declared above
        field.queryset = agency_list(valid_on=clock.today()).filter(kind__in=RECEIVING_KINDS)
        case_field = self.fields["case"]
        assert isinstance(case_field, forms.TypedChoiceField)  # noqa: S101
        if cases:
            case_field.choices = [("", _("— Choose the case —"))] + [
                (c.pk, c.name_vi) for c in cases
            ]
            case_field.required = True
        else:
            del self.fields["case"]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    keep_in_store = forms.BooleanField(label=_("Keep in my data store"), required=False)


class PickPaperForm(forms.Form):
    paper = forms.IntegerField(label=_("Paper from my data store"), min_value=1)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SupplementForm(forms.Form):
    attachments = MultipleFileField(label=_("Supplementary papers"), allow_empty_file=True)
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


SCORES = [
    (2, _("Good (2 points)")),
    (1, _("Acceptable (1 point)")),
    (0, _("Poor (0 points)")),
]


def _score(label: Any, help_text: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, help_text=help_text, choices=SCORES, coerce=int, widget=forms.RadioSelect
    )


class EvaluationForm(forms.Form):
    """Circular 01/2018/TT-VPCP Art 13: the applicant's indicators 1, 3, 4 and 7."""

    indicator_1 = _score(
        _("Total time of settlement"),
        _("2: earlier than the appointment; 1: on the appointment; 0: later."),
    )
    indicator_3 = _score(
        _("Times you had to go back or supplement"),
        _("2: none; 1: once; 0: more than once (not by your own fault)."),
    )
    indicator_4 = _score(
        _("Bodies you had to contact"),
        _("2: none in person; 1: only the one-stop unit; 0: more bodies."),
    )
    indicator_7 = _score(
        _("Attitude of the officials"),
        _("2: early and courteous; 1: on time, no complaint; 0: you have a complaint."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Dossier code"), max_length=40, strip=True)
    secret = forms.CharField(
        label=_("Lookup secret (on the receipt)"),
        max_length=32,
        required=False,
        strip=True,
        help_text=_("Optional: with it you see the whole timeline."),
    )


class ProfileForm(forms.Form):
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    address_unit = CommuneChoiceField(
        label=_("Commune or ward"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("— Choose a commune or ward —"),
    )
    address_detail = forms.CharField(label=_("Street address"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["address_unit"]
        assert isinstance(field, CommuneChoiceField)  # noqa: S101
        field.queryset = unit_list(valid_on=clock.today(), level="commune").order_by("name", "code")
