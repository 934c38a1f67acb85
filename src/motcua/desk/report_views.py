# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk pages of the statistics (issue 7): report II.06a with drill-down and exports, the
Decision 766 index with the dossiers behind every figure, dashboards, Circular 01/2018 scores.

Every page is limited to the official's scope (``reports.access.report_scope``, the same role ×
agency scope as ``dossier_list_visible``): a unit outside it is a 403. Bad filters come back
beside the fields (HTTP 400), never as a 500.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.agencies.models import Agency
from motcua.catalog.models import Field, Procedure
from motcua.core import clock
from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed
from motcua.desk.access import staff_required
from motcua.reports import charts, dashboard, exports
from motcua.reports.access import Scope, optional_id, report_scope, scope_agencies
from motcua.reports.index766 import fact_q, facts_behind, index766
from motcua.reports.periods import Period, period_parse
from motcua.reports.queries import GROUPINGS, data_start, ii06a

COLUMN_LABELS = {
    3: "Tổng số nhận",
    4: "Trực tuyến",
    5: "Trực tiếp, bưu chính",
    6: "Kỳ trước chuyển qua",
    7: "Tổng số đã giải quyết",
    8: "Trước hạn",
    9: "Đúng hạn",
    10: "Quá hạn",
    11: "Tổng số đang giải quyết",
    12: "Trong hạn",
    13: "Quá hạn",
}


@dataclass
class Filters:
    scope: Scope
    period: Period
    grouping: str
    agency_id: int | None
    field_id: int | None
    procedure_id: int | None


def parse(request: HttpRequest, roles: Iterable[str] | None = None) -> Filters:
    """The filters of a report page; DomainError (field errors) or PermissionDenied."""
    data = request.GET
    scope = report_scope(user=request.user, unit=data.get("unit"), roles=roles)
    period = period_parse(data, data_start=data_start())
    grouping = data.get("grouping") or "agency"
    if grouping not in GROUPINGS:
        grouping = "agency"
    return Filters(
        scope,
        period,
        grouping,
        optional_id(data, "agency", Agency),
        optional_id(data, "field", Field),
        optional_id(data, "procedure", Procedure),
    )


def _base_context(request: HttpRequest, roles: Iterable[str] | None = None) -> dict[str, Any]:
    today = clock.today()
    g = request.GET
    return {
        "units": scope_agencies(user=request.user, roles=roles),
        "values": {
            "unit": g.get("unit", ""),
            "period": g.get("period", "year"),
            "year": g.get("year", str(today.year)),
            "quarter": g.get("quarter", ""),
            "month": g.get("month", ""),
            "start": g.get("start", ""),
            "end": g.get("end", ""),
            "grouping": g.get("grouping", "agency"),
        },
        "errors": {},
        "query": g.urlencode(),
    }


def _guarded(
    request: HttpRequest, template: str, build: Any, roles: Iterable[str] | None = None
) -> HttpResponse:
    ctx = _base_context(request, roles)
    try:
        f = parse(request, roles)
        ctx.update(build(f))
        ctx["filters"] = f
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc.message)) from exc
    except DomainError as exc:
        ctx["errors"] = {k: [str(m) for m in v] for k, v in (exc.details or {}).items()}
        ctx["error"] = str(exc.message)
        return render(request, template, ctx, status=400)
    return render(request, template, ctx)


@require_safe
@staff_required
def report_ii06a_view(request: HttpRequest) -> HttpResponse:
    def build(f: Filters) -> dict[str, Any]:
        report = ii06a(
            unit=f.scope.unit,
            agency_ids=f.scope.agency_ids,
            period=f.period,
            grouping=f.grouping,
            agency_id=f.agency_id,
            field_id=f.field_id,
            procedure_id=f.procedure_id,
        )
        return {"report": report, "column_labels": COLUMN_LABELS}

    return _guarded(request, "desk/reports/ii06a.html", build)


@require_safe
@staff_required
def report_ii06a_export_view(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        f = parse(request)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc.message)) from exc
    except DomainError:
        return report_ii06a_view(request)
    report = ii06a(
        unit=f.scope.unit,
        agency_ids=f.scope.agency_ids,
        period=f.period,
        grouping=f.grouping,
        agency_id=f.agency_id,
        field_id=f.field_id,
        procedure_id=f.procedure_id,
    )
    name = f"bao-cao-II06a-{f.period.start:%Y%m%d}-{f.period.end:%Y%m%d}"
    if kind == "xlsx":
        response = HttpResponse(
            exports.ii06a_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(exports.ii06a_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@require_safe
@staff_required
def report_766_view(request: HttpRequest) -> HttpResponse:
    def build(f: Filters) -> dict[str, Any]:
        return {"groups": index766(agency_ids=f.scope.agency_ids, period=f.period)}

    return _guarded(request, "desk/reports/index766.html", build)


@require_safe
@staff_required
def report_766_dossiers_view(request: HttpRequest) -> HttpResponse:
    def build(f: Filters) -> dict[str, Any]:
        key = request.GET.get("metric", "")
        try:
            fact_q(key, f.period)
        except KeyError:
            message = _("Unknown figure.")
            raise ValidationFailed(message, details={"metric": [message]}) from None
        qs = facts_behind(agency_ids=f.scope.agency_ids, period=f.period, key=key)
        page: Any = Paginator(qs, 50).get_page(request.GET.get("page"))
        return {"page": page, "metric": key}

    return _guarded(request, "desk/reports/index766_dossiers.html", build)


@require_safe
@staff_required
def report_dashboard_view(request: HttpRequest) -> HttpResponse:
    def build(f: Filters) -> dict[str, Any]:
        ids = f.scope.agency_ids
        series = dashboard.monthly(ids, f.period)
        by_agency = dashboard.rates(ids, f.period, "agency")
        by_field = dashboard.rates(ids, f.period, "field")
        labels = [f"{m:%m/%y}" for m, _r, _d in series]
        return {
            "series": series,
            "flow_chart": charts.bars(
                labels,
                [
                    (_("Received"), [r for _m, r, _d in series]),
                    (_("Resolved"), [d for _m, _r, d in series]),
                ],
                title=_("Dossiers received and resolved per month"),
                desc=_(
                    "Bars per month: received, then resolved; the same figures are in the table "
                    "below."
                ),
            ),
            "by_agency": by_agency,
            "agency_chart": charts.hbars(
                [
                    (
                        r.label,
                        float(r.rate) if r.rate is not None else None,
                        f"{r.rate}% ({r.finished})",
                    )
                    for r in by_agency
                ],
                title=_("On-time rate by agency"),
                desc=_("Share of resolved dossiers finished early or on time, per agency."),
            ),
            "by_field": by_field,
            "field_chart": charts.hbars(
                [
                    (
                        r.label,
                        float(r.rate) if r.rate is not None else None,
                        f"{r.rate}% ({r.finished})",
                    )
                    for r in by_field
                ],
                title=_("On-time rate by field"),
                desc=_("Share of resolved dossiers finished early or on time, per field."),
            ),
            "timings": dashboard.timings(ids, f.period),
            "overdue": dashboard.overdue_list(user=request.user, agency_ids=ids),
        }

    return _guarded(request, "desk/reports/dashboard.html", build)
