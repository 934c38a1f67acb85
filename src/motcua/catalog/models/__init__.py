# SPDX-License-Identifier: AGPL-3.0-or-later
"""Models of the procedure catalogue; see docs/catalogue.md for the whole picture."""

from motcua.catalog.models.procedure import Field, Procedure
from motcua.catalog.models.process import ProcessStep
from motcua.catalog.models.version import (
    Fee,
    LegalBasis,
    ProcedureCase,
    ProcedureVersion,
    RequiredDocument,
    TimeLimit,
)

__all__ = [
    "Fee",
    "Field",
    "LegalBasis",
    "Procedure",
    "ProcedureCase",
    "ProcedureVersion",
    "ProcessStep",
    "RequiredDocument",
    "TimeLimit",
]
