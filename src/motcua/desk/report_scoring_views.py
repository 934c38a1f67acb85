# SPDX-License-Identifier: AGPL-3.0-or-later
"""Desk page of the Circular 01/2018/TT-VPCP scores per agency and per official (issue 7)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from motcua.desk.access import staff_required
from motcua.desk.report_views import Filters, _guarded
from motcua.reports.access import LEADER_ROLES
from motcua.reports.scoring import (
    AGENCY_INDICATORS,
    OFFICIAL_INDICATORS,
    agency_band,
    agency_scores,
    official_band,
    official_scores,
)


@require_safe
@staff_required
def report_scoring_view(request: HttpRequest) -> HttpResponse:
    def build(f: Filters) -> dict[str, Any]:
        agencies = agency_scores(agency_ids=f.scope.agency_ids, period=f.period)
        officials = official_scores(agency_ids=f.scope.agency_ids, period=f.period)
        return {
            "agencies": [
                (s, agency_band(s.total) if s.total is not None else "") for s in agencies
            ],
            "officials": [
                (s, official_band(s.total) if s.total is not None else "") for s in officials
            ],
            "agency_indicators": AGENCY_INDICATORS,
            "official_indicators": OFFICIAL_INDICATORS,
        }

    return _guarded(request, "desk/reports/scoring.html", build, roles=LEADER_ROLES)
