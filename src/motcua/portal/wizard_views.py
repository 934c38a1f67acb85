# SPDX-License-Identifier: AGPL-3.0-or-later
"""The online submission wizard: case → e-form → papers → review → submit → confirmation.

Legal basis: Decree 61/2018/NĐ-CP Art 16(3) (online channel), Art 15 (missing papers listed once);
Decree 45/2020/NĐ-CP Art 9 (preparing and saving an electronic dossier), Art 16 (reusing papers
from the personal data store). Views stay thin: every write is a ``dossiers.services.drafts``
call; drafts are saved at every step and can be resumed from "My dossiers".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.accounts.datastore_selectors import paper_list
from motcua.catalog.constants import DocumentRequirement
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.dossiers.draft_selectors import draft_get
from motcua.dossiers.models import SubmissionDraft
from motcua.dossiers.services import drafts as svc
from motcua.dossiers.services.documents import MAX_BYTES_DEFAULT
from motcua.dossiers.services.pinned import parts_of
from motcua.portal.citizen_forms import ChoicesForm, PickPaperForm, UploadForm
from motcua.portal.eform_forms import EformForm

STEPS = ("choices", "form", "papers", "review")


def _draft(request: HttpRequest, pk: int) -> SubmissionDraft:
    found = draft_get(owner=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _ctx(draft: SubmissionDraft, step: str, **extra: Any) -> dict[str, Any]:
    version = draft.procedure_version
    return {
        "draft": draft,
        "procedure": version.procedure,
        "step": step,
        "steps": STEPS,
        "has_eform": bool(version.eform and version.eform.get("fields")),
        **extra,
    }


def _components(draft: SubmissionDraft) -> list[Any]:
    return [
        d
        for d in parts_of(draft.procedure_version).documents
        if d.requirement != DocumentRequirement.SHOW_ONLY
        and (d.case_id is None or d.case_id == draft.case_id)
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit_start(request: HttpRequest, code: str) -> HttpResponse:
    """GET explains what is needed; POST opens a draft of the version in force today."""
    version = procedure_version_in_force(code=code, on=clock.today())
    if version is None:
        raise Http404(code)
    if request.method == "POST":
        try:
            draft = svc.draft_start(owner=request.user, procedure_version=version)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            return redirect("portal:draft_choices", pk=draft.pk)
    return render(
        request,
        "portal/wizard/start.html",
        {
            "procedure": version.procedure,
            "version": version,
            "documents": parts_of(version).documents,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_choices(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.dossier_id:
        return redirect("portal:draft_done", pk=draft.pk)
    cases = list(draft.procedure_version.cases.all())
    initial = {"case": draft.case_id, "receiving_agency": draft.receiving_agency_id}
    form = ChoicesForm(request.POST or None, initial=initial, cases=cases)
    if request.method == "POST" and form.is_valid():
        try:
            svc.draft_set_choices(
                owner=request.user,
                draft=draft.pk,
                case_id=form.cleaned_data.get("case"),
                receiving_agency=form.cleaned_data["receiving_agency"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            nxt = "portal:draft_form" if _ctx(draft, "")["has_eform"] else "portal:draft_papers"
            return redirect(nxt, pk=draft.pk)
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, "portal/wizard/choices.html", _ctx(draft, "choices", form=form), status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_form(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.dossier_id:
        return redirect("portal:draft_done", pk=draft.pk)
    definition = draft.procedure_version.eform or {}
    form = EformForm(
        request.POST or None,
        initial=EformForm.initial_from(draft.form_data),
        definition=definition,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            errors = svc.draft_save_form(owner=request.user, draft=draft.pk, data=form.to_data())
        except DomainError as exc:
            apply_domain_error(form, exc)
            errors = {}
        if not errors and not form.errors:
            return redirect("portal:draft_papers", pk=draft.pk)
        form.show_errors(errors)
        messages.info(request, _("Your input is saved in the draft; correct the errors below."))
    if form.is_bound and form.errors:
        status = 422
    return render(
        request, "portal/wizard/eform.html", _ctx(draft, "form", form=form), status=status
    )


def _papers_context(request: HttpRequest, draft: SubmissionDraft, **extra: Any) -> dict[str, Any]:
    attached = {f.component_id: f for f in draft.files.all()}
    rows = [{"component": c, "attached": attached.get(c.pk)} for c in _components(draft)]
    max_bytes = int(getattr(settings, "DOSSIER_MAX_FILE_BYTES", MAX_BYTES_DEFAULT))
    return _ctx(
        draft,
        "papers",
        max_bytes=max_bytes,
        max_mb=max_bytes // (1024 * 1024),
        rows=rows,
        papers=list(paper_list(owner=request.user)),
        upload_form=UploadForm(),
        **extra,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def draft_papers(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.dossier_id:
        return redirect("portal:draft_done", pk=draft.pk)
    return render(request, "portal/wizard/papers.html", _papers_context(request, draft))


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


@login_required
@require_POST
def draft_upload(request: HttpRequest, pk: int, component_id: int) -> HttpResponse:
    """One file for one paper; JSON for the script's progress bar, a page otherwise."""
    draft = _draft(request, pk)
    form = UploadForm(request.POST, request.FILES)
    errors: list[str] = []
    row = None
    if form.is_valid():
        try:
            row = svc.draft_attach_upload(
                owner=request.user,
                draft=draft.pk,
                component_id=component_id,
                file=form.cleaned_data["file"],
                keep_in_store=form.cleaned_data["keep_in_store"],
            )
        except DomainError as exc:
            errors = [m for v in exc.details.values() for m in v] or [str(exc.message)]
    else:
        errors = [str(m) for v in form.errors.values() for m in v]
    if _wants_json(request):
        if row is None:
            return JsonResponse({"ok": False, "errors": errors}, status=422)
        return JsonResponse({"ok": True, "name": row.original_name, "size": row.size})
    if row is None:
        context = _papers_context(request, draft, upload_errors={component_id: errors})
        return render(request, "portal/wizard/papers.html", context, status=422)
    messages.success(request, _("“%(name)s” is attached.") % {"name": row.original_name})
    return redirect("portal:draft_papers", pk=draft.pk)


