# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes of the procedure catalogue. Import from here; see each module for the legal basis."""

from motcua.catalog.services.form_templates import (
    document_template_clear,
    document_template_set,
)
from motcua.catalog.services.parts import (
    PART_KINDS,
    version_part_add,
    version_part_delete,
    version_part_update,
    version_parts_set,
)
from motcua.catalog.services.procedures import (
    field_ensure,
    field_generated_code,
    field_save,
    procedure_create,
    procedure_update,
)
from motcua.catalog.services.validation import Problem, version_validate
from motcua.catalog.services.versions import (
    version_create_draft,
    version_publish,
    version_retire,
    version_update,
)

__all__ = [
    "PART_KINDS",
    "Problem",
    "document_template_clear",
    "document_template_set",
    "field_ensure",
    "field_generated_code",
    "field_save",
    "procedure_create",
    "procedure_update",
    "version_create_draft",
    "version_part_add",
    "version_part_delete",
    "version_part_update",
    "version_parts_set",
    "version_publish",
    "version_retire",
    "version_update",
    "version_validate",
]
