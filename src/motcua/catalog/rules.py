# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure rules of the catalogue: the critical path of a process template and its comparison with
the legal time limit. No ORM, no I/O.

Legal basis: Decree 61/2018/NĐ-CP Art 19 (processing and inter-agency liên thông, with per-agency
time limits within the legal limit) and Decree 118/2025/NĐ-CP (one-stop; keeps working days);
Circular 01/2018/TT-VPCP Art 13 indicator 2 (each participating unit's time vs its allotment).
Units are the deadline engine's (``motcua.workcal.deadlines.Unit``); 8 working hours make one
working day, the default of ``motcua.workcal.timeline.WorkCalendar`` (docs/DOMAIN.md §6).

**Comparing different kinds of unit.** When the steps and the limit all use working units
(working hours / working days), both are converted to working minutes and compared exactly.
Otherwise the comparison is *conservative*: every step is converted to an **upper bound** of the
working time it may take and the limit to a **lower bound** of the working time it contains, so a
template that passes fits in every week of every year except for public holidays (which depend on
the year and are handled per dossier by the deadline engine):

* a step of N calendar days may take up to N full working days; a month up to 31 calendar days;
* a limit of N calendar days contains at least N − (the most weekend days any N consecutive days
  can hold) working days; a limit of M months contains at least 28·M calendar days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.workcal.deadlines import WORKING_UNITS, Unit

WORKING_DAY_HOURS = 8  # WorkCalendar(working_day_hours=8), the engine's default
MINUTES_PER_UNIT_WORKING: dict[Unit, int] = {
    Unit.WORKING_HOUR: 60,
    Unit.WORKING_DAY: WORKING_DAY_HOURS * 60,
}
_MONTH_MAX_DAYS = 31
_MONTH_MIN_DAYS = 28


@dataclass(frozen=True)
class StepNorm:
    """One step of a template as the pure rules see it."""

    order: int
    amount: Decimal
    unit: Unit
    parallel_group: str = ""
    branch: int = 1


def max_weekend_days(calendar_days: int) -> int:
    """The most Saturdays and Sundays that ``calendar_days`` consecutive days can contain."""
    weeks, rest = divmod(calendar_days, 7)
    return 2 * weeks + min(rest, 2)


def upper_bound_minutes(amount: Decimal, unit: Unit) -> Decimal:
    """Working minutes a step of ``amount`` ``unit`` may take at most."""
    if unit in WORKING_UNITS:
        return amount * MINUTES_PER_UNIT_WORKING[unit]
    days = amount * _MONTH_MAX_DAYS if unit == Unit.MONTH else amount
    return Decimal(math.ceil(days)) * MINUTES_PER_UNIT_WORKING[Unit.WORKING_DAY]


def lower_bound_minutes(amount: Decimal, unit: Unit) -> Decimal:
    """Working minutes a legal limit of ``amount`` ``unit`` contains at least (holidays aside)."""
    if unit in WORKING_UNITS:
        return amount * MINUTES_PER_UNIT_WORKING[unit]
    days = int(amount * _MONTH_MIN_DAYS if unit == Unit.MONTH else amount)
    working_days = max(days - max_weekend_days(days), 0)
    return Decimal(working_days * MINUTES_PER_UNIT_WORKING[Unit.WORKING_DAY])


def critical_path_minutes(steps: Iterable[StepNorm]) -> Decimal:
    """Upper-bound working minutes of the template's critical path.

    Steps without a ``parallel_group`` run one after another. Steps sharing a group run as
    parallel branches (``branch``); a branch's steps run in sequence and the group lasts as long as
    its longest branch (liên thông processed "to all participating agencies at once",
    Decree 61/2018 Art 19). Groups and single steps follow each other.
    """
    total = Decimal(0)
    groups: dict[str, dict[int, Decimal]] = {}
    for step in steps:
        minutes = upper_bound_minutes(step.amount, step.unit)
        if step.parallel_group:
            branches = groups.setdefault(step.parallel_group, {})
            branches[step.branch] = branches.get(step.branch, Decimal(0)) + minutes
        else:
            total += minutes
    for branches in groups.values():
        total += max(branches.values())
    return total


def all_working(units: Iterable[Unit]) -> bool:
    return all(u in WORKING_UNITS for u in units)


def format_minutes(minutes: Decimal) -> str:
    """``minutes`` as working days and hours, e.g. "2 d 4 h" (for problem messages)."""
    per_day = MINUTES_PER_UNIT_WORKING[Unit.WORKING_DAY]
    days, rest = divmod(int(minutes), per_day)
    hours = Decimal(rest) / 60
    if not rest:
        return _("%(days)s working days") % {"days": days}
    return _("%(days)s working days %(hours)s hours") % {
        "days": days,
        "hours": f"{hours.normalize():f}",
    }
