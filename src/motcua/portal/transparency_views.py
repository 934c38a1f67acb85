# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public transparency figures (issue 7 item 5): per agency, volume, on-time rate and average
working days for a year, quarter or month; only aggregates, never a dossier. An agency is ranked
only when at least ``REPORTS_PUBLIC_MIN_VOLUME`` dossiers were resolved, and every figure shows
how many dossiers it rests on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.reports.dashboard import transparency
from motcua.reports.periods import period_parse
from motcua.reports.queries import data_start

DEFAULT_MIN_VOLUME = 20


@require_safe
def transparency_view(request: HttpRequest) -> HttpResponse:
    min_volume = int(getattr(settings, "REPORTS_PUBLIC_MIN_VOLUME", DEFAULT_MIN_VOLUME))
    g = request.GET
    values = {
        "period": g.get("period", "year"),
        "year": g.get("year", str(clock.today().year)),
        "quarter": g.get("quarter", ""),
        "month": g.get("month", ""),
    }
    ctx: dict[str, Any] = {"values": values, "min_volume": min_volume, "errors": {}}
    data = {k: v for k, v in values.items()}
    if data["period"] == "range":
        data["period"] = "year"
    try:
        period = period_parse(data, data_start=data_start())
    except DomainError as exc:
        ctx["errors"] = {k: [str(m) for m in v] for k, v in (exc.details or {}).items()}
        return render(request, "portal/transparency/index.html", ctx, status=400)
    ctx.update(period=period, figures=transparency(period=period, min_volume=min_volume))
    return render(request, "portal/transparency/index.html", ctx)
