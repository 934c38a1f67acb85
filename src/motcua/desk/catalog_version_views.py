# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk version editor: a draft's settings and parts, validation, publication, retirement.

Legal basis: docs/DOMAIN.md rule 2 (a dossier keeps the version in force when it was received):
published versions are read-only here and in the services; a change is a new draft. Each part kind
is one form (a Django formset) posted to ``version_parts_set``; the service's errors
``<kind>.<index>.<field>`` come back on the row and field they name. Nothing here is a 500: every
``DomainError`` becomes a field error or a message.

Form templates are uploaded one document at a time (a multipart form per row, beside the
documents formset, since forms cannot nest) to ``document_template_set``; editors download them
here whatever the version's status, citizens through the portal (published versions only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.agencies.selectors import agency_list
from motcua.catalog import templatefiles
from motcua.catalog.selectors import version_get
from motcua.catalog.services import (
    PART_KINDS,
    document_template_clear,
    document_template_set,
    version_parts_set,
    version_publish,
    version_retire,
    version_update,
    version_validate,
)
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.desk.catalog_forms import (
    PART_TITLES,
    RetireForm,
    TemplateUploadForm,
    VersionForm,
    formset_items,
    map_part_error,
    part_formset_class,
    part_initial,
)
from motcua.desk.catalog_views import (
    HISTORY_LIMIT,
    catalogue_editor_required,
    history_rows,
)
from motcua.desk.forms import agency_choices

PART_ORDER = ("legal_bases", "cases", "documents", "fees", "time_limits", "steps")


def _version_or_404(code: str, number: int) -> Any:
    version = version_get(code=code, number=number)
    if version is None:
        raise Http404
    return version


def _editor_url(version: Any, anchor: str = "") -> str:
    url = reverse(
        "desk:catalog_version", kwargs={"code": version.procedure.code, "number": version.number}
    )
    return f"{url}{anchor}"


def _part_rows(version: Any, kind: str) -> list[Any]:
    related = {"legal_bases": "legal_bases"}.get(kind, kind)
    rows = getattr(version, related).all()
    if kind in ("documents", "time_limits"):
        rows = rows.select_related("case")
    return list(rows)


def _formset(version: Any, kind: str, data: Any = None) -> Any:
    cases = [(c.key, c.name_vi) for c in version.cases.all()]
    agencies = agency_choices(agency_list(valid_on=clock.today()))
    initial = [part_initial(kind, row) for row in _part_rows(version, kind)]
    formset = part_formset_class(kind)(
        data,
        prefix=kind,
        initial=initial,
        form_kwargs={"cases": cases, "agencies": agencies},
    )
    formset.kind = kind
    formset.title = PART_TITLES[kind]
    formset.section_errors = []
    return formset


@dataclass
class TemplateRow:
    """One document of the version with its form template, and the errors of its upload."""

    document: Any
    filename: str
    errors: list[str] = field(default_factory=list)


def _template_rows(version: Any, errors: dict[int, list[str]] | None = None) -> list[TemplateRow]:
    errors = errors or {}
    return [
        TemplateRow(d, templatefiles.filename_of(d), errors.get(d.pk, []))
        for d in version.documents.all()
    ]


def _refuse_if_published(request: HttpRequest, version: Any) -> HttpResponse | None:
    if version.status == "draft":
        return None
    messages.error(request, _("Published versions cannot change; create a new draft."))
    return redirect(_editor_url(version))


