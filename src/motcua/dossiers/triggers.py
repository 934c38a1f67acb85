# SPDX-License-Identifier: AGPL-3.0-or-later
"""SQL of the append-only triggers on ``dossiers_dossierevent`` per database vendor.

Used by migration 0003 and by the tamper test (which drops them, tampers, and restores them).
Other vendors get no trigger; ``dossier_verify`` still detects tampering through the hash chain.
"""

from __future__ import annotations

TABLE = "dossiers_dossierevent"
MESSAGE = "dossier events are append-only"


def trigger_create_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{op.lower()} BEFORE {op} ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        return [
            f"CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END; "
            "$$ LANGUAGE plpgsql",
            f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
            f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()",
        ]
    return []


def trigger_drop_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {TABLE}_no_{op}" for op in ("update", "delete")]
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
            f"DROP FUNCTION IF EXISTS {TABLE}_refuse()",
        ]
    return []
