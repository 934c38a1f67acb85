# SPDX-License-Identifier: AGPL-3.0-or-later
"""Papers and printed forms of a dossier in the API (issue 5 item 10), on the dossiers router.

Legal basis: Decree 61/2018/NĐ-CP Art 17(1) (papers checked and stored electronically), Art 19–20
(supplements, results); Decree 118/2025 Art 11, 22; Circular 01/2018/TT-VPCP Art 10 and Circular
03/2025 (forms produced in the system: receipt, supplement request, refusal, apology, stop
notice, control slip). Visibility is ``dossiers.selectors.dossier_get_visible`` (outside the
caller's scope: 404); uploads go through ``services.documents`` (size, sniffed type, empty files,
names) inside the action they belong to, with the version from ``If-Match`` or the form.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, UploadedFile

from motcua.api.routers import dossiers_schemas as s
from motcua.api.routers.dossiers import IF_MATCH, _detail, _expected_version, _visible, router
from motcua.core.documents import render_kind
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers import services as sv
from motcua.dossiers.receipts import document_context, printable_kinds
from motcua.dossiers.services.documents import document_hand_in, sanitise_name

_BINARY = {
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
}
_PDF = {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


@router.get(
    "/dossiers/{ref}/documents",
    response=list[s.DocumentOut],
    summary="Papers of a dossier",
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/json": {
                        "example": [
                            {
                                "id": 2051,
                                "kind": "submitted",
                                "component_id": 31,
                                "component": "Tờ khai đăng ký kết hôn",
                                "original_name": "to-khai.pdf",
                                "size": 48213,
                                "mime": "application/pdf",
                                "sha256": "9f86d081884c7d659a2feaa0c55ad015"
                                "a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                "scanned_at_receipt": True,
                                "reused_from_data_store": False,
                                "uploaded_at": "2026-11-27T09:02:11+07:00",
                                "has_file": True,
                            }
                        ]
                    }
                },
            }
        }
    },
)
def list_documents(request: HttpRequest, ref: str) -> Any:
    """Submitted, supplement, result and internal papers, oldest first."""
    d = _visible(request, ref)
    return list(d.documents.select_related("component").order_by("pk"))


@router.get(
    "/dossiers/{ref}/documents/{document_id}/file",
    response={200: None},
    summary="Download a paper",
    openapi_extra={"responses": {200: {"description": "The file", **_BINARY}}},
)
def download_document(request: HttpRequest, ref: str, document_id: int) -> Any:
    """The stored file with its sniffed type, as an attachment under its sanitised name."""
    d = _visible(request, ref)
    doc = d.documents.filter(pk=document_id).first()
    if doc is None or not doc.file:
        raise NotFound(_("No such paper, or it has no file."))
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise NotFound(_("No such paper, or it has no file.")) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=sanitise_name(doc.original_name),
        content_type=doc.mime or "application/octet-stream",
    )


@router.post(
    "/dossiers/{ref}/documents",
    response=s.DossierDetailOut,
    summary="Hand in papers (supplement or result)",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {"additionalProperties": False},
                    "example": {"kind": "supplement", "component_id": 31, "version": 5},
                }
            }
        }
    },
)
def upload_documents(
    request: HttpRequest,
    ref: str,
    response: HttpResponse,
    data: Form[s.DocumentUploadIn],
    files: File[list[UploadedFile]],
    if_match: str | None = IF_MATCH,
) -> Any:
    """Multipart upload (`files`, one or more). `kind=supplement` records the supplement of the
    current stage (at receipt or during appraisal); `kind=result` makes the result ready with the
    electronic result. Each file is checked (size limit, type sniffed from the content and
    matching the extension, not empty; names are sanitised): one bad file refuses all, nothing is
    stored and the dossier and its history are unchanged. Stale version: 409."""
    unknown = sorted(set(request.POST) - set(s.DocumentUploadIn.model_fields))
    unknown += sorted(set(request.FILES) - {"files"})
    if unknown:  # multipart bodies are as strict as the JSON ones (InputSchema)
        message = _("Unknown field.")
        raise ValidationFailed(message, details={k: [message] for k in unknown})
    version = _expected_version(if_match, data.version)
    d = _visible(request, ref)
    documents = [
        sv.DocumentIn(component_id=data.component_id, file=f, name=f.name or "") for f in files
    ]
    done = document_hand_in(
        actor=request.auth,  # type: ignore[attr-defined]
        dossier=d.pk,
        kind=data.kind,
        documents=documents,
        version=version,
    )
    return _detail(request, done, response)


@router.get(
    "/dossiers/{ref}/print/{kind}",
    response={200: None},
    summary="A printed form as PDF",
    openapi_extra={"responses": {200: {"description": "The PDF", **_PDF}}},
)
def print_document(request: HttpRequest, ref: str, kind: s.PrintKind) -> Any:
    """Receipt (Mẫu 01), supplement request (Mẫu 02), refusal (Mẫu 03), apology (Mẫu 04), stop
    notice (Circular 03/2025 Mẫu 05) and control slip; 404 when the dossier has no such form
    yet (e.g. no refusal was issued)."""
    d = _visible(request, ref)
    if kind not in printable_kinds(d):
        raise NotFound(_("This dossier has no such document."))
    context = document_context(d, kind)
    if context["lookup_url"] and not context["lookup_url"].startswith(("http://", "https://")):
        context["lookup_url"] = request.build_absolute_uri(context["lookup_url"])
    response = HttpResponse(render_kind(kind, context), content_type="application/pdf")
    name = f"{d.code or f'id-{d.pk}'}-{kind}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
