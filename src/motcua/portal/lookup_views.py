# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public lookup of a dossier by its code or the QR link of the receipt, without signing in.

Legal basis: Circular 01/2018/TT-VPCP Art 16 (lookup without login shows the code and the
status); Decree 61/2018/NĐ-CP Art 17(3) (the receipt carries what is needed to follow the
dossier). Only code, procedure, status and appointment are shown; the lookup secret printed on the
receipt adds the timeline. The same selectors as the API; rate-limited per client address.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from motcua.core import ratelimit
from motcua.core.errors import NotFound
from motcua.dossiers.models import EventType
from motcua.dossiers.selectors import dossier_public_lookup, dossier_public_timeline
from motcua.dossiers.workflow.engine import STATE_LABELS, State
from motcua.portal.citizen_forms import LookupForm

LOOKUP_LIMIT = 30  # lookups per client address per window
LOOKUP_WINDOW = 300  # seconds
EVENT_LABELS = dict(EventType.choices)


def _limited(request: HttpRequest) -> ratelimit.Verdict:
    key = f"lookup:{ratelimit.client_ip(request)}"
    return ratelimit.hit(key, limit=LOOKUP_LIMIT, window_seconds=LOOKUP_WINDOW)


def _lookup(request: HttpRequest, code: str | None = None) -> HttpResponse:
    data = request.GET.copy()
    if code is not None:
        data["code"] = code
    form = LookupForm(data if "code" in data else None)
    context: dict[str, Any] = {"form": form, "found": None, "timeline": None}
    status = 200
    if form.is_bound and form.is_valid():
        verdict = _limited(request)
        if not verdict.allowed:
            minutes = max(1, (verdict.retry_after + 59) // 60)
            context["limited"] = _(
                "Too many lookups from your connection. Please try again in %(minutes)s minutes."
            ) % {"minutes": minutes}
            response = render(request, "portal/lookup.html", context, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        try:
            found = dossier_public_lookup(code=form.cleaned_data["code"])
        except NotFound:
            form.add_error("code", _("No dossier has this code."))
            status = 404
        else:
            context["found"] = found
            context["status_label"] = STATE_LABELS[State(found.status)]
            secret = form.cleaned_data.get("secret")
            if secret:
                try:
                    rows = dossier_public_timeline(code=found.code, secret=secret)
                except NotFound:
                    form.add_error("secret", _("This lookup secret does not match the dossier."))
                else:
                    context["timeline"] = [
                        {**r, "label": EVENT_LABELS.get(r["type"], r["type"])}
                        for r in rows
                        if r["type"] not in (EventType.DUE_SOON, EventType.OVERDUE)
                    ]
    return render(request, "portal/lookup.html", context, status=status)


@require_safe
@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    return _lookup(request)


@require_safe
@never_cache
def lookup_code(request: HttpRequest, code: str) -> HttpResponse:
    """The QR link of the receipt: /tra-cuu/<code>."""
    return _lookup(request, code)
