# SPDX-License-Identifier: AGPL-3.0-or-later
"""Form templates of required documents: upload checks, safe names, drafts only, and keeping the
file through parts saves and new drafts (the services in ``services.form_templates``)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError
from django.test import override_settings
from django.utils import translation

from motcua.catalog import templatefiles
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.services import (
    document_template_clear,
    document_template_set,
    version_create_draft,
    version_part_delete,
    version_part_update,
    version_parts_set,
    version_publish,
)
from motcua.catalog.tests.conftest import make_draft
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
OLE2 = templatefiles.OLE2 + b"\x00" * 504
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zipped({"mimetype": templatefiles.ODT_MIMETYPE, "content.xml": b"<office:document/>"})


def upload(name: str, content: bytes = PDF) -> ContentFile[bytes]:
    """A file named as a client sent it (``UploadedFile`` would already drop directories)."""
    return ContentFile(content, name=name)


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def draft(editor: Any, levels: None) -> ProcedureVersion:
    version = make_draft(editor)
    version_parts_set(
        actor=editor,
        version=version,
        kind="documents",
        items=[
            {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "template_name": "TK-KS"},
            {"name": "Giấy chứng sinh", "originals": 1},
        ],
    )
    return version


def first_document(version: ProcedureVersion) -> RequiredDocument:
    return RequiredDocument.objects.filter(version=version).order_by("position").first()  # type: ignore[return-value]


def test_upload_stores_the_file_under_a_random_directory(
    editor: Any, draft: ProcedureVersion, media: Path
) -> None:
    document = first_document(draft)
    saved = document_template_set(
        actor=editor, document_id=document.pk, upload=upload("Tờ khai đăng ký khai sinh.pdf")
    )
    name = RequiredDocument.objects.get(pk=document.pk).template_file.name
    assert saved.template_file.name == name
    prefix, directory, filename = name.split("/")[-3:]
    assert name.startswith("catalog/templates/") and prefix == "templates"
    assert len(directory) == 16 and int(directory, 16) >= 0
    assert filename == "Tờ khai đăng ký khai sinh.pdf"
    assert (media / name).read_bytes() == PDF
    assert templatefiles.filename_of(saved) == filename


@pytest.mark.parametrize(
    ("name", "content", "kept"),
    [
        ("MẪU.DOCX", DOCX, "MẪU.docx"),
        ("bảng.xlsx", XLSX, "bảng.xlsx"),
        ("tờ khai.odt", ODT, "tờ khai.odt"),
        ("mẫu.doc", OLE2, "mẫu.doc"),
        ("bảng.XLS", OLE2, "bảng.xls"),
    ],
)
def test_every_accepted_kind_is_recognised(
    editor: Any, draft: ProcedureVersion, media: Path, name: str, content: bytes, kept: str
) -> None:
    document = first_document(draft)
    saved = document_template_set(
        actor=editor, document_id=document.pk, upload=upload(name, content)
    )
    assert templatefiles.filename_of(saved) == kept
    assert (media / saved.template_file.name).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("mau.pdf", EXE),  # an executable renamed
        ("mau.docx", PDF),  # the wrong kind
        ("mau.docx", zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b""})),
        ("mau.odt", zipped({"content.xml": b""})),
        ("mau.xlsx", b"PK\x03\x04 not really a zip"),
        ("mau.exe", EXE),
        ("mau", PDF),
        ("mau.pdf.exe", PDF),
        (".pdf", PDF),
        ("../..", PDF),
    ],
)
def test_wrong_kinds_are_refused_and_nothing_is_stored(
    editor: Any, draft: ProcedureVersion, media: Path, name: str, content: bytes
) -> None:
    document = first_document(draft)
    with pytest.raises(ValidationFailed) as exc:
        document_template_set(actor=editor, document_id=document.pk, upload=upload(name, content))
    assert list(exc.value.details) == ["template_file"]
    assert not RequiredDocument.objects.get(pk=document.pk).template_file
    assert stored_files(media) == []


def test_empty_file_is_refused(editor: Any, draft: ProcedureVersion, media: Path) -> None:
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        document_template_set(
            actor=editor, document_id=first_document(draft).pk, upload=upload("mau.pdf", b"")
        )
    assert exc.value.details["template_file"] == ["The file is empty."]
    assert stored_files(media) == []


def test_oversize_file_is_refused(editor: Any, draft: ProcedureVersion, media: Path) -> None:
    document = first_document(draft)
    with override_settings(CATALOG_TEMPLATE_MAX_BYTES=len(PDF) - 1):
        with pytest.raises(ValidationFailed) as exc:
            document_template_set(actor=editor, document_id=document.pk, upload=upload("a.pdf"))
        assert "template_file" in exc.value.details
    assert stored_files(media) == []
    with override_settings(CATALOG_TEMPLATE_MAX_BYTES=len(PDF)):
        document_template_set(actor=editor, document_id=document.pk, upload=upload("a.pdf"))
    assert templatefiles.max_bytes() == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/Tờ khai.pdf", "Tờ khai.pdf"),
        ("/var/lib/đơn đề nghị.pdf", "đơn đề nghị.pdf"),
        ("C:\\Users\\An\\Mẫu số 01.PDF", "Mẫu số 01.pdf"),
        ("..\\..\\Mẫu.pdf", "Mẫu.pdf"),
        ("a\x00b\x07c\u202ed.pdf", "abcd.pdf"),
        ("  ..hidden  name .pdf", "hidden name.pdf"),
        ('tờ<khai>:"x"|?*;.pdf', "tờ_khai___x_____.pdf"),
        ("Tờ khai đăng ký khai sinh.pdf", "Tờ khai đăng ký khai sinh.pdf"),
        ("To\u0300 khai.pdf", "Tò khai.pdf"),  # NFC
    ],
)
def test_safe_filename(given: str, kept: str) -> None:
    assert templatefiles.safe_filename(given) == kept


def test_long_names_are_shortened_within_the_limits() -> None:
    name = templatefiles.safe_filename("Đ" * 300 + ".docx")
    assert name.endswith(".docx") and len(name.encode()) <= templatefiles.NAME_MAX_BYTES


def test_path_tricks_are_stored_inside_the_templates_directory(
    editor: Any, draft: ProcedureVersion, media: Path
) -> None:
    document = first_document(draft)
    saved = document_template_set(
        actor=editor, document_id=document.pk, upload=upload("../../../../tmp/Mẫu\x00.pdf")
    )
    name = saved.template_file.name
    assert ".." not in name and name.endswith("/Mẫu.pdf")
    [path] = stored_files(media)
    assert path.resolve().is_relative_to((media / "catalog" / "templates").resolve())


def test_handler_cannot_upload_or_remove(
    editor: Any, handler: Any, draft: ProcedureVersion, media: Path
) -> None:
    document = first_document(draft)
    with pytest.raises(PermissionDenied):
        document_template_set(actor=handler, document_id=document.pk, upload=upload("a.pdf"))
    with pytest.raises(PermissionDenied):
        document_template_clear(actor=handler, document_id=document.pk)
    assert stored_files(media) == []


def test_unknown_document_is_not_found(editor: Any, media: Path) -> None:
    with pytest.raises(NotFound):
        document_template_set(actor=editor, document_id=999999, upload=upload("a.pdf"))


def test_published_versions_refuse_changes(
    editor: Any, draft: ProcedureVersion, media: Path
) -> None:
    document = first_document(draft)
    document_template_set(actor=editor, document_id=document.pk, upload=upload("a.pdf"))
    version_publish(actor=editor, version=draft)
    before = stored_files(media)
    with pytest.raises(ValidationFailed) as exc:
        document_template_set(actor=editor, document_id=document.pk, upload=upload("b.pdf"))
    assert exc.value.code == "version_immutable"
    with pytest.raises(ValidationFailed) as exc:
        document_template_clear(actor=editor, document_id=document.pk)
    assert exc.value.code == "version_immutable"
    assert stored_files(media) == before
    assert RequiredDocument.objects.get(pk=document.pk).template_file.name.endswith("/a.pdf")


def test_a_failed_save_removes_the_stored_file(
    editor: Any, draft: ProcedureVersion, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = first_document(draft)

    def broken_save(self: Any, *args: Any, **kwargs: Any) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(RequiredDocument, "save", broken_save)
    with pytest.raises(DatabaseError):
        document_template_set(actor=editor, document_id=document.pk, upload=upload("a.pdf"))
    assert stored_files(media) == []
    monkeypatch.undo()
    assert not RequiredDocument.objects.get(pk=document.pk).template_file


def test_replace_and_clear_delete_unreferenced_files_after_commit(
    editor: Any,
    draft: ProcedureVersion,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = first_document(draft)
    with django_capture_on_commit_callbacks(execute=True):
        first = document_template_set(
            actor=editor, document_id=document.pk, upload=upload("a.pdf")
        ).template_file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = document_template_set(
            actor=editor, document_id=document.pk, upload=upload("b.docx", DOCX)
        ).template_file.name
    assert [p.relative_to(media).as_posix() for p in stored_files(media)] == [second]
    assert first != second
    with django_capture_on_commit_callbacks(execute=True):
        cleared = document_template_clear(actor=editor, document_id=document.pk)
    assert not cleared.template_file
    assert stored_files(media) == []


def _items(version: ProcedureVersion, *, with_ids: bool) -> list[dict[str, Any]]:
    return [
        {"name": d.name, "originals": d.originals, **({"id": d.pk} if with_ids else {})}
        for d in RequiredDocument.objects.filter(version=version)
    ]


def test_parts_save_keeps_the_file_of_rows_it_keeps(
    editor: Any,
    draft: ProcedureVersion,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = first_document(draft)
    name = document_template_set(
        actor=editor, document_id=document.pk, upload=upload("a.pdf")
    ).template_file.name
    items = _items(draft, with_ids=True)
    items[0]["name"] = "Tờ khai (mẫu mới)"
    with django_capture_on_commit_callbacks(execute=True):
        rows = version_parts_set(actor=editor, version=draft, kind="documents", items=items)
    kept = {r.pk: r for r in rows}[document.pk]
    assert (kept.name, kept.template_file.name) == ("Tờ khai (mẫu mới)", name)
    assert (media / name).exists()

    # Swapped rows keep their own ids and files; an unknown id is just a new row.
    swapped = [items[1], items[0], {"id": 999999, "name": "Giấy tờ mới"}]
    rows = version_parts_set(actor=editor, version=draft, kind="documents", items=swapped)
    assert [r.name for r in rows] == ["Giấy chứng sinh", "Tờ khai (mẫu mới)", "Giấy tờ mới"]
    assert [bool(r.template_file) for r in rows] == [False, True, False]
    assert rows[2].pk != 999999

    # One row edited alone keeps it too.
    version_part_update(
        actor=editor, kind="documents", part_id=document.pk, data={"name": "Tờ khai sửa"}
    )
    assert RequiredDocument.objects.get(pk=document.pk).template_file.name == name

    # Without the id the row is a new one: the file goes once committed.
    with django_capture_on_commit_callbacks(execute=True):
        version_parts_set(
            actor=editor, version=draft, kind="documents", items=_items(draft, with_ids=False)
        )
    assert not RequiredDocument.objects.filter(version=draft).exclude(template_file="").exists()
    assert stored_files(media) == []


def test_deleting_a_document_releases_its_file(
    editor: Any,
    draft: ProcedureVersion,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = first_document(draft)
    document_template_set(actor=editor, document_id=document.pk, upload=upload("a.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        version_part_delete(actor=editor, kind="documents", part_id=document.pk)
    assert stored_files(media) == []


def test_new_draft_shares_the_file_and_never_deletes_the_published_one(
    editor: Any,
    draft: ProcedureVersion,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = first_document(draft)
    name = document_template_set(
        actor=editor, document_id=document.pk, upload=upload("Tờ khai.pdf")
    ).template_file.name
    version_publish(actor=editor, version=draft)
    new = version_create_draft(actor=editor, procedure=draft.procedure)
    copy = first_document(new)
    assert copy.pk != document.pk and copy.template_file.name == name

    with django_capture_on_commit_callbacks(execute=True):
        document_template_clear(actor=editor, document_id=copy.pk)
    with django_capture_on_commit_callbacks(execute=True):
        version_parts_set(actor=editor, version=new, kind="documents", items=[])
    assert (media / name).read_bytes() == PDF
    assert RequiredDocument.objects.get(pk=document.pk).template_file.name == name


def test_attachment_disposition_has_an_ascii_fallback_and_the_utf8_name() -> None:
    header = templatefiles.attachment_disposition('Tờ khai "đăng ký".pdf')
    assert header == (
        'attachment; filename="To khai _dang ky_.pdf"; '
        "filename*=UTF-8''T%E1%BB%9D%20khai%20%22%C4%91%C4%83ng%20k%C3%BD%22.pdf"
    )
