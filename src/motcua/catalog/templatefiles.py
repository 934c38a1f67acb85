# SPDX-License-Identifier: AGPL-3.0-or-later
"""Form templates (mẫu đơn, tờ khai) of required documents: accepted kinds, file names, reads.

Legal basis: Decree 61/2018/NĐ-CP Art 15–17 and Decree 118/2025/NĐ-CP (the published papers of a
TTHC come with their form templates, public and free to download). The writes are in
``services.form_templates``; this module holds the rules they share with the interfaces (which
kinds are accepted and how they are recognised, how a name is made safe) and the reads used to
serve a template: through a view, never through ``MEDIA_URL``, so that the storage stays private
(dossier documents will share it and are not public).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage

from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import RequiredDocument

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_DIR = "catalog/templates"
NAME_MAX_BYTES = 200  # one path component: well below the usual 255-byte limit
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
PUBLIC_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.RETIRED)


@dataclass(frozen=True)
class Kind:
    content_type: str
    signature: bytes
    # For a ZIP container: a member every such file has (a name prefix), and for OpenDocument
    # the content of the ``mimetype`` member.
    member_prefix: str = ""
    mimetype: bytes = b""


KINDS: dict[str, Kind] = {
    "pdf": Kind("application/pdf", b"%PDF-"),
    "doc": Kind("application/msword", OLE2),
    "xls": Kind("application/vnd.ms-excel", OLE2),
    "docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
        member_prefix="word/",
    ),
    "xlsx": Kind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ZIP,
        member_prefix="xl/",
    ),
    "odt": Kind("application/vnd.oasis.opendocument.text", ZIP, mimetype=ODT_MIMETYPE),
}
ACCEPT = ",".join(f".{ext}" for ext in KINDS)

_UNSAFE = re.compile(r'[<>:"|?*\\/;]')


def max_bytes() -> int:
    """The largest template accepted (``CATALOG_TEMPLATE_MAX_BYTES``, default 10 MiB)."""
    return int(getattr(settings, "CATALOG_TEMPLATE_MAX_BYTES", DEFAULT_MAX_BYTES))


def storage() -> Storage:
    return RequiredDocument._meta.get_field("template_file").storage


def extension(name: str) -> str:
    """The lower-case extension of ``name`` without the dot ("" when there is none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def safe_filename(name: str) -> str:
    """``name`` as a single safe path component; Vietnamese letters are kept.

    Only the last component of a client path counts (``../../x.pdf`` and ``C:\\x\\y.pdf`` give
    ``x.pdf`` and ``y.pdf``); control, format and unassigned characters (NUL included) go,
    characters that are special to file systems or headers become ``_``, white space is
    collapsed, leading and trailing dots and spaces are stripped, the extension is lower-cased
    and the stem shortened to fit ``NAME_MAX_BYTES``. "" when nothing is left.
    """
    text = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(_UNSAFE.sub("_", text).split()).strip(" .")
    ext = extension(text)
    stem = text[: -len(ext) - 1].rstrip(" .") if ext else text
    if ext and not stem:
        return ""
    suffix = f".{ext}" if ext else ""
    while stem and len((stem + suffix).encode()) > NAME_MAX_BYTES:
        stem = stem[:-1].rstrip(" .")
    return f"{stem}{suffix}" if stem else ""


def content_matches(ext: str, file: IO[bytes]) -> bool:
    """Whether the content of ``file`` is of the kind its extension ``ext`` says.

    The signature (magic bytes) must match; a ZIP container must also hold the members of its
    kind (reading only the directory and at most a few bytes of ``mimetype``).
    """
    kind = KINDS.get(ext)
    if kind is None:
        return False
    file.seek(0)
    head = file.read(len(kind.signature))
    file.seek(0)
    if head != kind.signature:
        return False
    if kind.signature != ZIP:
        return True
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if kind.mimetype:
                if "mimetype" not in names:
                    return False
                with archive.open("mimetype") as member:
                    return member.read(len(kind.mimetype) + 1).strip() == kind.mimetype
            return "[Content_Types].xml" in names and any(
                n.startswith(kind.member_prefix) for n in names
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        file.seek(0)


def ascii_filename(name: str) -> str:
    """An ASCII stand-in for ``name`` (the ``filename=`` fallback): "Tờ khai đăng ký.docx" →
    "To khai dang ky.docx"; anything else outside printable ASCII becomes ``_``."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    text = "".join(ch if " " <= ch <= "~" and ch not in '"\\' else "_" for ch in text)
    return text or "template"


def attachment_disposition(name: str) -> str:
    """``Content-Disposition`` for a download: an ASCII fallback and the UTF-8 name (RFC 6266,
    RFC 5987 ``filename*``)."""
    return (
        f"attachment; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
    )


@dataclass
class TemplateDownload:
    filename: str
    content_type: str
    file: File[Any]


def filename_of(document: RequiredDocument) -> str:
    """The name the template is offered under (the last component of its stored name)."""
    return document.template_file.name.rsplit("/", 1)[-1] if document.template_file else ""


def document_with_template(
    *, code: str, document_id: int, number: int | None = None, public: bool = True
) -> RequiredDocument | None:
    """The document ``document_id`` of procedure ``code`` (and version ``number``) when it has a
    template; ``public`` limits it to published (or retired, still public) versions."""
    qs = RequiredDocument.objects.select_related("version").filter(
        pk=document_id, version__procedure__code=code
    )
    if number is not None:
        qs = qs.filter(version__number=number)
    if public:
        qs = qs.filter(version__status__in=PUBLIC_STATUSES)
    document = qs.exclude(template_file="").first()
    return document if document is not None and document.template_file else None


def template_open(document: RequiredDocument) -> TemplateDownload | None:
    """The stored template of ``document``, opened for reading; None when the file is missing."""
    name = document.template_file.name if document.template_file else ""
    if not name:
        return None
    ext = extension(name)
    kind = KINDS.get(ext)
    try:
        file = storage().open(name, "rb")
    except OSError:
        return None
    return TemplateDownload(
        filename=filename_of(document),
        content_type=kind.content_type if kind else "application/octet-stream",
        file=file,
    )
