# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background work of the statistics: ``aggregates_refresh`` (queue ``reports``), periodic."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="reports")
def aggregates_refresh() -> dict[str, float]:
    """Fold the dossier events committed since the last run (idempotent; catches up)."""
    from motcua.reports.services import aggregates_refresh as run

    r = run()
    return {"folded": r.folded, "events": r.events, "holes": r.holes, "seconds": r.seconds}
