# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the dossier desk: one small form per workflow action, and counter reception.

Forms only parse; the services check every rule again and their ``DomainError`` details are
copied beside the fields by ``core.forms.apply_domain_error``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.dossiers.workflow.engine import Action

# Which inputs each action asks for (the service decides whether they are required).
ACTION_FIELDS: dict[Action, tuple[str, ...]] = {
    Action.RECEIVE: (),  # one file input per paper still missing (``missing``)
    Action.REFUSE: ("reason",),
    Action.REQUEST_SUPPLEMENT_AT_RECEIPT: ("reasons",),
    Action.SUPPLEMENT_AT_RECEIPT: ("component", "files"),
    Action.FORWARD: ("to", "reason"),
    Action.REQUEST_SUPPLEMENT: ("reasons",),
    Action.SUPPLEMENT_RECEIVED: ("component", "files"),
    Action.TRANSFER: ("to", "reason"),
    Action.ASSIGN: ("step_id", "assignee"),
    Action.COMPLETE_STEP: ("step_id", "outcome", "note"),
    Action.RETURN_STEP: ("step_id", "reason"),
    # One agency: a consultation; several: a liên thông send naming the lead (Art 19(4)).
    Action.CONSULT: ("agency", "agencies", "lead", "question", "due_at"),
    Action.WAIT_FINANCIAL: ("amount_vnd",),
    Action.FINANCIAL_PAID: ("proof",),
    Action.EXTEND: ("new_due_at", "reason"),
    Action.REJECT: ("reason",),
    Action.RESULT_READY: ("files",),
    Action.REQUEST_WITHDRAWAL: ("reason",),
    Action.CANCEL: ("reason",),
}
# Papers handed in with the action, and the kind the service stores them as.
UPLOAD_ACTIONS = {
    Action.RECEIVE,
    Action.SUPPLEMENT_AT_RECEIPT,
    Action.SUPPLEMENT_RECEIVED,
    Action.RESULT_READY,
}


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input. Empty files pass here: the documents service rejects them
    with its own message (one rule, one wording, desk and API alike)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _step_label(step: Any) -> str:
    who = step.assignee.get_full_name() if step.assignee_id else ""
    return f"{step.name} — {step.agency.name_vi}" + (f" ({who})" if who else "")


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_vi)


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_vi)


class DossierActionForm(forms.Form):
    """The inputs of one action plus the dossier's ``version`` (optimistic concurrency).

    Pickers (issue 5 item 9): ``steps`` are the dossier's open steps
    (``selectors.dossier_open_steps``), ``performers`` maps a step id to the users holding its
    role there (``selectors.step_performers``), ``agencies`` the agencies in force, ``competent``
    the competent agency (preselected for forwarding), ``components`` the pinned papers.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        action: Action,
        steps: Sequence[Any] = (),
        performers: dict[int, list[Any]] | None = None,
        agencies: Any = None,
        competent: Agency | None = None,
        components: Sequence[Any] = (),
        missing: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", action.value)
        super().__init__(*args, **kwargs)
        self.action = action
        self.performers = performers or {}
        self.competent = competent
        agency_qs = agencies if agencies is not None else Agency.objects.order_by("name_vi")
        users = {u.pk: u for group in self.performers.values() for u in group}
        user_qs = get_user_model().objects.filter(pk__in=list(users)).order_by("username")
        to_label = _("Send to") if action == Action.FORWARD else _("Agency")
        factories: dict[str, Callable[[], forms.Field]] = {
            "reason": lambda: forms.CharField(
                label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            ),
            "reasons": lambda: forms.CharField(
                label=_("Papers to add or correct, one per line"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
            "to": lambda: AgencyChoiceField(
                label=to_label,
                queryset=agency_qs,
                required=action != Action.FORWARD,
                initial=competent.pk if competent and action == Action.FORWARD else None,
            ),
            "agency": lambda: AgencyChoiceField(
                label=_("Agency"), queryset=agency_qs, required=action != Action.CONSULT
            ),
            "agencies": lambda: AgencyMultipleChoiceField(
                label=_("Or several agencies at once (inter-agency)"),
                queryset=agency_qs,
                required=False,
            ),
            "lead": lambda: AgencyChoiceField(
                label=_("Lead agency"), queryset=agency_qs, required=False
            ),
            "step_id": lambda: forms.TypedChoiceField(
                label=_("Step"),
                choices=[(s.pk, _step_label(s)) for s in steps],
                coerce=int,
                required=False,
                empty_value=None,
            ),
            "assignee": lambda: UserChoiceField(
                label=_("Handler"), queryset=user_qs, required=True
            ),
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
            "component": lambda: forms.TypedChoiceField(
                label=_("Paper"),
                choices=[("", _("(other paper)")), *[(c.pk, c.name) for c in components]],
                coerce=int,
                required=False,
                empty_value=None,
            ),
            "files": lambda: MultipleFileField(
                label=_("Result file") if action == Action.RESULT_READY else _("Files"),
                required=action in {Action.SUPPLEMENT_AT_RECEIPT, Action.RESULT_READY},
                help_text=_("PDF, JPEG, PNG, TIFF or office files."),
            ),
        }
        for name in ACTION_FIELDS.get(action, ()):
            self.fields[name] = factories[name]()
        if "step_id" in self.fields and len(steps) == 1:
            self.fields["step_id"].initial = steps[0].pk
        self.scan_fields: dict[str, int] = {}
        if action == Action.RECEIVE:  # scan what the applicant brings for the missing papers
            for c in missing:
                name = f"doc_{c.pk}"
                self.fields[name] = forms.FileField(
                    label=c.name, required=False, allow_empty_file=True
                )
                self.scan_fields[name] = c.pk

    @property
    def multipart(self) -> bool:
        return "files" in self.fields or bool(self.scan_fields)

    def papers(self) -> list[tuple[str, int | None, Any]]:
        """(form field, component id, file) of every file handed in with the action."""
        data = self.cleaned_data
        given = [(n, pk, data[n]) for n, pk in self.scan_fields.items() if data.get(n)]
        component = data.get("component")
        return given + [("files", component, f) for f in data.get("files") or []]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        to = data.get("to")
        elsewhere = to is not None and self.competent is not None and to != self.competent
        if self.action == Action.FORWARD and elsewhere and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for sending elsewhere."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned inputs under the service's keyword names (files stay in the view)."""
        data = dict(self.cleaned_data)
        for name in ("version", "files", "component", *self.scan_fields):
            data.pop(name, None)
        if "reasons" in data:
            data["reasons"] = [line.strip() for line in data["reasons"].splitlines()]
        if "agencies" in data:
            data["agencies"] = list(data["agencies"] or [])
        for optional in ("amount_vnd", "step_id"):
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


class LogbookForm(forms.Form):
    """Which logbook page: an agency in the official's scope and a period (≤ one year)."""

    start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = AgencyChoiceField(label=_("Agency"), queryset=agencies)
        self.order_fields(["agency", "start", "end"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end must not be before the start."))
            elif (end - start).days > 366:
                self.add_error("end", _("Choose a period of at most one year."))
        return data
