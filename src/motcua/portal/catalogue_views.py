# SPDX-License-Identifier: AGPL-3.0-or-later
"""The public procedure catalogue: search, detail (any day with ``?at=``), statistics, exports.

Legal basis: Decree 118/2025/NĐ-CP (publish every TTHC with its papers, fees, time limits and
process); Decree 224/2026/NĐ-CP Art 14 (full/partial online with the legal reason), Art 19(2)
(share of full-online services). Only published versions in force are shown; values the
catalogue flags for review are shown as "to be confirmed", never as facts.
Reads go through ``motcua.catalog.selectors``, ``motcua.catalog.export`` and
``motcua.catalog.templatefiles`` (form templates, served by a view: the media storage is private).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.agencies.models import AgencyKind, Role
from motcua.catalog import templatefiles
from motcua.catalog.constants import (
    Channel,
    DocumentRequirement,
    EformFieldType,
    FeeCollectedAt,
    FeeKind,
    PerformerKind,
    ServiceMode,
    VersionStatus,
)
from motcua.catalog.export import catalogue_export_json, catalogue_export_xlsx
from motcua.catalog.models import Procedure, ProcedureVersion, ProcessStep, TimeLimit
from motcua.catalog.selectors import (
    catalogue_statistics,
    procedure_get,
    procedure_version_in_force,
    version_in_force_q,
    version_list,
)
from motcua.catalog.selectors import procedure_list as select_procedures
from motcua.core import clock
from motcua.portal.forms import ProcedureFilterForm, VersionDateForm
from motcua.portal.views import HtmxHttpRequest

PROCEDURES_PER_PAGE = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PUBLIC_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.RETIRED)


# --- Wording ---------------------------------------------------------------------------------


def _english() -> bool:
    return get_language() == "en"


def _name(obj: Any, vi: str = "name_vi", en: str = "name_en") -> str:
    """The English name when the page is in English and one exists, else the Vietnamese one."""
    english = getattr(obj, en, "") if _english() else ""
    return str(english or getattr(obj, vi, ""))


def vnd(amount: int) -> str:
    """2000 -> "2.000 đ" (Vietnamese thousands separator, whatever the page language)."""
    return f"{amount:,}".replace(",", ".") + " đ"


def number_text(amount: Decimal) -> str:
    """Decimal("1.50") -> "1.5" (English) or "1,5" (Vietnamese)."""
    text = f"{Decimal(amount).normalize():f}"
    return text if _english() else text.replace(".", ",")


def duration_text(amount: Decimal, unit: str) -> str:
    """An amount of a deadline-engine unit in words, e.g. "3 working days"."""
    n = number_text(amount)
    count = 1 if Decimal(amount) == 1 else 2
    if unit == "working_hour":
        text = ngettext("%(n)s working hour", "%(n)s working hours", count)
    elif unit == "working_day":
        text = ngettext("%(n)s working day", "%(n)s working days", count)
    elif unit == "calendar_day":
        text = ngettext("%(n)s calendar day", "%(n)s calendar days", count)
    elif unit == "month":
        text = ngettext("%(n)s month", "%(n)s months", count)
    else:
        return n
    return text % {"n": n}


@dataclass
class LimitView:
    channel: str
    channel_label: str
    case: str
    text: str
    source: str
    to_confirm: bool
    # The text already says the unit is to be confirmed (no badge needed).
    unit_missing: bool = False


def limit_view(limit: TimeLimit, cases: dict[int, str]) -> LimitView:
    """A time limit in words; an unknown unit keeps the number and the published text, marked
    to be confirmed (the catalogue never guesses working or calendar days)."""
    if limit.amount is not None and limit.unit:
        text = duration_text(limit.amount, limit.unit)
    elif limit.amount is not None:
        text = _("%(n)s (unit to be confirmed)") % {"n": number_text(limit.amount)}
    else:
        text = ""
    return LimitView(
        channel=limit.channel,
        channel_label=str(Channel(limit.channel).label),
        case=cases.get(limit.case_id, "") if limit.case_id else "",
        text=text,
        source=limit.raw,
        to_confirm=limit.needs_review or not limit.unit or limit.amount is None,
        unit_missing=limit.amount is not None and not limit.unit,
    )


def limits_summary(limits: Iterable[LimitView]) -> str:
    """One line for a result row: the common limit, the limits of the cases, or one per channel
    when the channels differ."""
    rows = list(limits)
    if not rows:
        return ""
    to_confirm = _("to be confirmed")

    def one(row: LimitView) -> str:
        if not row.text:
            return to_confirm
        return f"{row.text} ({to_confirm})" if row.to_confirm and not row.unit_missing else row.text

    texts = [one(r) for r in rows]
    unique = list(dict.fromkeys(texts))
    if len(unique) == 1:
        return unique[0]
    if any(r.case for r in rows):
        return _("%(limits)s, depending on the case") % {"limits": " / ".join(unique)}
    return "; ".join(f"{r.channel_label}: {t}" for r, t in zip(rows, texts, strict=True))


def mode_badge(mode: str) -> tuple[str, str]:
    """(label, css class) of a service mode badge."""
    if mode == ServiceMode.FULL_ONLINE:
        return str(ServiceMode.FULL_ONLINE.label), "badge-ok"
    if mode == ServiceMode.PARTIAL_ONLINE:
        return str(ServiceMode.PARTIAL_ONLINE.label), "badge-info"
    return _("Online level not stated"), "badge-muted"


def _levels(procedure: Procedure) -> str:
    names = [_name(lv) for lv in procedure.levels.all()]
    return ", ".join(names) or procedure.levels_text


def _parse_day(value: str | None) -> tuple[dt.date | None, VersionDateForm]:
    form = VersionDateForm({"at": value} if value else None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["at"], form
    return None, form


# --- List ------------------------------------------------------------------------------------


@dataclass
class ProcedureRow:
    code: str
    name: str
    field: str
    levels: str
    mode_label: str
    mode_class: str
    limits: str


def _with_version_in_force(qs: QuerySet[Procedure], day: dt.date) -> QuerySet[Procedure]:
    versions = ProcedureVersion.objects.filter(version_in_force_q(day)).prefetch_related(
        "time_limits", "cases"
    )
    return qs.prefetch_related(
        "levels", Prefetch("versions", queryset=versions, to_attr="in_force")
    )


def _row(procedure: Procedure) -> ProcedureRow:
    in_force: list[ProcedureVersion] = getattr(procedure, "in_force", [])
    version = in_force[0] if in_force else None
    label, css = mode_badge(version.service_mode if version else "")
    limits = []
    if version is not None:
        cases = {c.pk: c.key for c in version.cases.all()}
        limits = [limit_view(t, cases) for t in version.time_limits.all()]
    return ProcedureRow(
        code=procedure.code,
        name=_name(procedure),
        field=_name(procedure.field) if procedure.field else "",
        levels=_levels(procedure),
        mode_label=label,
        mode_class=css,
        limits=limits_summary(limits),
    )


@require_safe
def procedure_list(request: HtmxHttpRequest) -> HttpResponse:
    """Published procedures in force today, searched without accents and filtered; htmx swaps
    only the results. The live search waits for two typed characters: the input's
    ``minlength`` makes htmx skip the request (it validates the form) without any script."""
    form = ProcedureFilterForm(request.GET or None)
    q = request.GET.get("q", "").strip()
    context: dict[str, Any] = {"form": form, "page": None, "rows": []}
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        today = clock.today()
        qs = select_procedures(
            q=data.get("q", ""),
            field=data.get("field", ""),
            level=data.get("level", ""),
            agency_kind=data.get("agency_kind", ""),
            service_mode=data.get("service_mode", ""),
            published_only=True,
            on=today,
        )
        page = Paginator(_with_version_in_force(qs, today), PROCEDURES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(page=page, rows=[_row(p) for p in page], today=today, query=q)
    template = "portal/_procedure_results.html" if request.htmx else "portal/procedure_list.html"
    return render(request, template, context)


# --- Detail ----------------------------------------------------------------------------------


@dataclass
class DocumentView:
    name: str
    group: str
    originals: int | None
    copies: int | None
    quantity_source: str
    requirement: str
    requirement_class: str
    reusable: bool
    template_url: str
    template_name: str
    to_confirm: bool


@dataclass
class DocumentGroup:
    title: str
    documents: list[DocumentView] = field(default_factory=list)


@dataclass
class FeeView:
    name: str
    kind: str
    amount: str
    schedule: str
    channel: str
    collected: str
    source: str
    to_confirm: bool


@dataclass
class StepView:
    order: int
    name: str
    performer: str
    role: str
    norm: str


@dataclass
class StepBlock:
    """One sequential step, or a parallel group of branches (each a list of steps)."""

    step: StepView | None = None
    group: str = ""
    branches: list[list[StepView]] = field(default_factory=list)


@dataclass
class EformFieldView:
    label: str
    kind: str
    required: bool
    details: str


_REQUIREMENT_CLASS = {
    DocumentRequirement.MANDATORY: "badge-danger",
    DocumentRequirement.SHOW_ONLY: "badge-info",
    DocumentRequirement.OPTIONAL: "badge-muted",
}


def _template_url(code: str, document_id: int) -> str:
    return reverse("portal:procedure_template", kwargs={"code": code, "document_id": document_id})


def _documents(version: ProcedureVersion) -> list[DocumentGroup]:
    """Documents of every case first, then one group per case (only when there are cases)."""
    cases = list(version.cases.all())
    code = version.procedure.code
    groups: dict[int | None, DocumentGroup] = {
        None: DocumentGroup(_("Documents for every case") if cases else "")
    }
    for case in cases:
        groups[case.pk] = DocumentGroup(
            _("Case: %(case)s") % {"case": _name(case)},
        )
    for doc in version.documents.all():
        requirement = DocumentRequirement(doc.requirement)
        groups.get(doc.case_id, groups[None]).documents.append(
            DocumentView(
                name=doc.name,
                group=doc.group,
                originals=doc.originals,
                copies=doc.copies,
                quantity_source=doc.quantity_raw
                if doc.originals is None and doc.copies is None
                else "",
                requirement=str(requirement.label),
                requirement_class=_REQUIREMENT_CLASS[requirement],
                reusable=doc.reusable,
                template_url=_template_url(code, doc.pk) if doc.template_file else "",
                template_name=doc.template_name,
                to_confirm=doc.needs_review,
            )
        )
    return [g for g in groups.values() if g.documents]


def _fees(version: ProcedureVersion) -> list[FeeView]:
    rows = []
    for fee in version.fees.all():
        if fee.amount_vnd is None:
            amount = ""
        elif fee.amount_vnd == 0:
            amount = _("Free of charge")
        else:
            amount = vnd(fee.amount_vnd)
        rows.append(
            FeeView(
                name=fee.name,
                kind=str(FeeKind(fee.kind).label),
                amount=amount,
                schedule=fee.schedule_text,
                channel=str(Channel(fee.channel).label) if fee.channel else _("Every channel"),
                collected=str(FeeCollectedAt(fee.collected_at).label),
                source=fee.raw if fee.needs_review else "",
                to_confirm=fee.needs_review,
            )
        )
    return rows


def _step_view(step: ProcessStep) -> StepView:
    if step.performer == PerformerKind.FIXED_AGENCY and step.agency is not None:
        performer = _name(step.agency)
    else:
        performer = str(PerformerKind(step.performer).label)
    return StepView(
        order=step.order,
        name=_name(step),
        performer=performer,
        role=str(Role(step.role).label),
        norm=duration_text(step.norm_amount, step.norm_unit),
    )


def step_blocks(steps: Iterable[ProcessStep]) -> list[StepBlock]:
    """Steps in order; consecutive steps of one parallel group become one block of branches."""
    blocks: list[StepBlock] = []
    branches: dict[int, list[StepView]] = {}
    for step in steps:
        view = _step_view(step)
        if not step.parallel_group:
            blocks.append(StepBlock(step=view))
            continue
        if not blocks or blocks[-1].group != step.parallel_group:
            branches = {}
            blocks.append(StepBlock(group=step.parallel_group))
        branches.setdefault(step.branch, []).append(view)
        blocks[-1].branches = [branches[b] for b in sorted(branches)]
    return blocks


def _eform_details(spec: dict[str, Any]) -> str:
    parts = []
    if spec.get("max_length"):
        parts.append(_("at most %(n)s characters") % {"n": spec["max_length"]})
    if spec.get("min") is not None:
        parts.append(_("from %(value)s") % {"value": spec["min"]})
    if spec.get("max") is not None:
        parts.append(_("up to %(value)s") % {"value": spec["max"]})
    choices = spec.get("choices") or []
    if choices:
        labels = [
            str((_english() and c.get("label_en")) or c.get("label_vi") or c.get("value"))
            for c in choices
            if isinstance(c, dict)
        ]
        parts.append(_("one of: %(choices)s") % {"choices": ", ".join(labels)})
    help_text = (_english() and spec.get("help_en")) or spec.get("help_vi")
    if help_text:
        parts.append(str(help_text))
    return "; ".join(parts)


def eform_fields(definition: Any) -> list[EformFieldView]:
    """The e-form definition as a description (the published definition is valid JSON)."""
    if not isinstance(definition, dict):
        return []
    rows = []
    types = dict(EformFieldType.choices)
    for spec in definition.get("fields") or []:
        if not isinstance(spec, dict):
            continue
        rows.append(
            EformFieldView(
                label=str(
                    (_english() and spec.get("label_en")) or spec.get("label_vi") or spec["name"]
                ),
                kind=str(types.get(spec.get("type", ""), spec.get("type", ""))),
                required=bool(spec.get("required")),
                details=_eform_details(spec),
            )
        )
    return rows


def _version_context(version: ProcedureVersion) -> dict[str, Any]:
    cases = {c.pk: _name(c) for c in version.cases.all()}
    limits = [limit_view(t, cases) for t in version.time_limits.all()]
    mode_label, mode_class = mode_badge(version.service_mode)
    return {
        "limits": limits,
        "channels": sorted({lim.channel_label for lim in limits}),
        "documents": _documents(version),
        "fees": _fees(version),
        "steps": step_blocks(version.steps.all()),
        "eform": eform_fields(version.eform),
        "mode_label": mode_label,
        "mode_class": mode_class,
    }


@require_safe
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Everything a citizen needs to act, as in force today or on ``?at=YYYY-MM-DD``.

    Unknown code or no published version ever → 404; a bad date → the form error and today's
    version; a date with no version in force → 404 with the list of versions.
    """
    procedure = procedure_get(code=code)
    if procedure is None:
        raise Http404(code)
    versions = list(version_list(procedure=procedure).filter(status__in=PUBLIC_STATUSES))
    if not versions:
        raise Http404(code)
    at, date_form = _parse_day(request.GET.get("at"))
    day = at or clock.today()
    version = procedure_version_in_force(code=code, on=day)
    kinds = dict(AgencyKind.choices)
    context: dict[str, Any] = {
        "procedure": procedure,
        "name": _name(procedure),
        "field_name": _name(procedure.field) if procedure.field else "",
        "levels": _levels(procedure),
        "agency_kinds": [str(kinds.get(k, k)) for k in procedure.competent_agency_kinds],
        "version": version,
        "versions": sorted(versions, key=lambda v: v.effective_from or dt.date.min),
        "day": day,
        "at": at,
        "today": clock.today(),
        "date_form": date_form,
    }
    if version is not None:
        context.update(_version_context(version))
    return render(request, "portal/procedure_detail.html", context, status=200 if version else 404)


