# SPDX-License-Identifier: AGPL-3.0-or-later
"""The subtree filter is answerable from an index on both databases (not a full table scan)."""

from __future__ import annotations

import pytest
from django.db import connection

from motcua.agencies.selectors import agency_subtree
from motcua.agencies.tests.factories import make_agency

pytestmark = pytest.mark.django_db


def _plan(sql: str, params: tuple[object, ...]) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A handful of rows always favours a sequential scan; forbid it to see whether an
            # index can answer the filter at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_agency_subtree_filter_uses_the_path_index() -> None:
    root = make_agency(identifier="000.00.00.H01")
    dept = make_agency(root, identifier="000.00.01.H01")
    make_agency(dept, identifier="000.01.01.H01")
    queryset = agency_subtree(agency=dept).values("pk")
    sql, params = queryset.query.sql_with_params()
    plan = _plan(sql, params)
    if connection.vendor == "postgresql":
        assert "agencies_agency_path" in plan or "agency_path_prefix_idx" in plan, plan
        assert "Seq Scan on agencies_agency" not in plan, plan
    else:
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "SCAN agencies_agency\n" not in plan + "\n", plan
