# SPDX-License-Identifier: AGPL-3.0-or-later
"""Edits of a draft's parts: legal bases, cases, documents, fees, time limits, process steps.

Legal basis: Decree 61/2018/NĐ-CP Art 15–17 (published papers with original/copy counts, fees,
time limit), Art 19 (process and liên thông allotments), Art 22 (fee collection); Decree
224/2026/NĐ-CP Art 18(4) (reusable data). Only drafts change (published versions are immutable).

``version_parts_set`` replaces one kind of part with a list (forms and API PUT);
``version_part_add`` / ``version_part_update`` / ``version_part_delete`` edit one row. ``kind`` is
one of ``PART_KINDS``. Rows are validated by ``inputs`` (field paths like ``fees.0.amount_vnd``).
A document row that gives the ``id`` of a document of the same draft keeps that id and its
template file (``services.form_templates``); the files of removed documents are released.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from pydantic import BaseModel

from motcua.agencies.selectors import agency_get
from motcua.catalog.inputs import (
    CaseIn,
    DocumentIn,
    FeeIn,
    LegalBasisIn,
    StepIn,
    TimeLimitIn,
    parse,
)
from motcua.catalog.models import (
    Fee,
    LegalBasis,
    ProcedureCase,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeLimit,
)
from motcua.catalog.services._common import authorise, field_error, lock_draft
from motcua.catalog.services.form_templates import release_template_files
from motcua.core.errors import NotFound, ValidationFailed

PART_KINDS: dict[str, tuple[type[BaseModel], type[models.Model]]] = {
    "legal_bases": (LegalBasisIn, LegalBasis),
    "cases": (CaseIn, ProcedureCase),
    "documents": (DocumentIn, RequiredDocument),
    "fees": (FeeIn, Fee),
    "time_limits": (TimeLimitIn, TimeLimit),
    "steps": (StepIn, ProcessStep),
}


def _kind(kind: str) -> tuple[type[BaseModel], type[models.Model]]:
    if kind not in PART_KINDS:
        raise field_error("kind", _("Unknown kind of part."))
    return PART_KINDS[kind]


def build_part(
    kind: str, version: ProcedureVersion, item: BaseModel, position: int, path: str
) -> models.Model:
    """An unsaved model row for a validated ``item`` (resolves case keys and agencies)."""
    _schema, model = _kind(kind)
    values = item.model_dump()
    values.pop("id", None)  # documents: the row to keep, see ``_keep_documents``
    case_key = values.pop("case_key", None)
    if case_key:
        case = ProcedureCase.objects.filter(version=version, key=case_key).first()
        if case is None:
            raise field_error(f"{path}.case_key", _("Unknown case."))
        values["case"] = case
    identifier = values.pop("agency_identifier", None)
    if identifier:
        agency = agency_get(identifier=identifier)
        if agency is None:
            raise field_error(f"{path}.agency_identifier", _("Unknown agency."))
        values["agency"] = agency
    for name in ("service_mode", "channel", "unit"):
        if name in values and values[name] is None:
            values[name] = ""
    if "position" in {f.name for f in model._meta.get_fields()}:
        values["position"] = position
    return model(version=version, **values)


def _check_unique(kind: str, version: ProcedureVersion, rows: list[models.Model]) -> None:
    if kind == "time_limits":
        keys = [(r.channel, r.case_id) for r in rows]  # type: ignore[attr-defined]
        if len(keys) != len(set(keys)):
            raise field_error(kind, _("Give one time limit per channel (and case)."))
    if kind == "cases":
        names = [r.key for r in rows]  # type: ignore[attr-defined]
        if len(names) != len(set(names)):
            raise field_error(kind, _("Case keys must be unique."))


def _keep_documents(
    rows: list[models.Model], parsed: list[BaseModel], existing: dict[int, RequiredDocument]
) -> None:
    """Rows naming an existing document of the draft (``id``) keep its id and template file."""
    taken: set[int] = set()
    for row, item in zip(rows, parsed, strict=True):
        part_id = getattr(item, "id", None)
        old = existing.get(part_id) if part_id is not None and part_id not in taken else None
        if old is None:
            continue
        taken.add(old.pk)
        row.pk = old.pk
        row.template_file = old.template_file.name  # type: ignore[attr-defined]


def version_parts_set(
    *, actor: Any, version: ProcedureVersion, kind: str, items: list[dict[str, Any]]
) -> list[models.Model]:
    """Replace all parts of ``kind`` of a draft with ``items`` (in the given order)."""
    authorise(actor)
    schema, model = _kind(kind)
    parsed = [parse(schema, item, prefix=f"{kind}.{i}") for i, item in enumerate(items)]
    with transaction.atomic():
        draft = lock_draft(version)
        if kind == "cases":
            # Documents and limits of a removed case would go with it: refuse instead.
            keep = {p.key for p in parsed}  # type: ignore[attr-defined]
            gone = ProcedureCase.objects.filter(version=draft).exclude(key__in=keep)
            if RequiredDocument.objects.filter(case__in=gone).exists() or (
                TimeLimit.objects.filter(case__in=gone).exists()
            ):
                raise field_error(kind, _("A removed case still has documents or time limits."))
        rows = [build_part(kind, draft, p, i, f"{kind}.{i}") for i, p in enumerate(parsed)]
        _check_unique(kind, draft, rows)
        existing: dict[int, RequiredDocument] = {}
        if kind == "documents":
            existing = {d.pk: d for d in RequiredDocument.objects.filter(version=draft)}
            _keep_documents(rows, parsed, existing)
        model.objects.filter(version=draft).delete()  # type: ignore[attr-defined]
        model.objects.bulk_create(rows)  # type: ignore[attr-defined]
        release_template_files(d.template_file.name for d in existing.values())
        return list(model.objects.filter(version=draft))  # type: ignore[attr-defined]


def _row(kind: str, part_id: int) -> tuple[models.Model, ProcedureVersion]:
    _schema, model = _kind(kind)
    row = model.objects.filter(pk=part_id).select_related("version").first()  # type: ignore[attr-defined]
    if row is None:
        raise NotFound(_("This part does not exist."))
    return row, row.version


def version_part_add(
    *, actor: Any, version: ProcedureVersion, kind: str, data: dict[str, Any]
) -> models.Model:
    """Append one part to a draft."""
    authorise(actor)
    schema, model = _kind(kind)
    item = parse(schema, data, prefix=kind)
    with transaction.atomic():
        draft = lock_draft(version)
        existing = list(model.objects.filter(version=draft))  # type: ignore[attr-defined]
        row = build_part(kind, draft, item, len(existing), kind)
        _check_unique(kind, draft, [*existing, row])
        row.save()
    return row


def version_part_update(
    *, actor: Any, kind: str, part_id: int, data: dict[str, Any]
) -> models.Model:
    """Replace the values of one part of a draft (all fields, as in ``inputs``)."""
    authorise(actor)
    schema, model = _kind(kind)
    item = parse(schema, data, prefix=kind)
    with transaction.atomic():
        old, version = _row(kind, part_id)
        draft = lock_draft(version)
        row = build_part(kind, draft, item, getattr(old, "position", 0), kind)
        row.pk = old.pk
        if kind == "documents":
            row.template_file = old.template_file.name  # type: ignore[attr-defined]
        others = list(model.objects.filter(version=draft).exclude(pk=old.pk))  # type: ignore[attr-defined]
        _check_unique(kind, draft, [*others, row])
        row.save()
    return row


def version_part_delete(*, actor: Any, kind: str, part_id: int) -> None:
    """Remove one part of a draft."""
    authorise(actor)
    with transaction.atomic():
        row, version = _row(kind, part_id)
        lock_draft(version)
        if kind == "cases" and (
            RequiredDocument.objects.filter(case_id=part_id).exists()
            or TimeLimit.objects.filter(case_id=part_id).exists()
        ):
            raise ValidationFailed(
                _("This case still has documents or time limits."),
                details={"cases": [_("This case still has documents or time limits.")]},
            )
        row.delete()
        if kind == "documents":
            release_template_files([row.template_file.name])  # type: ignore[attr-defined]