def _render(
    request: HttpRequest,
    version: Any,
    *,
    settings_form: VersionForm | None = None,
    bound: Any = None,
    problems: list[Any] | None = None,
    template_errors: dict[int, list[str]] | None = None,
) -> HttpResponse:
    editable = version.status == "draft"
    context: dict[str, Any] = {
        "procedure": version.procedure,
        "version": version,
        "editable": editable,
        "problems": problems,
        "template_rows": _template_rows(version, template_errors),
        "template_accept": templatefiles.ACCEPT,
        "template_max_bytes": templatefiles.max_bytes(),
        "history": history_rows(version.history.select_related("history_user")[:HISTORY_LIMIT]),
    }
    if editable:
        context["settings_form"] = settings_form or VersionForm(
            initial=VersionForm.initial_for(version)
        )
        context["formsets"] = [
            bound if bound is not None and bound.kind == kind else _formset(version, kind)
            for kind in PART_ORDER
        ]
    else:
        context["retire_form"] = RetireForm(initial={"last_day": clock.today()})
    return render(request, "desk/catalog_version.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@catalogue_editor_required
def version_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """GET: the editor (``?check=1`` lists what stops publication). POST: save the settings."""
    version = _version_or_404(code, number)
    problems = version_validate(version=version) if request.GET.get("check") else None
    if request.method != "POST":
        return _render(request, version, problems=problems)
    if refused := _refuse_if_published(request, version):
        return refused
    form = VersionForm(request.POST, initial=VersionForm.initial_for(version))
    if form.is_valid():
        try:
            version_update(actor=request.user, version=version, data=form.data_for_service())
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Version settings saved."))
            return redirect(_editor_url(version, "#settings"))
    return _render(request, version, settings_form=form)


@require_POST
@catalogue_editor_required
def version_parts_view(request: HttpRequest, code: str, number: int, kind: str) -> HttpResponse:
    """Save one kind of part (all rows of the formset at once)."""
    if kind not in PART_KINDS:
        raise Http404
    version = _version_or_404(code, number)
    if refused := _refuse_if_published(request, version):
        return refused
    formset = _formset(version, kind, request.POST)
    if formset.is_valid():
        items, by_index = formset_items(formset)
        try:
            version_parts_set(actor=request.user, version=version, kind=kind, items=items)
        except DomainError as exc:
            formset.section_errors = map_part_error(exc, by_index, kind)
        else:
            messages.success(request, _("%(part)s saved.") % {"part": formset.title})
            return redirect(_editor_url(version, f"#part-{kind}"))
    return _render(request, version, bound=formset)


@require_http_methods(["GET", "HEAD", "POST"])
@catalogue_editor_required
def version_publish_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """A confirmation page (with the remaining problems), then ``version_publish``."""
    version = _version_or_404(code, number)
    if version.status != "draft":
        messages.error(request, _("Only a draft can be published."))
        return redirect(_editor_url(version))
    errors: list[str] = []
    if request.method == "POST":
        try:
            version_publish(actor=request.user, version=version)
        except DomainError as exc:
            errors = [m for ms in exc.details.values() for m in ms] or [str(exc.message)]
        else:
            messages.success(request, _("Version %(n)s published.") % {"n": version.number})
            return redirect(_editor_url(version))
    problems = version_validate(version=version)
    return render(
        request,
        "desk/catalog_publish.html",
        {
            "procedure": version.procedure,
            "version": version,
            "problems": problems,
            "errors": errors,
        },
    )


@require_POST
@catalogue_editor_required
def version_retire_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = _version_or_404(code, number)
    form = RetireForm(request.POST)
    if form.is_valid():
        try:
            version_retire(
                actor=request.user, version=version, last_day=form.cleaned_data["last_day"]
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Version %(n)s retired.") % {"n": version.number})
            return redirect(_editor_url(version))
    for error in [*form.errors.get("last_day", []), *form.non_field_errors()]:
        messages.error(request, str(error))
    return redirect(_editor_url(version, "#retire"))


def _document_or_404(version: Any, document_id: int) -> Any:
    document = version.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


def template_response(download: templatefiles.TemplateDownload) -> FileResponse:
    """The template as an attachment with its Vietnamese name (and an ASCII fallback)."""
    response = FileResponse(download.file, content_type=download.content_type)
    response["Content-Disposition"] = templatefiles.attachment_disposition(download.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@catalogue_editor_required
def document_template_view(
    request: HttpRequest, code: str, number: int, document_id: int
) -> HttpResponse:
    """GET: download the template (any status). POST (multipart): upload or replace it."""
    version = _version_or_404(code, number)
    document = _document_or_404(version, document_id)
    anchor = f"#template-{document.pk}"
    if request.method != "POST":
        download = templatefiles.template_open(document)
        if download is None:
            raise Http404
        # A streaming response; ``catalogue_editor_required`` is typed for plain responses.
        return cast(HttpResponse, template_response(download))
    if refused := _refuse_if_published(request, version):
        return refused
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_template_set(
                actor=request.user,
                document_id=document.pk,
                upload=form.cleaned_data["template_file"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Form template saved."))
            return redirect(_editor_url(version, anchor))
    errors = [str(e) for e in [*form.errors.get("template_file", []), *form.non_field_errors()]]
    return _render(request, version, template_errors={document.pk: errors})


@require_POST
@catalogue_editor_required
def document_template_remove_view(
    request: HttpRequest, code: str, number: int, document_id: int
) -> HttpResponse:
    version = _version_or_404(code, number)
    document = _document_or_404(version, document_id)
    if refused := _refuse_if_published(request, version):
        return refused
    try:
        document_template_clear(actor=request.user, document_id=document.pk)
    except DomainError as exc:
        errors = [m for ms in exc.details.values() for m in ms] or [str(exc.message)]
        return _render(request, version, template_errors={document.pk: errors})
    messages.success(request, _("Form template removed."))
    return redirect(_editor_url(version, f"#template-{document.pk}"))
