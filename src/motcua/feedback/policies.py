# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure rules of the applicant's evaluation (Decree 61/2018 Art 31; Circular 01/2018 Art 13–14).

Indicator scores are 2 / 1 / 0. Indicators 1, 3, 4 and 7 are given by the applicant; indicator 2
(each participating unit's time against its allotted time) and the recorded value of indicator 1
are computed from the dossier's history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from motcua.core.clock import VN_TZ

EDIT_WINDOW = dt.timedelta(days=7)
EVALUABLE_STATES = frozenset({"returned"})


def may_evaluate(*, user: Any, dossier: Any) -> bool:
    """Only the applicant of a returned dossier evaluates it."""
    return (
        getattr(user, "is_authenticated", False)
        and dossier.applicant_id == user.pk
        and dossier.status in EVALUABLE_STATES
    )


def editable(*, created_at: dt.datetime, now: dt.datetime) -> bool:
    """An evaluation may be changed for 7 days after it was first given."""
    return now <= created_at + EDIT_WINDOW


def _compare(finished: dt.datetime | None, due: dt.datetime | None) -> int | None:
    if finished is None or due is None:
        return None
    if finished > due:
        return 0
    if finished.astimezone(VN_TZ).date() < due.astimezone(VN_TZ).date():
        return 2
    return 1


def score_total_time(*, finished_at: dt.datetime | None, due_at: dt.datetime | None) -> int | None:
    """Indicator 1 as recorded: shorter than the limit 2, equal 1, longer 0."""
    return _compare(finished_at, due_at)


def score_units_time(steps: Iterable[tuple[dt.datetime | None, dt.datetime | None]]) -> int | None:
    """Indicator 2 from (finished_at, due_at) of every finished step: any late 0, all early 2."""
    scores = [s for s in (_compare(f, d) for f, d in steps) if s is not None]
    if not scores:
        return None
    return min(scores)
