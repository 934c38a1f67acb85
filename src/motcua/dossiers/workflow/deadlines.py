# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier timing rules over a ``workcal`` snapshot (pure: the calendar is an argument, no ORM).

* Receipt outside office hours counts from the next session (docs/DOMAIN.md rule 16).
* Forwarding (Decree 61/2018 Art 18): a paper dossier received by the cut-off (15:00) is forwarded
  the same working day (by the close of office hours); later, at the start of the next working day.
* Supplement during appraisal (Decree 61/2018 Art 19): expected within 3 working days of receipt;
  a complete supplement restarts the time from zero (rule set ``restart``) or resumes a paused
  clock (rule set ``pause``).
* Extension with apology (Decree 61/2018 Art 19; rule 10): at least 1 working day before the due
  moment, only once; a later pause (supplement under a ``pause`` rule set, financial obligation)
  moves the new appointment by the paused working time, as it would any appointment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from motcua.core.clock import VN_TZ
from motcua.workcal.deadlines import (
    WorkCalendar,
    add_working_time,
    normalise_start,
    working_time_between,
)

Pause = tuple[dt.datetime, dt.datetime]


def pauses_from_json(rows: Iterable[Sequence[str]]) -> list[Pause]:
    return [(dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)) for a, b in rows]


def pause_to_json(begin: dt.datetime, end: dt.datetime) -> list[str]:
    return [begin.isoformat(), end.isoformat()]


def appointment(
    cal: WorkCalendar,
    received_at: dt.datetime,
    amount: Decimal | None,
    unit: str,
    *,
    pauses: Iterable[Pause] = (),
    restart_at: dt.datetime | None = None,
) -> dt.datetime | None:
    """The due moment of the dossier; None when the procedure publishes no time limit."""
    if amount is None or not unit:
        return None
    return add_working_time(
        cal, received_at, amount, unit, pauses=list(pauses), restart_at=restart_at
    )


def forward_due(cal: WorkCalendar, received_at: dt.datetime, cutoff: dt.time) -> dt.datetime:
    """When the one-stop must have forwarded a dossier received at ``received_at``."""
    local = received_at.astimezone(VN_TZ)
    counting = normalise_start(cal, local)
    same_day = counting.date() == local.date() and local.time() <= cutoff
    if same_day:
        return cal.to_moment(cal.office_close_on_or_after(local.date(), "received_at"))
    # After the cut-off (or outside office hours): the start of the next working day.
    next_day = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=VN_TZ)
    start = normalise_start(cal, next_day)
    return start if counting <= start else counting


def supplement_request_late(
    cal: WorkCalendar, counting_from: dt.datetime, at: dt.datetime, working_days: int
) -> bool:
    """True when ``at`` is later than ``working_days`` working days after the counting start."""
    return at > add_working_time(cal, counting_from, working_days, "working_day")


def extension_still_possible(cal: WorkCalendar, at: dt.datetime, due: dt.datetime) -> bool:
    """At least one working day remains before the due moment (Decree 61/2018 Art 19)."""
    remaining = working_time_between(cal, at, due)
    return remaining >= dt.timedelta(seconds=cal.working_day_seconds)


def shifted_by_pause(
    cal: WorkCalendar, due: dt.datetime, begin: dt.datetime, end: dt.datetime
) -> dt.datetime:
    """A fixed appointment (given with an apology, Decree 61/2018 Art 19) after the clock stood
    still over ``[begin, end)``: the working time that was left at ``begin`` is counted again
    from ``end``, as for any paused dossier. A pause that began at or after the appointment
    moves nothing (the dossier was already late)."""
    if begin >= due:
        return due
    left = working_time_between(cal, begin, due)
    return add_working_time(cal, end, Decimal(int(left.total_seconds())) / 3600, "working_hour")


HOURS_PER_UNIT = {"working_hour": Decimal(1), "working_day": Decimal(8)}


def norm_hours(amount: Decimal, unit: str) -> Decimal:
    """A step norm in working hours; calendar days and months count as working days (a step
    norm is an internal target, the legal limit is computed in its own unit)."""
    if unit == "month":
        return amount * 22 * 8
    return amount * HOURS_PER_UNIT.get(unit, Decimal(8))
