# SPDX-License-Identifier: AGPL-3.0-or-later
"""Papers of a dossier: validation of uploads and the check of mandatory components.

Legal basis: Decree 61/2018/NĐ-CP Art 17(1) (check completeness against the published list, scan
and store an electronic copy; missing papers are listed once, completely); Decree 118/2025 Art
17(1)(c); Decree 224/2026 Art 18(4) (data already held are reused, not asked again).

Bad input — zero-byte or oversize files, forbidden types, a type that does not match the
extension (an .exe renamed .pdf), path tricks in names — raises ``ValidationFailed`` before
anything is written.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import DocumentRequirement
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core.errors import ValidationFailed
from motcua.core.rows import insert_rows
from motcua.core.writes import Writes
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services.pinned import parts_of

MAX_BYTES_DEFAULT = 20 * 1024 * 1024

# Sniffed MIME type → accepted extensions.
ALLOWED: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/tiff": (".tif", ".tiff"),
    "application/zip": (".docx", ".xlsx", ".odt", ".ods", ".zip"),
}
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


@dataclass
class DocumentIn:
    """One paper handed in: a file (upload or scan) or a reference to the data store."""

    component_id: int | None = None
    file: File[Any] | None = None
    name: str = ""
    scanned_at_receipt: bool = False
    reused_from_data_store: bool = False


def sanitise_name(name: str) -> str:
    """Base name only, NFC, no control or reserved characters, no leading dots, ≤ 200 chars."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    return base[-200:] or "document"


def sniff(head: bytes) -> str | None:
    for signature, mime in _SIGNATURES:
        if head.startswith(signature):
            return mime
    return None


@dataclass(frozen=True)
class CheckedDocument:
    spec: DocumentIn
    name: str
    content: bytes
    sha256: str
    mime: str


def check(items: list[DocumentIn]) -> list[CheckedDocument]:
    """Validate every upload; all problems at once, keyed ``documents.<i>``."""
    limit = int(getattr(settings, "DOSSIER_MAX_FILE_BYTES", MAX_BYTES_DEFAULT))
    errors: dict[str, list[str]] = {}
    out: list[CheckedDocument] = []
    for i, item in enumerate(items):
        key = f"documents.{i}"
        if item.file is None:
            if not item.reused_from_data_store:
                errors[key] = [str(_("Attach a file or take the paper from the data store."))]
            out.append(CheckedDocument(item, sanitise_name(item.name), b"", "", ""))
            continue
        name = sanitise_name(item.name or item.file.name or "")
        item.file.seek(0)
        content = item.file.read(limit + 1)
        mime = sniff(content[:16])
        ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if not content:
            errors[key] = [str(_("The file “%(name)s” is empty.") % {"name": name})]
        elif len(content) > limit:
            errors[key] = [
                str(_("The file “%(name)s” is larger than %(mb)s MB."))
                % {"name": name, "mb": limit // (1024 * 1024)}
            ]
        elif mime is None:
            errors[key] = [str(_("The type of “%(name)s” is not accepted.") % {"name": name})]
        elif ext not in ALLOWED[mime]:
            errors[key] = [
                str(_("The content of “%(name)s” does not match its extension.") % {"name": name})
            ]
        else:
            digest = hashlib.sha256(content).hexdigest()
            out.append(CheckedDocument(item, name, content, digest, mime))
    if errors:
        raise ValidationFailed(_("Some files cannot be accepted."), details=errors)
    return out


def mandatory_missing(
    version: ProcedureVersion, case_id: int | None, items: list[DocumentIn]
) -> list[RequiredDocument]:
    """Mandatory components of the pinned version (and case) not handed in (the complete list)."""
    given = {i.component_id for i in items if i.component_id is not None}
    return [
        doc
        for doc in parts_of(version).documents
        if doc.requirement == DocumentRequirement.MANDATORY
        and (doc.case_id is None or doc.case_id == case_id)
        and doc.pk not in given
    ]


def store(
    dossier: Dossier,
    checked: list[CheckedDocument],
    *,
    kind: str,
    actor: Any,
    writes: Writes | None = None,
) -> int:
    """Write the checked documents (files to the default storage, rows in one INSERT, or with
    the action's other ``writes``); returns how many."""
    rows = []
    for c in checked:
        row = DossierDocument(
            dossier=dossier,
            component_id=c.spec.component_id,
            kind=kind,
            original_name=c.name,
            sha256=c.sha256,
            size=len(c.content),
            mime=c.mime,
            scanned_at_receipt=c.spec.scanned_at_receipt,
            reused_from_data_store=c.spec.reused_from_data_store,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        if c.content:
            row.file.save(c.name, ContentFile(c.content), save=False)
        rows.append(row)
    if writes is None:
        insert_rows(rows)  # one prepared INSERT (core.rows): no ORM compilation per submission
    else:
        for row in rows:
            writes.insert(row)
    return len(rows)


def document_hand_in(
    *,
    actor: Any,
    dossier: Dossier | int,
    kind: str,
    documents: list[DocumentIn],
    version: int | None = None,
) -> Dossier:
    """Papers handed in outside a form of the desk (API upload), as the action they belong to.

    A supplement is the supplement of the current stage: at receipt (``supplement_at_receipt``,
    back to the receipt check; Decree 61/2018 Art 17(1)(a)) or during appraisal
    (``supplement_received``, the clock restarts or resumes; Art 19; Decree 118/2025 Art 11). A
    result file makes the result ready (Decree 61/2018 Art 20; Decree 118/2025 Art 22). Each goes
    through that action's service (lock, version, policy, ``check`` of every file, event), so a
    wrong state is a 409 with the allowed actions and a bad file leaves nothing behind.
    """
    from motcua.dossiers.services.closing import dossier_result_ready
    from motcua.dossiers.services.intake import dossier_supplement_at_receipt
    from motcua.dossiers.services.suspensions import dossier_supplement_received

    if not documents:
        message = _("Attach at least one file.")
        raise ValidationFailed(message, details={"files": [str(message)]})
    if kind == "result":
        return dossier_result_ready(
            actor=actor, dossier=dossier, documents=documents, version=version
        )
    if kind != "supplement":
        message = _("Unknown kind of paper.")
        raise ValidationFailed(message, details={"kind": [str(message)]})
    pk = dossier if isinstance(dossier, int) else dossier.pk
    status = Dossier.objects.filter(pk=pk).values_list("status", flat=True).first()
    if status == "receipt_supplement":
        return dossier_supplement_at_receipt(
            actor=actor, dossier=pk, documents=documents, version=version
        )
    return dossier_supplement_received(
        actor=actor, dossier=pk, documents=documents, version=version
    )
