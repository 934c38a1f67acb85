# SPDX-License-Identifier: AGPL-3.0-or-later
"""The applicant rates a returned dossier (Decree 61/2018/NĐ-CP Art 31; Circular 01/2018/TT-VPCP
Art 13: indicators 1, 3, 4, 7 from the applicant, 2 computed from the history)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.forms import apply_domain_error
from motcua.feedback import policies
from motcua.feedback.selectors import evaluation_of
from motcua.feedback.services import evaluation_give
from motcua.portal.citizen_forms import EvaluationForm
from motcua.portal.my_dossier_views import own_dossier, ref_of


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_dossier_evaluate(request: HttpRequest, ref: str) -> HttpResponse:
    d = own_dossier(request, ref)
    if not policies.may_evaluate(user=request.user, dossier=d):
        raise Http404
    current = evaluation_of(user=request.user, dossier=d)
    closed = current is not None and not policies.editable(
        created_at=current.created_at, now=clock.now()
    )
    initial = {}
    if current is not None:
        initial = {
            name: getattr(current, name)
            for name in ("indicator_1", "indicator_3", "indicator_4", "indicator_7", "comment")
        }
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_give(actor=request.user, dossier=d, **form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Thank you for rating the service."))
            return redirect("portal:my_dossier_detail", ref=ref_of(d))
    status = 422 if form.is_bound and form.errors else 200
    context = {"dossier": d, "ref": ref_of(d), "form": form, "current": current, "closed": closed}
    return render(request, "portal/my/evaluate.html", context, status=status)
