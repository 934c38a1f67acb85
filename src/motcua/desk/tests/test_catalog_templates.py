# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk version editor: form templates of the documents (upload, errors beside the row,
removal, download) on drafts; links only on published versions; editors only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from motcua.accounts.models import StaffProfile
from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_user
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.services import (
    document_template_set,
    procedure_create,
    version_create_draft,
    version_parts_set,
    version_publish,
)

CODE = "1.001193"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\ntrailer << >>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def _step(order: int) -> dict[str, Any]:
    return {
        "order": order,
        "name_vi": f"Bước {order}",
        "performer": "competent_agency",
        "role": "handler",
        "norm_amount": "1",
        "norm_unit": "working_day",
    }


@pytest.fixture
def cat(org: SimpleNamespace, media: Path) -> SimpleNamespace:
    """A catalogue administrator and a draft with two documents (not yet published)."""
    editor = make_user(username="danhmuc", full_name="Cán bộ danh mục")
    StaffProfile.objects.create(user=editor, agency=org.ppc)
    assign_role(editor, Role.CATALOGUE_ADMIN, org.ppc)
    procedure = procedure_create(
        actor=editor, data={"code": CODE, "name_vi": "Thủ tục đăng ký khai sinh"}
    )
    draft = version_create_draft(
        actor=editor,
        procedure=procedure,
        copy_current=False,
        data={"effective_from": dt.date(2026, 1, 1), "service_mode": "full_online"},
    )
    version_parts_set(
        actor=editor,
        version=draft,
        kind="time_limits",
        items=[{"channel": "in_person", "amount": "3", "unit": "working_day"}],
    )
    version_parts_set(actor=editor, version=draft, kind="steps", items=[_step(1), _step(2)])
    version_parts_set(
        actor=editor,
        version=draft,
        kind="documents",
        items=[
            {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "template_name": "TK-KS"},
            {"name": "Giấy chứng sinh", "originals": 1},
        ],
    )
    documents = list(RequiredDocument.objects.filter(version=draft))
    return SimpleNamespace(org=org, editor=editor, draft=draft, documents=documents, media=media)


def template_url(
    version: ProcedureVersion, document: RequiredDocument, remove: bool = False
) -> str:
    name = "desk:catalog_document_template_remove" if remove else "desk:catalog_document_template"
    return reverse(name, args=[CODE, version.number, document.pk])


def editor_url(version: ProcedureVersion) -> str:
    return reverse("desk:catalog_version", args=[CODE, version.number])


