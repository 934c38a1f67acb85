# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of procedures and fields (lĩnh vực).

Legal basis: Decree 118/2025/NĐ-CP (publication of the TTHC list); Circular 01/2018/TT-VPCP
Art 20 (sector code ``MX1X2-LV``); national code ``d.dddddd`` (docs/DOMAIN.md §5.3).
Every service is keyword-only, authorises first, runs in one transaction and raises
ValidationFailed with field details before writing anything. The search index follows.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from motcua.catalog import indexing
from motcua.catalog.inputs import ProcedureIn, parse
from motcua.catalog.models import Field, Procedure
from motcua.catalog.services._common import authorise, field_error
from motcua.core.errors import ValidationFailed
from motcua.core.text import fold_vi, nfc
from motcua.units.models import UnitLevel

GENERATED_FIELD_PREFIX = "gen-"


def field_generated_code(name: str) -> str:
    """A stable code for a field known by name only: ``gen-`` + slug + 6 hex of the folded name.

    The same name always gives the same code; the hash keeps codes unique when slugs collide.
    """
    folded = fold_vi(nfc(name))
    digest = hashlib.sha1(folded.encode(), usedforsecurity=False).hexdigest()[:6]
    return f"{GENERATED_FIELD_PREFIX}{slugify(folded)[:48]}-{digest}"


def field_ensure(*, name_vi: str, code: str = "", name_en: str = "") -> tuple[Field, bool]:
    """The field named ``name_vi`` (NFC), created with ``code`` or a generated code. No auth:
    used by the importer and by the authorised services below."""
    name_vi = nfc(name_vi)
    existing = Field.objects.filter(name_vi=name_vi).first()
    if existing is not None:
        return existing, False
    field = Field.objects.create(
        code=code or field_generated_code(name_vi),
        code_generated=not code,
        name_vi=name_vi,
        name_en=name_en,
    )
    return field, True


def field_save(*, actor: Any, name_vi: str, code: str = "", name_en: str = "") -> Field:
    """Create a field, or give an existing one its official code / English name."""
    authorise(actor)
    if not nfc(name_vi):
        raise field_error("name_vi", _("This field is required."))
    with transaction.atomic():
        field, created = field_ensure(name_vi=name_vi, code=code, name_en=name_en)
        if not created and (code or name_en):
            if code and Field.objects.exclude(pk=field.pk).filter(code=code).exists():
                raise field_error("code", _("Another field has this code."))
            if code:
                field.code, field.code_generated = code, False
            if name_en:
                field.name_en = name_en
            field.save()
    return field


def _apply(procedure: Procedure, data: ProcedureIn) -> list[UnitLevel]:
    """Copy validated values onto ``procedure``; returns the levels (M2M set after save)."""
    errors: dict[str, list[str]] = {}
    field = None
    if data.field_code:
        field = Field.objects.filter(code=data.field_code).first()
        if field is None:
            errors["field_code"] = [_("Unknown field.")]
    levels = list(UnitLevel.objects.filter(code__in=data.level_codes))
    missing = sorted(set(data.level_codes) - {lv.code for lv in levels})
    if missing:
        errors["level_codes"] = [_("Unknown level: %(codes)s.") % {"codes": ", ".join(missing)}]
    if errors:
        raise ValidationFailed(_("Some values are not valid."), details=errors)
    for name in (
        "code",
        "name_vi",
        "name_en",
        "levels_text",
        "competent_agency_kinds",
        "competent_authority_text",
        "implementing_agencies_text",
        "applicant_types",
        "issuing_ministry",
        "source_url",
        "needs_review",
        "review_notes",
    ):
        setattr(procedure, name, getattr(data, name))
    procedure.field = field
    procedure.results = [r.model_dump() for r in data.results]
    return levels


def procedure_create(*, actor: Any, data: dict[str, Any]) -> Procedure:
    """Create a procedure (no version yet). ``data`` follows ``inputs.ProcedureIn``.

    Pre: the code is a well-formed national code not used by another procedure.
    Post: the procedure is indexed for search (not public until a version is published).
    """
    authorise(actor)
    values = parse(ProcedureIn, data)
    with transaction.atomic():
        if Procedure.objects.filter(code=values.code).exists():
            raise field_error("code", _("A procedure with this code already exists."), "duplicate")
        procedure = Procedure()
        levels = _apply(procedure, values)
        procedure.save()
        procedure.levels.set(levels)
        indexing.procedure_reindex(procedure)
    return procedure


def procedure_update(*, actor: Any, procedure: Procedure, data: dict[str, Any]) -> Procedure:
    """Replace the descriptive data of a procedure (the code may not change).

    Versions are untouched; the search entry is refreshed.
    """
    authorise(actor)
    values = parse(ProcedureIn, {"code": procedure.code, **data})
    if values.code != procedure.code:
        raise field_error("code", _("The national code of a procedure cannot change."))
    with transaction.atomic():
        fresh = Procedure.objects.select_for_update().get(pk=procedure.pk)
        levels = _apply(fresh, values)
        fresh.save()
        fresh.levels.set(levels)
        indexing.procedure_reindex(fresh)
    return fresh
