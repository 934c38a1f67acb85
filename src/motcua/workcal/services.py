# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes to the working-day calendar by administrators.

Every service runs in one transaction: it authorises (superuser or ``system_admin``), mutates,
appends a ``CalendarChange`` and enqueues ``recompute_deadlines`` in the same transaction, so a
rolled-back change leaves neither a log row nor a task behind (docs/ARCHITECTURE.md §1.2).

Legal basis of what administrators enter: Labour Code 45/2019/QH14 Art 112(3) (the Prime
Minister fixes the Tết and National Day days each year) and the Government's yearly notices
swapping working days for the public sector; provinces may add non-counting open days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, Role
from motcua.agencies.selectors import user_has_role
from motcua.core import clock
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.workcal.models import (
    CalendarChange,
    CalendarDay,
    CalendarDayKind,
    ChangeAction,
    DaySource,
    OfficeHours,
)
from motcua.workcal.tasks import recompute_deadlines

_DAY_FIELDS = ("kind", "name_vi", "name_en", "legal_basis", "active", "confirmed", "swap_pair_date")


def _authorise(actor: Any) -> None:
    if getattr(actor, "is_authenticated", False) and getattr(actor, "is_superuser", False):
        return
    if user_has_role(user=actor, roles=[Role.SYSTEM_ADMIN]):
        return
    raise PermissionDenied(_("Only system administrators may change the working-day calendar."))


def _actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def calendar_change_record(
    *,
    actor: Any,
    action: str,
    first_date: dt.date,
    last_date: dt.date | None = None,
    agency: Agency | None = None,
    summary: Mapping[str, Any] | None = None,
) -> CalendarChange:
    """Log a change and enqueue its recomputation; call inside the caller's transaction."""
    change = CalendarChange.objects.create(
        actor=_actor_or_none(actor),
        action=action,
        first_date=first_date,
        last_date=last_date,
        agency=agency,
        summary=dict(summary or {}),
    )
    recompute_deadlines.enqueue(change_id=change.pk)
    return change


def _day_state(day: CalendarDay | None) -> dict[str, Any]:
    if day is None:
        return {}
    state = {f: getattr(day, f) for f in _DAY_FIELDS}
    state["source"] = day.source
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in state.items()}


def _validate_day(kind: str, name_vi: str, day: dt.date, swap_pair_date: dt.date | None) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in CalendarDayKind.values:
        errors["kind"] = [str(_("Choose one of the listed kinds of day."))]
    if not name_vi.strip():
        errors["name_vi"] = [str(_("Give the Vietnamese name of the day."))]
    if kind == CalendarDayKind.WORKING_WEEKEND and day.weekday() < 5:
        errors["kind"] = [str(_("Only a Saturday or Sunday can be made a working weekend day."))]
    if swap_pair_date is not None and swap_pair_date == day:
        errors["swap_pair_date"] = [str(_("A day cannot be swapped with itself."))]
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), details=errors)


def calendarday_set(
    *,
    actor: Any,
    date: dt.date,
    kind: str,
    name_vi: str,
    name_en: str = "",
    legal_basis: str = "",
    agency: Agency | None = None,
    confirmed: bool = False,
    active: bool = True,
    swap_pair_date: dt.date | None = None,
) -> CalendarDay:
    """Create or replace the row of ``date`` (for ``agency``, or province-wide); it becomes manual.

    Replacing a library row turns it into a manual row, so re-seeding never undoes the edit.
    """
    _authorise(actor)
    _validate_day(kind, name_vi, date, swap_pair_date)
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date, agency=agency).first()
        before = _day_state(day)
        if day is None:
            day = CalendarDay(date=date, agency=agency)
        day.kind = kind
        day.name_vi = name_vi.strip()
        day.name_en = name_en.strip()
        day.legal_basis = legal_basis.strip()
        day.active = active
        day.swap_pair_date = swap_pair_date
        day.source = DaySource.MANUAL
        if confirmed and not day.confirmed:
            day.confirmed_by = _actor_or_none(actor)
            day.confirmed_at = clock.now()
        elif not confirmed:
            day.confirmed_by, day.confirmed_at = None, None
        day.confirmed = confirmed
        day.save()
        calendar_change_record(
            actor=actor,
            action=ChangeAction.DAY_SET,
            first_date=date,
            agency=agency,
            summary={"before": before, "after": _day_state(day)},
        )
    return day


