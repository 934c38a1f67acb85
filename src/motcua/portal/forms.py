# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public filter forms. They only parse query strings; the selectors decide what matches."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import AgencyKind


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
