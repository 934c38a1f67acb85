# SPDX-License-Identifier: AGPL-3.0-or-later
"""The applicant's profile and personal data store pages.

Legal basis: Decree 45/2020/NĐ-CP Art 16 as amended by Decree 118/2025/NĐ-CP Art 40(8) (each
account has a store of electronic papers and results, reusable in later dossiers); addresses on
the administrative units in force (two levels from 01/07/2025).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.datastore_selectors import applicant_profile, paper_get, paper_list
from motcua.accounts.services.datastore import applicant_profile_update, paper_delete
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.portal.citizen_forms import ProfileForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    current = applicant_profile(user=request.user)
    initial = {}
    if current is not None:
        initial = {
            "phone": current.phone,
            "email": current.email or getattr(request.user, "email", ""),
            "address_unit": current.address_unit_id,
            "address_detail": current.address_detail,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            applicant_profile_update(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("portal:profile")
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, "portal/my/profile.html", {"form": form, "profile": current}, status=status
    )


@login_required
@require_safe
def data_store(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/my/data_store.html", {"papers": paper_list(owner=request.user)})


@login_required
@require_POST
def data_store_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        paper_delete(actor=request.user, paper_id=pk)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The paper has been removed from your data store."))
    return redirect("portal:data_store")


@login_required
@require_safe
def data_store_download(request: HttpRequest, pk: int) -> FileResponse:
    paper = paper_get(owner=request.user, paper_id=pk)
    if paper is None:
        raise Http404
    response = FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.original_name,
        content_type=paper.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
