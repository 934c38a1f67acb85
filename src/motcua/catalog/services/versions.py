# SPDX-License-Identifier: AGPL-3.0-or-later
"""Version lifecycle: draft → published → retired (docs/DOMAIN.md rule 2).

Legal basis: Decree 118/2025/NĐ-CP (publication of TTHCs; a dossier keeps the version in force
when it was received, so published versions are immutable); Decree 224/2026/NĐ-CP Art 14
(full/partial online). Retired versions stay in the history: ``?at=`` a day in their period
still returns them, and dossiers that pinned them keep them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.catalog import indexing, policies
from motcua.catalog.constants import VersionOrigin, VersionStatus
from motcua.catalog.inputs import VersionIn, parse
from motcua.catalog.models import (
    Fee,
    LegalBasis,
    Procedure,
    ProcedureCase,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeLimit,
)
from motcua.catalog.services._common import authorise, lock_draft, lock_procedure
from motcua.catalog.services.validation import closable_predecessor, version_validate
from motcua.core import clock
from motcua.core.errors import ValidationFailed

VERSION_FIELDS = tuple(VersionIn.model_fields)
_PART_MODELS: tuple[Any, ...] = (LegalBasis, RequiredDocument, Fee, TimeLimit, ProcessStep)


def _current(procedure: Procedure) -> ProcedureVersion | None:
    """The version to copy by default: in force today, else the latest published one."""
    from motcua.catalog.selectors import version_in_force_q

    today_q = version_in_force_q(clock.today())
    return (
        ProcedureVersion.objects.filter(today_q, procedure=procedure).first()
        or ProcedureVersion.objects.filter(procedure=procedure, status=VersionStatus.PUBLISHED)
        .order_by("-effective_from")
        .first()
    )


def copy_parts(source: ProcedureVersion, target: ProcedureVersion) -> None:
    """Copy cases, legal bases, documents, fees, time limits and steps of ``source``."""
    cases = {}
    for case in ProcedureCase.objects.filter(version=source):
        old_pk = case.pk
        case.pk, case.version = None, target
        case.save()
        cases[old_pk] = case
    for model in _PART_MODELS:
        rows: list[Any] = list(model.objects.filter(version=source))
        for row in rows:
            row.pk, row.version = None, target
            if getattr(row, "case_id", None) is not None:
                row.case = cases[row.case_id]
        model.objects.bulk_create(rows)


def _check_period(version: ProcedureVersion) -> None:
    """Refuse an end before the start (pre-condition of the database check constraint)."""
    start, end = version.effective_from, version.effective_to
    if start is not None and end is not None and end < start:
        message = _("The end date must be on or after the start date.")
        raise ValidationFailed(message, details={"effective_to": [message]})


def version_create_draft(
    *,
    actor: Any,
    procedure: Procedure,
    copy_current: bool = True,
    copy_from: ProcedureVersion | None = None,
    data: dict[str, Any] | None = None,
    origin: str = VersionOrigin.MANUAL,
) -> ProcedureVersion:
    """A new draft with the next number, copying ``copy_from`` (default: the current version).

    The copy takes every part and every setting except dates, status and the publication
    decision; ``data`` (``inputs.VersionIn``) then overrides settings.
    """
    authorise(actor)
    values = parse(VersionIn, data or {})
    if copy_from is not None and copy_from.procedure_id != procedure.pk:
        raise ValidationFailed(
            _("The version to copy belongs to another procedure."),
            details={"copy_from": [_("The version to copy belongs to another procedure.")]},
        )
    with transaction.atomic():
        locked = lock_procedure(procedure)
        source = copy_from or (_current(locked) if copy_current else None)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = ProcedureVersion(procedure=locked, number=number, origin=origin)
        if source is not None:
            for name in VERSION_FIELDS:
                if name not in (
                    "effective_from",
                    "effective_to",
                    "decision_number",
                    "decision_date",
                ):
                    setattr(draft, name, getattr(source, name))
            draft.legal_basis_raw, draft.documents_raw = (
                source.legal_basis_raw,
                source.documents_raw,
            )
        for name in data or {}:
            value = getattr(values, name)
            setattr(draft, name, value if value is not None or name != "service_mode" else "")
        _check_period(draft)
        draft.save()
        if source is not None:
            copy_parts(source, draft)
    return draft


def version_update(
    *, actor: Any, version: ProcedureVersion, data: dict[str, Any]
) -> ProcedureVersion:
    """Change settings of a draft (only the keys given). Published versions are immutable."""
    authorise(actor)
    values = parse(VersionIn, data)
    with transaction.atomic():
        draft = lock_draft(version)
        for name in data:
            value = getattr(values, name)
            setattr(draft, name, "" if value is None and name == "service_mode" else value)
        _check_period(draft)
        draft.save()
    return draft


def version_publish(*, actor: Any, version: ProcedureVersion) -> ProcedureVersion:
    """Publish a draft: validate (``version_validate``), close the open-ended predecessor the day
    before this version starts, mark published and refresh the search entry.

    Raises ValidationFailed (details per field) when any problem exists; nothing is saved then.
    """
    authorise(actor)
    with transaction.atomic():
        draft = lock_draft(version)
        problems = version_validate(version=draft)
        if problems:
            details: dict[str, list[str]] = {}
            for p in problems:
                details.setdefault(p.field, []).append(p.message)
            codes = {p.code for p in problems}
            code = codes.pop() if len(codes) == 1 else "version_invalid"
            raise ValidationFailed(
                _("The version cannot be published."), code=code, details=details
            )
        publish_checked(draft)
    return draft


def publish_checked(draft: ProcedureVersion, *, reindex: bool = True) -> None:
    """Publish an already validated draft (also used by the importer, which reindexes in bulk
    at the end: ``reindex=False``). The caller holds the procedure lock."""
    assert draft.effective_from is not None  # noqa: S101 - validated
    predecessor = closable_predecessor(draft)
    if predecessor is not None:
        predecessor.effective_to = draft.effective_from - dt.timedelta(days=1)
        predecessor.save(update_fields=["effective_to", "updated_at"])
    draft.status = VersionStatus.PUBLISHED
    draft.published_at = clock.now()
    draft.save()
    if reindex:
        indexing.procedure_reindex(draft.procedure)


def version_retire(
    *, actor: Any, version: ProcedureVersion, last_day: dt.date | None = None
) -> ProcedureVersion:
    """Withdraw a published version after ``last_day`` (default: yesterday).

    The version keeps its period up to ``last_day`` (it was the law then) and leaves the public
    catalogue afterwards. ``last_day`` may not precede its start nor extend its period.
    """
    authorise(actor)
    with transaction.atomic():
        lock_procedure(version.procedure)
        fresh = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if not policies.can_retire_version(fresh.status):
            raise ValidationFailed(
                _("Only a published version can be retired."),
                details={"status": [_("Only a published version can be retired.")]},
            )
        end = last_day or clock.today() - dt.timedelta(days=1)
        assert fresh.effective_from is not None  # noqa: S101 - published
        if end < fresh.effective_from or (fresh.effective_to and end > fresh.effective_to):
            message = _("The last day must lie within the version's period.")
            raise ValidationFailed(message, details={"last_day": [message]})
        fresh.status, fresh.effective_to = VersionStatus.RETIRED, end
        fresh.save()
        indexing.procedure_reindex(fresh.procedure)
    return fresh
