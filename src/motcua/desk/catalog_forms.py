# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the desk catalogue pages: procedures, version settings and the parts of a draft.

They only parse input into the plain dicts that ``motcua.catalog.services`` accept (see
``catalog.inputs``); every rule is checked by the services, whose ``ValidationFailed`` details
(dotted paths such as ``fees.0.amount_vnd``) are mapped back onto the right form and row here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import AgencyKind, Role
from motcua.catalog.constants import (
    Channel,
    DocumentRequirement,
    FeeCollectedAt,
    FeeKind,
    PerformerKind,
    ServiceMode,
)
from motcua.catalog.inputs import procedure_input_data
from motcua.catalog.templatefiles import ACCEPT
from motcua.core.errors import DomainError
from motcua.desk.calendar_forms import UNIT_CHOICES
from motcua.desk.forms import date_field, set_choices

STATUS_FILTERS = [
    ("", _("All procedures")),
    ("draft", _("Has a draft")),
    ("review", _("Needs review")),
    ("published", _("Published")),
    ("none", _("No version")),
]
ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.APPLICANT]
ANY_CHANNEL = [("", _("— every channel —"))]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def map_part_error(
    error: DomainError, forms_by_index: dict[int, forms.Form], kind: str
) -> list[str]:
    """Put the details of a parts error onto the rows they name; returns what fits no row.

    ``kind.<i>.<field>`` goes to field ``<field>`` of the i-th submitted row, ``kind.<i>`` to the
    row's top, anything else (``kind``, ``status``) is returned for the top of the section.
    """
    if not error.details:
        return [str(error.message)]
    leftover: list[str] = []
    for path, messages in error.details.items():
        parts = path.split(".")
        form = None
        if len(parts) >= 2 and parts[0] == kind and parts[1].isdigit():
            form = forms_by_index.get(int(parts[1]))
        for message in messages:
            if form is None:
                leftover.append(message)
                continue
            name = parts[2] if len(parts) > 2 else None
            name = getattr(form, "renamed", {}).get(name, name)
            form.add_error(name if name in form.fields else None, message)
    return leftover


def apply_prefixed_error(form: forms.Form, error: DomainError) -> None:
    """Like ``forms.apply_domain_error``, but ``results.0.code`` lands on field ``results``."""
    if not error.details:
        form.add_error(None, str(error.message))
        return
    for path, messages in error.details.items():
        name = path.split(".")[0]
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


# -- procedures ------------------------------------------------------------------------------


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Code or name"),
        required=False,
        max_length=200,
        help_text=_("With or without diacritics."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)