@login_required
@require_POST
def draft_pick(request: HttpRequest, pk: int, component_id: int) -> HttpResponse:
    """Take a paper from the personal data store (flagged as reused on the dossier)."""
    draft = _draft(request, pk)
    form = PickPaperForm(request.POST)
    if form.is_valid():
        try:
            svc.draft_attach_paper(
                owner=request.user,
                draft=draft.pk,
                component_id=component_id,
                paper_id=form.cleaned_data["paper"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
    else:
        messages.error(request, _("Choose a paper from your data store."))
    return redirect("portal:draft_papers", pk=draft.pk)


@login_required
@require_POST
def draft_detach(request: HttpRequest, pk: int, component_id: int) -> HttpResponse:
    draft = _draft(request, pk)
    try:
        svc.draft_detach(owner=request.user, draft=draft.pk, component_id=component_id)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("portal:draft_papers", pk=draft.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Review everything, then submit once (the draft's idempotency key is sent along)."""
    draft = _draft(request, pk)
    if draft.dossier_id:
        return redirect("portal:draft_done", pk=draft.pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            svc.draft_submit(owner=request.user, draft=draft.pk)
        except DomainError as exc:
            problems = [m for v in exc.details.values() for m in v] or [str(exc.message)]
        else:
            return redirect("portal:draft_done", pk=draft.pk)
    definition = draft.procedure_version.eform or {}
    answers = [
        {"label": s.get("label_vi") or s.get("name"), "value": draft.form_data.get(s.get("name"))}
        for s in definition.get("fields", [])
        if isinstance(s, dict)
    ]
    context = _ctx(
        draft,
        "review",
        answers=answers,
        files=list(draft.files.select_related("component", "paper")),
        problems=problems,
    )
    return render(request, "portal/wizard/review.html", context, status=422 if problems else 200)


@login_required
@require_http_methods(["GET", "HEAD"])
def draft_done(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.dossier is None:
        return redirect("portal:draft_review", pk=draft.pk)
    dossier = draft.dossier
    return render(
        request,
        "portal/wizard/done.html",
        {"draft": draft, "dossier": dossier, "ref": dossier.code or f"id-{dossier.pk}"},
    )
