# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public download of form templates: published (and retired) versions only, as an attachment
with a safe Vietnamese file name, served by a view (the media storage is not public)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.catalog.models import RequiredDocument
from motcua.catalog.services import (
    document_template_set,
    procedure_create,
    version_create_draft,
    version_parts_set,
    version_publish,
)

pytestmark = pytest.mark.django_db

CODE = "1.001193"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def _draft(editor: Any, procedure: Any, start: dt.date) -> Any:
    draft = version_create_draft(
        actor=editor,
        procedure=procedure,
        copy_current=False,
        data={"effective_from": start, "service_mode": "full_online"},
    )
    version_parts_set(
        actor=editor,
        version=draft,
        kind="time_limits",
        items=[{"channel": "in_person", "amount": "3", "unit": "working_day"}],
    )
    step = {
        "order": 1,
        "name_vi": "Giải quyết",
        "performer": "competent_agency",
        "role": "handler",
        "norm_amount": "1",
        "norm_unit": "working_day",
    }
    version_parts_set(actor=editor, version=draft, kind="steps", items=[step])
    version_parts_set(
        actor=editor,
        version=draft,
        kind="documents",
        items=[{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "template_name": "TK-KS"}],
    )
    return draft


@pytest.fixture
def world(media: Path) -> SimpleNamespace:
    editor = make_user(username="catalogue-editor")
    assign_role(editor, Role.CATALOGUE_ADMIN, make_agency())
    procedure = procedure_create(
        actor=editor, data={"code": CODE, "name_vi": "Thủ tục đăng ký khai sinh"}
    )
    published = _draft(editor, procedure, dt.date(2025, 1, 1))
    document = RequiredDocument.objects.get(version=published)
    document_template_set(
        actor=editor,
        document_id=document.pk,
        upload=ContentFile(PDF, name="Tờ khai đăng ký khai sinh.pdf"),
    )
    version_publish(actor=editor, version=published)
    document.refresh_from_db()
    draft = version_create_draft(actor=editor, procedure=procedure)  # copies the template
    draft_document = RequiredDocument.objects.get(version=draft)
    return SimpleNamespace(
        editor=editor,
        document=document,
        draft=draft,
        draft_document=draft_document,
        media=media,
    )


def url(code: str, document_id: int) -> str:
    return reverse("portal:procedure_template", args=[code, document_id])


def test_the_detail_page_links_to_the_download_route(client: Any, world: SimpleNamespace) -> None:
    html = client.get(reverse("portal:procedure_detail", args=[CODE])).content.decode()
    assert f'href="{url(CODE, world.document.pk)}"' in html
    assert "/media/" not in html


def test_a_published_template_downloads_as_an_attachment(
    client: Any, world: SimpleNamespace
) -> None:
    response = client.get(url(CODE, world.document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"To khai dang ky khai sinh.pdf\"; filename*=UTF-8''"
        "T%E1%BB%9D%20khai%20%C4%91%C4%83ng%20k%C3%BD%20khai%20sinh.pdf"
    )
    assert int(response["Content-Length"]) == len(PDF)
    assert b"".join(response.streaming_content) == PDF
    assert client.head(url(CODE, world.document.pk)).status_code == 200
    assert client.post(url(CODE, world.document.pk)).status_code == 405


def test_a_draft_template_is_not_public(client: Any, world: SimpleNamespace) -> None:
    assert world.draft_document.template_file.name == world.document.template_file.name
    assert client.get(url(CODE, world.draft_document.pk)).status_code == 404
    document_template_set(
        actor=world.editor,
        document_id=world.draft_document.pk,
        upload=ContentFile(PDF, name="nháp.pdf"),
    )
    assert world.draft_document.version.status == "draft"
    assert client.get(url(CODE, world.draft_document.pk)).status_code == 404
    # The published version keeps its own file.
    assert client.get(url(CODE, world.document.pk)).status_code == 200


def test_unknown_wrong_code_or_missing_file_is_404(client: Any, world: SimpleNamespace) -> None:
    assert client.get(url("1.000894", world.document.pk)).status_code == 404
    assert client.get(url(CODE, 999999)).status_code == 404
    for path in world.media.rglob("*.pdf"):
        path.unlink()
    assert client.get(url(CODE, world.document.pk)).status_code == 404


def test_a_document_without_template_is_404(client: Any, world: SimpleNamespace) -> None:
    RequiredDocument.objects.filter(pk=world.document.pk).update(template_file="")
    assert client.get(url(CODE, world.document.pk)).status_code == 404