class ProcedureForm(forms.Form):
    """Every field of ``inputs.ProcedureIn``: an update replaces all of them."""

    code = forms.CharField(
        label=_("National code"), max_length=20, help_text=_("For example 1.002755.")
    )
    name_vi = forms.CharField(
        label=_("Name (Vietnamese)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    name_en = forms.CharField(
        label=_("Name (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_code = forms.ChoiceField(label=_("Field (sector)"), required=False)
    level_codes = forms.MultipleChoiceField(
        label=_("Implementing levels"), required=False, widget=forms.CheckboxSelectMultiple
    )
    levels_text = forms.CharField(
        label=_("Implementing levels (source text)"), max_length=255, required=False
    )
    competent_agency_kinds = forms.MultipleChoiceField(
        label=_("Competent agency kinds"),
        choices=AgencyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    competent_authority_text = forms.CharField(
        label=_("Competent authority (text)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    implementing_agencies_text = forms.CharField(
        label=_("Implementing agencies (text)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    applicant_types = forms.CharField(
        label=_("Applicant types"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: the name, then | and the result code, e.g. "
            "Giấy khai sinh | KQ.G17.000001."
        ),
    )
    issuing_ministry = forms.CharField(label=_("Issuing ministry"), max_length=255, required=False)
    source_url = forms.URLField(
        label=_("Source URL"), max_length=500, required=False, assume_scheme="https"
    )
    needs_review = forms.BooleanField(label=_("Needs review"), required=False)
    review_notes = forms.CharField(
        label=_("Review notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        fields: Iterable[Any] = (),
        levels: Iterable[Any] = (),
        edit: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "field_code",
            [("", _("— none —")), *((f.code, f"{f.name_vi} ({f.code})") for f in fields)],
        )
        set_choices(self, "level_codes", [(lv.code, lv.name_vi) for lv in levels])
        if edit:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("The national code of a procedure cannot change.")

    @staticmethod
    def initial_for(procedure: Any) -> dict[str, Any]:
        data = procedure_input_data(procedure)
        return {
            **data,
            "code": procedure.code,
            # The form edits lists as text, one item per line ("name | code" for results).
            "applicant_types": "\n".join(data["applicant_types"]),
            "results": "\n".join(
                f"{r['name']} | {r['code']}" if r["code"] else r["name"] for r in data["results"]
            ),
        }

    def data_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["applicant_types"] = _lines(data["applicant_types"])
        results = []
        for line in _lines(data["results"]):
            name, _sep, code = line.rpartition("|") if "|" in line else (line, "", "")
            results.append({"name": name.strip(), "code": code.strip()})
        data["results"] = results
        return data


# -- versions --------------------------------------------------------------------------------

VERSION_TEXT = {"rows": 4}


class VersionForm(forms.Form):
    """The settings of a draft (``inputs.VersionIn``); the e-form is edited as JSON."""

    effective_from = date_field(_("Effective from"), required=False)
    effective_to = date_field(
        _("Effective to"), required=False, help_text=_("Leave empty for an open-ended version.")
    )
    service_mode = forms.ChoiceField(
        label=_("Service mode"),
        required=False,
        choices=[("", _("— not set —")), *ServiceMode.choices],
    )
    partial_online_reason = forms.CharField(
        label=_("Legal reason for partial online"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a partial-online service (Decree 224/2026 Art 14)."),
    )
    paper_result_required = forms.BooleanField(label=_("Paper result required"), required=False)
    inter_agency = forms.BooleanField(label=_("Inter-agency (liên thông)"), required=False)
    financial_obligation = forms.BooleanField(
        label=_("Financial obligation (NVTC)"), required=False
    )
    decision_number = forms.CharField(
        label=_("Publication decision number"), max_length=100, required=False
    )
    decision_date = date_field(_("Publication decision date"), required=False)
    requirements_text = forms.CharField(
        label=_("Conditions (text)"), required=False, widget=forms.Textarea(attrs=VERSION_TEXT)
    )
    steps_text = forms.CharField(
        label=_("Sequence of steps (text)"),
        required=False,
        widget=forms.Textarea(attrs=VERSION_TEXT),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    eform = forms.CharField(
        label=_("E-form definition (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "code-input", "spellcheck": "false"}),
        help_text=_(
            'For example {"fields": [{"name": "full_name", "label_vi": "Họ và tên", '
            '"type": "text", "required": true}]}. Leave empty for no e-form.'
        ),
    )

    @staticmethod
    def initial_for(version: Any) -> dict[str, Any]:
        initial = {name: getattr(version, name) for name in VersionForm.base_fields}
        initial["eform"] = (
            json.dumps(version.eform, ensure_ascii=False, indent=2) if version.eform else ""
        )
        return initial

    def clean_eform(self) -> dict[str, Any]:
        text = self.cleaned_data["eform"].strip()
        if not text:
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s: %(error)s)."),
                params={"line": exc.lineno, "column": exc.colno, "error": exc.msg},
            ) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_('Give a JSON object such as {"fields": []}.'))
        return value

    def data_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["service_mode"] = data["service_mode"] or None
        return data


class RetireForm(forms.Form):
    last_day = date_field(
        _("Last day in force"),
        help_text=_("The version stays valid up to and including this day."),
    )


# -- parts of a draft ------------------------------------------------------------------------


class PartForm(forms.Form):
    """One row of a part kind. Blank choices become None, as ``catalog.inputs`` expects."""

    none_if_blank: tuple[str, ...] = ()
    default_if_blank: tuple[str, ...] = ()  # left out, so that the input's default applies
    # Input name → form field name, where a form attribute would clash (Form.template_name).
    renamed: dict[str, str] = {}

    def __init__(
        self,
        *args: Any,
        cases: Iterable[tuple[str, str]] = (),
        agencies: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if "case_key" in self.fields:
            set_choices(self, "case_key", [("", _("— every case —")), *cases])
        if "agency_identifier" in self.fields:
            set_choices(self, "agency_identifier", [("", _("— not fixed —")), *agencies])

    def item(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}
        for name in self.none_if_blank:
            if data.get(name) in ("", None):
                data[name] = None
        for name in self.default_if_blank:
            if data.get(name) in ("", None):
                data.pop(name, None)
        for service_name, form_name in self.renamed.items():
            data[service_name] = data.pop(form_name)
        return data


def _text(label: Any, *, required: bool = True, rows: int = 0, **kw: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, widget=widget, **kw)


def _hidden() -> forms.CharField:
    """A source value kept as is, so that saving a row does not drop it."""
    return forms.CharField(required=False, widget=forms.HiddenInput)


class LegalBasisForm(PartForm):
    number = _text(_("Document number"), required=False, max_length=100)
    title = _text(_("Title"), rows=2)


class CaseForm(PartForm):
    key = _text(
        _("Key"),
        max_length=50,
        help_text=_("Lower-case letters, digits, - and _, e.g. standard."),
    )
    name_vi = _text(_("Name (Vietnamese)"), rows=2)
    name_en = _text(_("Name (English)"), required=False, rows=2)


class DocumentForm(PartForm):
    none_if_blank = ("originals", "copies", "id")
    renamed = {"template_name": "template_label"}

    name = _text(_("Name"), rows=2)
    code = _text(_("Component code"), required=False, max_length=60)
    case_key = forms.ChoiceField(label=_("Case"), required=False)
    originals = forms.IntegerField(label=_("Originals"), required=False)
    copies = forms.IntegerField(label=_("Copies"), required=False)
    requirement = forms.ChoiceField(
        label=_("Requirement"),
        choices=DocumentRequirement.choices,
        initial=DocumentRequirement.MANDATORY,
    )
    template_label = _text(_("Template form name"), required=False, max_length=255)
    reusable = forms.BooleanField(label=_("Reusable from the personal data store"), required=False)
    needs_review = forms.BooleanField(label=_("Needs review"), required=False)
    group = _hidden()
    quantity_raw = _hidden()
    # The saved row this one edits: it keeps its template file (uploaded separately).
    id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class TemplateUploadForm(forms.Form):
    """The form template of one document of a draft (checked by ``document_template_set``)."""

    template_file = forms.FileField(
        label=_("Template file"),
        allow_empty_file=True,  # the service says why an empty file is refused
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class FeeForm(PartForm):
    none_if_blank = ("amount_vnd", "channel")

    name = _text(_("Name"), rows=2)
    kind = forms.ChoiceField(label=_("Kind"), choices=FeeKind.choices, initial=FeeKind.FEE)
    amount_vnd = forms.IntegerField(label=_("Amount (VND)"), required=False)
    schedule_text = _text(
        _("Per schedule"),
        required=False,
        rows=2,
        help_text=_("When the amount follows a schedule instead."),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[*ANY_CHANNEL, *Channel.choices]
    )
    collected_at = forms.ChoiceField(
        label=_("Collected"), choices=FeeCollectedAt.choices, initial=FeeCollectedAt.RECEIPT
    )
    needs_review = forms.BooleanField(label=_("Needs review"), required=False)
    raw = _hidden()


class TimeLimitForm(PartForm):
    none_if_blank = ("amount", "unit")

    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    case_key = forms.ChoiceField(label=_("Case"), required=False)
    amount = forms.DecimalField(label=_("Amount"), required=False, max_digits=12)
    unit = forms.ChoiceField(
        label=_("Unit"), required=False, choices=[("", _("— unknown —")), *UNIT_CHOICES]
    )
    needs_review = forms.BooleanField(label=_("Needs review"), required=False)
    raw = _hidden()


class StepForm(PartForm):
    default_if_blank = ("branch",)

    order = forms.IntegerField(label=_("Order"))
    parallel_group = _text(
        _("Parallel group"),
        required=False,
        max_length=30,
        help_text=_("Steps with the same group run in parallel branches."),
    )
    branch = forms.IntegerField(label=_("Branch"), initial=1, required=False)
    name_vi = _text(_("Name (Vietnamese)"), max_length=255)
    name_en = _text(_("Name (English)"), required=False, max_length=255)
    performer = forms.ChoiceField(
        label=_("Performer"), choices=PerformerKind.choices, initial=PerformerKind.COMPETENT_AGENCY
    )
    agency_identifier = forms.ChoiceField(
        label=_("Fixed agency"),
        required=False,
        help_text=_("Only when the performer is a fixed agency."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.HANDLER)
    norm_amount = forms.DecimalField(label=_("Norm"), max_digits=12)
    norm_unit = forms.ChoiceField(
        label=_("Norm unit"), choices=UNIT_CHOICES, initial=UNIT_CHOICES[0][0]
    )


PART_FORMS: dict[str, type[PartForm]] = {
    "legal_bases": LegalBasisForm,
    "cases": CaseForm,
    "documents": DocumentForm,
    "fees": FeeForm,
    "time_limits": TimeLimitForm,
    "steps": StepForm,
}
PART_TITLES = {
    "legal_bases": _("Legal bases"),
    "cases": _("Cases"),
    "documents": _("Required documents"),
    "fees": _("Fees and charges"),
    "time_limits": _("Time limits"),
    "steps": _("Process steps"),
}


def part_formset_class(kind: str) -> Any:
    return formset_factory(
        PART_FORMS[kind], extra=1, can_delete=True, can_delete_extra=False, max_num=200
    )


def part_initial(kind: str, row: Any) -> dict[str, Any]:
    """The form values of an existing row (model instance) of ``kind``."""
    form_class = PART_FORMS[kind]
    own = {v: k for k, v in form_class.renamed.items()}
    names = [n for n in form_class.base_fields if n not in ("case_key", "agency_identifier")]
    initial = {name: getattr(row, own.get(name, name)) for name in names}
    if "case_key" in PART_FORMS[kind].base_fields:
        initial["case_key"] = row.case.key if row.case_id else ""
    if kind == "steps":
        initial["agency_identifier"] = row.agency.identifier if row.agency_id else ""
    for name in ("amount", "norm_amount"):
        if initial.get(name) is not None:
            initial[name] = initial[name].normalize()
    return initial


def formset_items(formset: Any) -> tuple[list[dict[str, Any]], dict[int, forms.Form]]:
    """The rows to save (in order, without deleted or untouched blank rows) and, per item
    index, the form it came from (to put the service's errors back on it)."""
    items: list[dict[str, Any]] = []
    by_index: dict[int, forms.Form] = {}
    for form in formset.forms:
        if not form.has_changed() and form not in formset.initial_forms:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        by_index[len(items)] = form
        items.append(form.item())
    return items, by_index
