# SPDX-License-Identifier: AGPL-3.0-or-later
"""Keeps the search index (``motcua.search``) in step with the catalogue.

One search document per procedure: doc_type ``procedure``, object_id = the national code,
title = the name, body = field, results, authorities and the in-force version's decision, url =
``/procedures/<code>/``. ``extra`` carries what filters may need without a join.
"""

from __future__ import annotations

from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core import clock
from motcua.search.services import search_document_delete, search_document_upsert

DOC_TYPE = "procedure"


def procedure_url(code: str) -> str:
    return f"/procedures/{code}/"


def _in_force_today(procedure: Procedure) -> ProcedureVersion | None:
    from motcua.catalog.selectors import version_in_force_q

    return (
        ProcedureVersion.objects.filter(version_in_force_q(clock.today()), procedure=procedure)
        .order_by("-effective_from")
        .first()
    )


_LOOKUP = object()


def procedure_document(
    procedure: Procedure, version: ProcedureVersion | object | None = _LOOKUP
) -> dict[str, object]:
    """The search document of ``procedure`` (keyword arguments of ``search_document_upsert``).

    ``version`` is the version in force today when the caller already knows it.
    """
    if version is _LOOKUP:
        version = _in_force_today(procedure)
    assert version is None or isinstance(version, ProcedureVersion)  # noqa: S101
    parts = [
        procedure.field.name_vi if procedure.field else "",
        " ".join(str(r.get("name", "")) for r in procedure.results),
        procedure.competent_authority_text,
        procedure.implementing_agencies_text,
        procedure.issuing_ministry,
        procedure.name_en,
    ]
    if version is not None:
        parts.append(version.decision_number)
    return {
        "doc_type": DOC_TYPE,
        "object_id": procedure.code,
        "title": procedure.name_vi,
        "body": "\n".join(p for p in parts if p),
        "url": procedure_url(procedure.code),
        "extra": {
            "field": procedure.field.code if procedure.field else "",
            "in_force": version is not None,
            "service_mode": version.service_mode if version else "",
            "version": version.number if version else None,
            "published": version is not None and version.status == VersionStatus.PUBLISHED,
        },
    }


def procedure_reindex(procedure: Procedure) -> None:
    """Upsert the search document of ``procedure`` (call inside the writing transaction)."""
    search_document_upsert(**procedure_document(procedure))  # type: ignore[arg-type]


def procedure_unindex(code: str) -> None:
    search_document_delete(doc_type=DOC_TYPE, object_id=code)


def procedure_reindex_all() -> int:
    """Rebuild every procedure document in one bulk operation; returns the number indexed."""
    from motcua.catalog.selectors import version_in_force_q
    from motcua.search.services import SearchInput, search_reindex

    in_force = {
        v.procedure_id: v
        for v in ProcedureVersion.objects.filter(version_in_force_q(clock.today()))
    }
    procedures = Procedure.objects.select_related("field").order_by("code")
    documents = []
    for procedure in procedures.iterator(chunk_size=500):
        doc = procedure_document(procedure, in_force.get(procedure.pk))
        documents.append(
            SearchInput(
                object_id=str(doc["object_id"]),
                title=str(doc["title"]),
                body=str(doc["body"]),
                url=str(doc["url"]),
                extra=doc["extra"],  # type: ignore[arg-type]
            )
        )
    return search_reindex(doc_type=DOC_TYPE, documents=documents)
