# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier codes from a per-agency daily counter, gap-free and unique under concurrency.

Legal basis: Decree 61/2018/NĐ-CP Art 26 and Circular 01/2018/TT-VPCP Art 19:
``<agency identifier>-YYMMDD-XXXX`` (receipt date, 4-digit daily sequence); the Decree 118/2025
rule set uses the 8-digit date and 7-digit counter seen on DVCQG (docs/DOMAIN.md §1.8).

The counter is one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (SQLite ≥ 3.35, PostgreSQL):
the row stays locked until the receipt transaction ends, so concurrent receipts at one agency
queue on it; a rolled-back receipt rolls its number back too (no gap). SQLite's IMMEDIATE
transactions serialise writers anyway.
"""

from __future__ import annotations

import datetime as dt
import re

from motcua.core.prepared import prepared_cursor
from motcua.dossiers.models import DossierCounter

_COUNTER = re.compile(r"\{(n+)\}")


def counter_next(agency_id: int, day: dt.date) -> int:
    table = DossierCounter._meta.db_table
    with prepared_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 "
            "RETURNING last",
            [agency_id, day],
        )
        row = cursor.fetchone()
    if row is None:  # pragma: no cover - the upsert always returns the row
        raise RuntimeError("dossier counter upsert returned nothing")
    return int(row[0])


def code_format(pattern: str, *, agency: str, day: dt.date, number: int) -> str:
    """Fill ``pattern``: {agency} {yymmdd} {yyyymmdd} and a run of n for the zero-padded count."""
    text = pattern.replace("{agency}", agency)
    text = text.replace("{yyyymmdd}", day.strftime("%Y%m%d")).replace(
        "{yymmdd}", day.strftime("%y%m%d")
    )
    return _COUNTER.sub(lambda m: str(number).zfill(len(m.group(1))), text)


def code_issue(*, pattern: str, agency_id: int, identifier: str, day: dt.date) -> str:
    return code_format(pattern, agency=identifier, day=day, number=counter_next(agency_id, day))