@require_safe
def procedure_template(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    """The form template of a document of a published (or retired, still public) version, as an
    attachment with its Vietnamese name; drafts, unknown documents and missing files → 404."""
    document = templatefiles.document_with_template(code=code, document_id=document_id)
    download = templatefiles.template_open(document) if document is not None else None
    if download is None:
        raise Http404(code)
    response = FileResponse(download.file, content_type=download.content_type)
    response["Content-Disposition"] = templatefiles.attachment_disposition(download.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Statistics and exports ------------------------------------------------------------------


@require_safe
def procedure_statistics(request: HttpRequest) -> HttpResponse:
    """Procedures in force today per competent agency kind and per field, and the share that is
    fully online (Decree 224/2026 Art 19(2))."""
    stats = catalogue_statistics(on=clock.today())
    return render(request, "portal/procedure_statistics.html", {"stats": stats})


def _export_day(request: HttpRequest) -> dt.date | None:
    at, form = _parse_day(request.GET.get("at"))
    if form.is_bound and at is None:
        return None
    return at or clock.today()


def _attachment(body: bytes, content_type: str, stem: str, day: dt.date, ext: str) -> HttpResponse:
    """A download named in Vietnamese (RFC 6266 ``filename*``) with an ASCII fallback."""
    response = HttpResponse(body, content_type=content_type)
    ascii_name = f"danh-muc-tthc-{day.isoformat()}.{ext}"
    utf8_name = quote(f"{stem}-{day.isoformat()}.{ext}")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"
    )
    return response


def _bad_export_date(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/procedure_export_error.html",
        {"date_form": _parse_day(request.GET.get("at"))[1]},
        status=400,
    )


@require_safe
def procedure_export_xlsx(request: HttpRequest) -> HttpResponse:
    """The public catalogue in force today (or ``?at=``) as an Excel workbook."""
    day = _export_day(request)
    if day is None:
        return _bad_export_date(request)
    body = catalogue_export_xlsx(on=day)
    return _attachment(body, XLSX_TYPE, "danh-mục-tthc", day, "xlsx")


@require_safe
def procedure_export_json(request: HttpRequest) -> HttpResponse:
    """The public catalogue in force today (or ``?at=``) in the documented JSON format."""
    day = _export_day(request)
    if day is None:
        return _bad_export_date(request)
    body = catalogue_export_json(on=day)
    return _attachment(body, "application/json; charset=utf-8", "danh-mục-tthc", day, "json")
