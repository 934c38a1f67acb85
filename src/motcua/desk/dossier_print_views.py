# SPDX-License-Identifier: AGPL-3.0-or-later
"""Printed and exported views of dossiers: the official forms as PDF, the control slip as a
spreadsheet, and the logbook (Sổ theo dõi hồ sơ) page with its Excel and PDF exports.

Legal basis: Decree 61/2018/NĐ-CP Art 17, 19 (receipt, letters, control slip); Circular
01/2018/TT-VPCP Art 10 (forms produced in the system, printable) and Mẫu 05–06; Circular
03/2025/TT-VPCP Mẫu 05–07. Everything reads through ``dossiers.selectors`` (an official sees only
dossiers in their scope: another agency's dossier is a 404, another agency's logbook a 403).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from motcua.agencies.models import Agency, Role
from motcua.agencies.selectors import agency_list_in_scope, role_assignments_active
from motcua.core import clock
from motcua.core.documents import render_kind
from motcua.core.pdf import render_pdf
from motcua.desk.access import staff_required
from motcua.desk.dossier_forms import LogbookForm
from motcua.desk.dossier_views import _get_or_404
from motcua.dossiers.logbook import (
    HEADERS,
    control_slip_xlsx,
    logbook_rows,
    logbook_table,
    logbook_xlsx,
)
from motcua.dossiers.receipts import control_slip_context, document_context, printable_kinds

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
@staff_required
def dossier_print_view(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    d = _get_or_404(request, code)
    if kind not in printable_kinds(d):
        raise Http404
    context = document_context(d, kind)
    if context["lookup_url"] and not context["lookup_url"].startswith(("http://", "https://")):
        context["lookup_url"] = request.build_absolute_uri(context["lookup_url"])  # no base URL
    name = f"{d.code or f'id-{d.pk}'}-{kind}.pdf"
    return _download(render_kind(kind, context), "application/pdf", name, inline=True)


@require_safe
@staff_required
def dossier_control_slip_export_view(request: HttpRequest, code: str) -> HttpResponse:
    """The control slip as an Excel sheet (the same rows as the PDF)."""
    d = _get_or_404(request, code)
    if not d.code:
        raise Http404
    content = control_slip_xlsx(control_slip_context(d))
    return _download(content, XLSX, f"{d.code}-control_slip.xlsx", inline=False)


# --- Logbook -------------------------------------------------------------------------------


def _logbook_agencies(user: Any) -> Any:
    if user.is_superuser:
        return Agency.objects.order_by("path")
    return agency_list_in_scope(user=user)


def _default_agency(user: Any, agencies: Any) -> Agency | None:
    for ra in role_assignments_active(user=user, roles=[Role.RECEPTION_OFFICER]):
        if ra.agency is not None:
            return ra.agency
    first: Agency | None = agencies.first()
    return first


def _logbook_form(request: HttpRequest) -> LogbookForm:
    agencies = _logbook_agencies(request.user)
    today = clock.today()
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    default = _default_agency(request.user, agencies)
    data = {
        "agency": str(default.pk) if default else "",
        "start": first.isoformat(),
        "end": last.isoformat(),
        **{k: v for k, v in request.GET.items() if k in {"agency", "start", "end"} and v},
    }
    return LogbookForm(data, agencies=agencies)


@require_safe
@staff_required
def logbook_view(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Sổ theo dõi hồ sơ of an agency for a period (default: the user's unit, this month)."""
    if fmt not in {"html", "xlsx", "pdf"}:
        raise Http404
    form = _logbook_form(request)
    if not form.is_valid():
        if fmt != "html":
            raise PermissionDenied
        return render(request, "desk/logbook.html", {"form": form, "book": None}, status=422)
    data = form.cleaned_data
    book = logbook_rows(
        user=request.user, agency=data["agency"], start=data["start"], end=data["end"]
    )
    unit = book.agency.identifier or book.agency.pk
    stem = f"so-theo-doi-{unit}-{book.start:%Y%m%d}-{book.end:%Y%m%d}"
    if fmt == "xlsx":
        return _download(logbook_xlsx(book), XLSX, f"{stem}.xlsx", inline=False)
    if fmt == "pdf":
        context = {"book": book, "headers": HEADERS, "rows": logbook_table(book)}
        pdf = render_pdf("pdf/logbook.html", context)
        return _download(pdf, "application/pdf", f"{stem}.pdf", inline=True)
    query = request.GET.urlencode()
    return render(
        request,
        "desk/logbook.html",
        {"form": form, "book": book, "query": query, "headers": HEADERS},
    )
