# SPDX-License-Identifier: AGPL-3.0-or-later
"""``version_validate``: every reason a version cannot be published, without saving anything.

Legal basis: Decree 118/2025/NĐ-CP (publish complete TTHC information); Decree 224/2026/NĐ-CP
Art 14 (a partial-online service needs its legal reason); Decree 61/2018/NĐ-CP Art 19 (internal
time allotments within the legal limit); docs/DOMAIN.md rule 2 (versions by effective date, never
overlapping).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.catalog import rules
from motcua.catalog.constants import Channel, PerformerKind, ServiceMode, VersionStatus
from motcua.catalog.eforms import eform_definition_problems
from motcua.catalog.models import ProcedureVersion, ProcessStep, TimeLimit
from motcua.core.models import periods_overlap
from motcua.workcal.deadlines import UNIT_LABELS, Unit

LIVE_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.RETIRED)


@dataclass(frozen=True)
class Problem:
    """One reason a version cannot be published; ``field`` names the offending input."""

    field: str
    message: str
    code: str = "invalid"


def closable_predecessor(version: ProcedureVersion) -> ProcedureVersion | None:
    """The open-ended published version that ``version`` replaces (closed the day before)."""
    if version.effective_from is None:
        return None
    return (
        ProcedureVersion.objects.filter(
            procedure_id=version.procedure_id,
            status=VersionStatus.PUBLISHED,
            effective_to__isnull=True,
            effective_from__lt=version.effective_from,
        )
        .exclude(pk=version.pk)
        .order_by("-effective_from")
        .first()
    )


def overlap_problems(version: ProcedureVersion) -> list[Problem]:
    """Published or retired versions of the same procedure whose period meets ``version``'s.

    The open-ended predecessor is not a problem: publishing closes it the day before.
    """
    start = version.effective_from
    if start is None:
        return []
    predecessor = closable_predecessor(version)
    others = ProcedureVersion.objects.filter(
        Q(procedure_id=version.procedure_id), Q(status__in=LIVE_STATUSES)
    ).exclude(pk=version.pk)
    problems = []
    for other in others:
        assert other.effective_from is not None  # noqa: S101 - DB constraint
        other_to = other.effective_to
        if predecessor is not None and other.pk == predecessor.pk:
            other_to = start - dt.timedelta(days=1)
        if periods_overlap(start, version.effective_to, other.effective_from, other_to):
            problems.append(
                Problem(
                    "effective_from",
                    _("The period overlaps version %(n)s (%(start)s – %(end)s).")
                    % {
                        "n": other.number,
                        "start": other.effective_from.isoformat(),
                        "end": other.effective_to.isoformat() if other.effective_to else "…",
                    },
                    "overlap",
                )
            )
    return problems


def _limit_problems(steps: list[ProcessStep], limits: list[TimeLimit]) -> list[Problem]:
    usable = [t for t in limits if t.amount is not None and t.unit]
    problems = [
        Problem(
            f"time_limits.{limit.channel}",
            _("Give the amount and the unit of the time limit."),
            "time_limit_incomplete",
        )
        for limit in limits
        if limit.amount is None or not limit.unit
    ]
    if not steps or not usable:
        return problems
    norms = [
        rules.StepNorm(
            s.order, Decimal(s.norm_amount), Unit(s.norm_unit), s.parallel_group, s.branch
        )
        for s in steps
    ]
    path = rules.critical_path_minutes(norms)
    for limit in usable:
        assert limit.amount is not None  # noqa: S101
        unit = Unit(limit.unit)
        capacity = rules.lower_bound_minutes(Decimal(limit.amount), unit)
        if path > capacity:
            problems.append(
                Problem(
                    "steps",
                    _(
                        "The steps need up to %(need)s on the critical path, more than the "
                        "%(amount)s %(unit)s time limit for %(channel)s allows (%(have)s)."
                    )
                    % {
                        "need": rules.format_minutes(path),
                        "have": rules.format_minutes(capacity),
                        "amount": f"{Decimal(limit.amount).normalize():f}",
                        "unit": UNIT_LABELS[unit],
                        "channel": Channel(limit.channel).label if limit.channel else "—",
                    },
                    "norms_exceed_limit",
                )
            )
    return problems


def version_validate(*, version: ProcedureVersion) -> list[Problem]:
    """Every problem that would stop ``version`` from being published (empty list = publishable).

    Checks: a start date, a period not overlapping other published versions (the open-ended
    predecessor excepted), a service mode (a partial-online one with its legal reason, Decree
    224/2026 Art 14), complete time limits, fixed-agency steps naming their agency, the critical
    path of the steps within every channel's legal limit (``rules``), a valid e-form.
    """
    problems: list[Problem] = []
    if version.effective_from is None:
        problems.append(Problem("effective_from", _("Give the date the version takes effect.")))
    elif version.effective_to is not None and version.effective_to < version.effective_from:
        problems.append(Problem("effective_to", _("The end date is before the start date.")))
    problems.extend(overlap_problems(version))
    if not version.service_mode:
        problems.append(Problem("service_mode", _("Choose full online or partial online.")))
    elif version.service_mode == ServiceMode.PARTIAL_ONLINE and not version.partial_online_reason:
        problems.append(
            Problem(
                "partial_online_reason",
                _("A partial-online service must state its legal reason (Decree 224/2026 Art 14)."),
            )
        )
    limits = list(TimeLimit.objects.filter(version=version))
    if not limits:
        problems.append(Problem("time_limits", _("Give the time limit for at least one channel.")))
    steps = list(ProcessStep.objects.filter(version=version))
    problems.extend(
        Problem(f"steps.{step.order}", _("Name the agency of this step."))
        for step in steps
        if step.performer == PerformerKind.FIXED_AGENCY and step.agency_id is None
    )
    problems.extend(_limit_problems(steps, limits))
    problems.extend(Problem("eform", m) for m in eform_definition_problems(version.eform))
    return problems
