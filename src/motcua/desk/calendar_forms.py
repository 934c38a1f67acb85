# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the desk calendar page: choose a year, edit a special day, compute a due date.

They only parse input; the workcal services and the deadline engine check every rule and their
``DomainError`` details come back beside the fields (``forms.apply_domain_error``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import VN_TZ
from motcua.desk.forms import agency_choices, date_field, set_choices
from motcua.workcal.deadlines import UNIT_LABELS
from motcua.workcal.models import CalendarDayKind

UNIT_CHOICES = [(unit.value, label) for unit, label in UNIT_LABELS.items()]

# Service field → form field, for errors raised by the engine or the services.
DUE_FIELD_MAP = {"start": "start_date", "due": "start_date"}


class CalendarYearForm(forms.Form):
    """The GET filter of the calendar page. An invalid value falls back to the default."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    agency = forms.ChoiceField(label=_("Calendar of"), required=False)

    def __init__(self, *args: Any, agencies: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "agency", agency_choices(agencies, blank=_("— whole province —")))


class CalendarDayForm(forms.Form):
    date = date_field(_("Date"))
    kind = forms.ChoiceField(label=_("Kind of day"), choices=CalendarDayKind.choices)
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_("Document number and date, e.g. Thông báo 6150/TB-BLĐTBXH ngày 12/11/2024."),
    )
    swap_pair_date = date_field(
        _("Swapped with"),
        required=False,
        help_text=_("For a swapped day off or a working weekend day: the other day of the swap."),
    )
    agency = forms.ChoiceField(
        label=_("Agency"),
        required=False,
        help_text=_("Leave empty for a day of the whole province."),
    )
    active = forms.BooleanField(label=_("In effect"), required=False, initial=True)
    confirmed = forms.BooleanField(
        label=_("Checked against the official decision (confirmed)"), required=False
    )

    def __init__(self, *args: Any, agencies: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "agency", agency_choices(agencies, blank=_("— whole province —")))


class DueForm(forms.Form):
    """A local date and time in Asia/Ho_Chi_Minh, an amount and a unit, optionally an agency."""

    start_date = date_field(_("Start date"))
    start_time = forms.TimeField(
        label=_("Start time"),
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Vietnam time (UTC+7)."),
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Working days may have decimals: 0.5 = 4 working hours."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=UNIT_CHOICES)
    agency = forms.ChoiceField(label=_("Calendar of"), required=False)

    def __init__(self, *args: Any, agencies: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "agency", agency_choices(agencies, blank=_("— whole province —")))

    def start(self) -> dt.datetime:
        """The aware start moment; call after ``is_valid()``."""
        data = self.cleaned_data
        return dt.datetime.combine(data["start_date"], data["start_time"], tzinfo=VN_TZ)