def pdf(name: str = "Tờ khai đăng ký khai sinh.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_upload_shows_the_template_and_downloads_it(client: Any, cat: SimpleNamespace) -> None:
    client.force_login(cat.editor)
    document = cat.documents[0]
    html = client.get(editor_url(cat.draft)).content.decode()
    assert f'id="template-{document.pk}"' in html
    assert (
        'enctype="multipart/form-data"' in html
        and f'action="{template_url(cat.draft, document)}"' in html
    )

    response = client.post(template_url(cat.draft, document), {"template_file": pdf()})
    assert response.status_code == 302
    assert response["Location"] == f"{editor_url(cat.draft)}#template-{document.pk}"
    stored = RequiredDocument.objects.get(pk=document.pk).template_file.name
    assert stored.endswith("/Tờ khai đăng ký khai sinh.pdf")
    assert (cat.media / stored).read_bytes() == PDF

    html = client.get(editor_url(cat.draft)).content.decode()
    assert "Tờ khai đăng ký khai sinh.pdf" in html
    assert template_url(cat.draft, document, remove=True) in html

    download = client.get(template_url(cat.draft, document))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith(
        "attachment; filename=\"To khai dang ky khai sinh.pdf\"; filename*=UTF-8''T%E1%BB%9D"
    )
    assert b"".join(download.streaming_content) == PDF


def test_a_refused_file_shows_the_error_beside_its_row(client: Any, cat: SimpleNamespace) -> None:
    client.force_login(cat.editor)
    document = cat.documents[1]
    response = client.post(
        template_url(cat.draft, document), {"template_file": pdf("giay-chung-sinh.pdf", EXE)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index(f'id="template-{document.pk}"') :]
    row = row[: row.index("</tr>")]
    assert f'id="template-errors-{document.pk}"' in row
    assert "The content of the file is not a PDF document." in row
    assert not RequiredDocument.objects.get(pk=document.pk).template_file
    assert not any(p.is_file() for p in cat.media.rglob("*"))

    response = client.post(template_url(cat.draft, document), {"template_file": pdf("x.pdf", b"")})
    assert "The file is empty." in response.content.decode()
    response = client.post(template_url(cat.draft, document), {})
    assert f'id="template-errors-{document.pk}"' in response.content.decode()


def test_remove_the_template(client: Any, cat: SimpleNamespace) -> None:
    client.force_login(cat.editor)
    document = cat.documents[0]
    document_template_set(actor=cat.editor, document_id=document.pk, upload=pdf())
    response = client.post(template_url(cat.draft, document, remove=True))
    assert response.status_code == 302
    assert not RequiredDocument.objects.get(pk=document.pk).template_file
    assert client.get(template_url(cat.draft, document)).status_code == 404


def test_saving_the_documents_formset_keeps_the_templates(
    client: Any, cat: SimpleNamespace
) -> None:
    client.force_login(cat.editor)
    first, second = cat.documents
    stored = document_template_set(
        actor=cat.editor, document_id=first.pk, upload=pdf()
    ).template_file.name
    html = client.get(editor_url(cat.draft)).content.decode()
    assert f'name="documents-0-id" value="{first.pk}"' in html
    data = {
        "documents-TOTAL_FORMS": 2,
        "documents-INITIAL_FORMS": 2,
        "documents-MIN_NUM_FORMS": 0,
        "documents-MAX_NUM_FORMS": 200,
        "documents-0-id": first.pk,
        "documents-0-name": "Tờ khai đăng ký khai sinh (sửa)",
        "documents-0-originals": 1,
        "documents-0-requirement": "mandatory",
        "documents-0-template_label": "TK-KS",
        "documents-1-id": second.pk,
        "documents-1-name": "Giấy chứng sinh",
        "documents-1-requirement": "mandatory",
        "documents-1-DELETE": "on",
    }
    url = reverse("desk:catalog_version_parts", args=[CODE, cat.draft.number, "documents"])
    assert client.post(url, data).status_code == 302
    [kept] = RequiredDocument.objects.filter(version=cat.draft)
    assert (kept.pk, kept.name, kept.template_file.name) == (
        first.pk,
        "Tờ khai đăng ký khai sinh (sửa)",
        stored,
    )


def test_published_versions_show_the_link_only(client: Any, cat: SimpleNamespace) -> None:
    client.force_login(cat.editor)
    document = cat.documents[0]
    document_template_set(actor=cat.editor, document_id=document.pk, upload=pdf())
    version_publish(actor=cat.editor, version=cat.draft)
    html = client.get(editor_url(cat.draft)).content.decode()
    assert f'href="{template_url(cat.draft, document)}"' in html
    assert 'enctype="multipart/form-data"' not in html
    assert template_url(cat.draft, document, remove=True) not in html
    before = RequiredDocument.objects.get(pk=document.pk).template_file.name

    response = client.post(template_url(cat.draft, document), {"template_file": pdf("b.pdf")})
    assert response.status_code == 302
    response = client.post(template_url(cat.draft, document, remove=True))
    assert response.status_code == 302
    assert RequiredDocument.objects.get(pk=document.pk).template_file.name == before
    assert client.get(template_url(cat.draft, document)).status_code == 200


def test_handlers_and_anonymous_users_cannot_use_templates(
    client: Any, cat: SimpleNamespace
) -> None:
    document = cat.documents[0]
    document_template_set(actor=cat.editor, document_id=document.pk, upload=pdf())
    response = client.get(template_url(cat.draft, document))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]

    client.force_login(cat.org.handler_a)
    assert (
        client.post(template_url(cat.draft, document), {"template_file": pdf()}).status_code == 403
    )
    assert client.post(template_url(cat.draft, document, remove=True)).status_code == 403
    assert client.get(template_url(cat.draft, document)).status_code == 403
    assert RequiredDocument.objects.get(pk=document.pk).template_file


def test_a_document_of_another_version_is_404(client: Any, cat: SimpleNamespace) -> None:
    client.force_login(cat.editor)
    other = reverse("desk:catalog_document_template", args=[CODE, cat.draft.number + 1, 1])
    assert client.get(other).status_code == 404
    wrong = reverse("desk:catalog_document_template", args=[CODE, cat.draft.number, 999999])
    assert client.post(wrong, {"template_file": pdf()}).status_code == 404
    assert client.get(template_url(cat.draft, cat.documents[1])).status_code == 404  # no file
