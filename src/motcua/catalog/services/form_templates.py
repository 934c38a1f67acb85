# SPDX-License-Identifier: AGPL-3.0-or-later
"""Upload and removal of the form template (mẫu đơn, tờ khai) of a required document of a draft.

Legal basis: Decree 61/2018/NĐ-CP Art 15–17, Decree 118/2025/NĐ-CP (published papers with their
form templates); published versions are immutable (a change is a new draft, which shares the
template files of the version it copies). Accepted: PDF, Word (.doc, .docx), Excel (.xls,
.xlsx) and OpenDocument text (.odt), recognised by extension *and* content, up to
``CATALOG_TEMPLATE_MAX_BYTES`` (``templatefiles``). A file is stored once under a random directory
and never changed; a file is deleted only after the commit that leaves no document referring to
it, so a published version never loses its template. Errors name the field ``template_file``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from motcua.catalog import templatefiles
from motcua.catalog.models import RequiredDocument
from motcua.catalog.services._common import authorise, field_error, lock_draft
from motcua.core.errors import NotFound

FIELD = "template_file"
PATH_MAX = RequiredDocument._meta.get_field("template_file").max_length or 255


def _locked_document(document_id: int) -> RequiredDocument:
    """The document, locked with its draft version (ValidationFailed for a published one)."""
    document = (
        RequiredDocument.objects.select_related("version__procedure").filter(pk=document_id).first()
    )
    if document is None:
        raise NotFound(_("This part does not exist."))
    lock_draft(document.version)
    fresh = RequiredDocument.objects.select_for_update().filter(pk=document_id).first()
    if fresh is None:
        raise NotFound(_("This part does not exist."))
    return fresh


def _checked_name(upload: Any) -> str:
    """The safe name to store ``upload`` under; ValidationFailed on ``template_file`` otherwise."""
    if upload is None:
        raise field_error(FIELD, _("Choose a file."))
    name = templatefiles.safe_filename(getattr(upload, "name", "") or "")
    ext = templatefiles.extension(name)
    if ext not in templatefiles.KINDS:
        raise field_error(
            FIELD,
            _("Upload a PDF, Word (.doc, .docx), Excel (.xls, .xlsx) or OpenDocument (.odt) file."),
        )
    size = upload.size
    if not size:
        raise field_error(FIELD, _("The file is empty."))
    limit = templatefiles.max_bytes()
    if size > limit:
        raise field_error(
            FIELD, _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}
        )
    if not templatefiles.content_matches(ext, getattr(upload, "file", upload)):
        raise field_error(
            FIELD,
            _("The content of the file is not a %(kind)s document.") % {"kind": ext.upper()},
        )
    return name


def _path(name: str) -> str:
    directory = f"{templatefiles.UPLOAD_DIR}/{secrets.token_hex(8)}/"
    ext = templatefiles.extension(name)
    stem = name[: -len(ext) - 1]
    while len(directory) + len(stem) + len(ext) + 1 > PATH_MAX and len(stem) > 1:
        stem = stem[:-1]
    return f"{directory}{stem}.{ext}"


def release_template_files(names: Iterable[str]) -> None:
    """Once the transaction commits, delete those of ``names`` no document refers to any more.

    Draft copies share the files of their source, so a file leaves only with its last reference;
    only files under the templates directory are ever deleted.
    """
    prefix = f"{templatefiles.UPLOAD_DIR}/"
    pending = {n for n in names if n and n.startswith(prefix)}
    if not pending:
        return

    def delete_unreferenced() -> None:
        used = set(
            RequiredDocument.objects.filter(template_file__in=pending).values_list(
                "template_file", flat=True
            )
        )
        store = templatefiles.storage()
        for name in pending - used:
            store.delete(name)

    transaction.on_commit(delete_unreferenced)


def document_template_set(*, actor: Any, document_id: int, upload: Any) -> RequiredDocument:
    """Attach ``upload`` (a Django ``File``) as the template of a document of a draft, replacing
    any previous one. Nothing is kept when anything fails (the stored file is removed)."""
    authorise(actor)
    stored = ""
    try:
        with transaction.atomic():
            document = _locked_document(document_id)
            name = _checked_name(upload)
            previous = document.template_file.name if document.template_file else ""
            upload.seek(0)
            stored = templatefiles.storage().save(_path(name), upload, max_length=PATH_MAX)
            document.template_file.name = stored
            document.save(update_fields=["template_file"])
            release_template_files([previous])
    except BaseException:
        if stored:
            templatefiles.storage().delete(stored)
        raise
    return document


def document_template_clear(*, actor: Any, document_id: int) -> RequiredDocument:
    """Remove the template of a document of a draft (the file goes once nothing refers to it)."""
    authorise(actor)
    with transaction.atomic():
        document = _locked_document(document_id)
        previous = document.template_file.name if document.template_file else ""
        if previous:
            document.template_file = ""
            document.save(update_fields=["template_file"])
            release_template_files([previous])
    return document
