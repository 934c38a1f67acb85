# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the dossier desk: one small form per workflow action, and counter reception.

Forms only parse; the services check every rule again and their ``DomainError`` details are
copied beside the fields by ``core.forms.apply_domain_error``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.dossiers.workflow.engine import Action

# Which inputs each action asks for (the service decides whether they are required).
ACTION_FIELDS: dict[Action, tuple[str, ...]] = {
    Action.REFUSE: ("reason",),
    Action.REQUEST_SUPPLEMENT_AT_RECEIPT: ("reasons",),
    Action.REQUEST_SUPPLEMENT: ("reasons",),
    Action.TRANSFER: ("to", "reason"),
    Action.ASSIGN: ("assignee",),
    Action.COMPLETE_STEP: ("outcome", "note"),
    Action.RETURN_STEP: ("reason",),
    Action.CONSULT: ("agency", "question", "due_at"),
    Action.WAIT_FINANCIAL: ("amount_vnd",),
    Action.FINANCIAL_PAID: ("proof",),
    Action.EXTEND: ("new_due_at", "reason"),
    Action.REJECT: ("reason",),
    Action.REQUEST_WITHDRAWAL: ("reason",),
    Action.CANCEL: ("reason",),
}


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class DossierActionForm(forms.Form):
    """The inputs of one action plus the dossier's ``version`` (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", action.value)
        super().__init__(*args, **kwargs)
        self.action = action
        factories: dict[str, Callable[[], forms.Field]] = {
            "reason": lambda: forms.CharField(
                label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            ),
            "reasons": lambda: forms.CharField(
                label=_("Papers to add or correct, one per line"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
            "to": lambda: forms.ModelChoiceField(
                label=_("Agency"), queryset=Agency.objects.order_by("name_vi"), required=True
            ),
            "agency": lambda: forms.ModelChoiceField(
                label=_("Agency"), queryset=Agency.objects.order_by("name_vi"), required=True
            ),
            "assignee": lambda: forms.CharField(label=_("Handler's user name"), max_length=150),
            "outcome": lambda: forms.CharField(label=_("Outcome"), required=False),
            "note": lambda: forms.CharField(label=_("Note"), required=False),
            "question": lambda: forms.CharField(
                label=_("Question"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            ),
            "due_at": lambda: _datetime_field(_("Answer due")),
            "new_due_at": lambda: _datetime_field(_("New appointment")),
            "amount_vnd": lambda: forms.IntegerField(
                label=_("Amount (VND)"), required=False, min_value=0
            ),
            "proof": lambda: forms.CharField(label=_("Proof of payment"), required=False),
        }
        for name in ACTION_FIELDS.get(action, ()):
            self.fields[name] = factories[name]()

    def clean_assignee(self) -> Any:
        username = self.cleaned_data["assignee"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return user

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned inputs under the service's keyword names."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        if "reasons" in data:
            data["reasons"] = [line.strip() for line in data["reasons"].splitlines()]
        for optional in ("amount_vnd",):
            if optional in data and data[optional] is None:
                del data[optional]
        return data


class ProcedureChoiceForm(forms.Form):
    """Step 1 of counter reception: which procedure (by its catalogue code)."""

    procedure = forms.CharField(label=_("Procedure code"), max_length=50)


class CounterReceptionForm(forms.Form):
    """A walk-in or postal dossier: applicant, channel and one upload per required paper."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("direct", _("In person")), ("postal", _("By post"))],
    )
    applicant_name = forms.CharField(label=_("Applicant's name"), max_length=200)
    applicant_id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    applicant_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def __init__(
        self,
        *args: Any,
        components: Iterable[Any] = (),
        agencies: Iterable[Agency] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
        agencies = list(agencies)
        self.fields["receiving_agency"] = forms.ModelChoiceField(
            label=_("Receiving unit"),
            queryset=Agency.objects.filter(pk__in=[a.pk for a in agencies]),
            initial=agencies[0].pk if agencies else None,
        )
        self.components = list(components)
        for component in self.components:
            self.fields[f"doc_{component.pk}"] = forms.FileField(
                label=component.name, required=False
            )

    def component_fields(self) -> list[forms.BoundField]:
        return [self[f"doc_{c.pk}"] for c in self.components]