def calendarday_confirm(*, actor: Any, day: CalendarDay) -> CalendarDay:
    """Mark a day as checked against the official decision. A confirmed row is never re-seeded."""
    _authorise(actor)
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().get(pk=day.pk)
        if day.confirmed:
            return day
        day.confirmed = True
        day.confirmed_by = _actor_or_none(actor)
        day.confirmed_at = clock.now()
        day.save(update_fields=["confirmed", "confirmed_by", "confirmed_at", "updated_at"])
        # Confirming changes no deadline, but it is logged like every calendar decision.
        calendar_change_record(
            actor=actor,
            action=ChangeAction.DAY_CONFIRMED,
            first_date=day.date,
            agency=day.agency,
            summary={"confirmed": day.date.isoformat()},
        )
    return day


def calendarday_delete(*, actor: Any, day: CalendarDay) -> None:
    """Delete a manual row. Library rows are switched off instead (``active=False``), because the
    next seed would bring a deleted library row back."""
    _authorise(actor)
    if day.source != DaySource.MANUAL:
        raise Conflict(
            _("A day from the holidays library cannot be deleted; set it as not in effect.")
        )
    with transaction.atomic():
        before = _day_state(day)
        first_date, agency = day.date, day.agency
        CalendarDay.objects.filter(pk=day.pk).delete()
        calendar_change_record(
            actor=actor,
            action=ChangeAction.DAY_DELETED,
            first_date=first_date,
            agency=agency,
            summary={"before": before},
        )


def officehours_set(
    *,
    actor: Any,
    valid_from: dt.date,
    week: Mapping[int, Sequence[tuple[dt.time, dt.time]]],
    agency: Agency | None = None,
) -> list[OfficeHours]:
    """Office hours from ``valid_from`` on: closes the period in force, never rewrites it.

    ``week`` maps a weekday (0 = Monday) to its sessions, e.g. ``{0: [(07:00, 11:30), (13:30,
    17:00)], …}``; weekdays not in ``week`` are closed.
    """
    _authorise(actor)
    errors: list[str] = []
    for weekday, sessions in week.items():
        if not 0 <= weekday <= 6:
            errors.append(str(_("A weekday is a number from 0 (Monday) to 6 (Sunday).")))
        ordered = sorted(sessions)
        for i, (begin, end) in enumerate(ordered):
            if end <= begin:
                errors.append(str(_("A session must end after it starts.")))
            if i and begin < ordered[i - 1][1]:
                errors.append(str(_("Sessions of one day must not overlap.")))
    if errors:
        raise ValidationFailed(_("Check the office hours."), details={"week": sorted(set(errors))})
    with transaction.atomic():
        current = OfficeHours.objects.select_for_update().filter(agency=agency, valid_to=None)
        if current.filter(valid_from__gte=valid_from).exists():
            raise Conflict(_("Office hours already start on or after this date; edit those."))
        for row in current:  # one save per row, so each closure lands in the history
            row.valid_to = valid_from - dt.timedelta(days=1)
            row.save(update_fields=["valid_to", "updated_at"])
        rows = [
            OfficeHours.objects.create(
                agency=agency,
                valid_from=valid_from,
                weekday=weekday,
                starts_at=begin,
                ends_at=end,
            )
            for weekday, sessions in sorted(week.items())
            for begin, end in sorted(sessions)
        ]
        calendar_change_record(
            actor=actor,
            action=ChangeAction.HOURS_CHANGED,
            first_date=valid_from,
            agency=agency,
            summary={
                "week": {
                    str(w): [f"{b:%H:%M}-{e:%H:%M}" for b, e in sorted(s)] for w, s in week.items()
                }
            },
        )
    return rows
