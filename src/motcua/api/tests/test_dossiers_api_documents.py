# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier API's papers and printed forms: list, download, multipart upload, PDFs."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.api.tests.conftest import ApiClient, assert_error, client_for
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services import (
    dossier_approve,
    dossier_forward,
    dossier_intake,
    dossier_receive_at_counter,
    dossier_refuse,
    dossier_request_supplement,
    step_assign,
    step_complete,
)
from motcua.dossiers.tests.factories import PDF, World

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


@pytest.fixture
def w(world: World) -> World:
    return world


def _received(w: World) -> Dossier:
    return dossier_receive_at_counter(**w.counter_kw(), documents=w.docs())


def _approved(w: World) -> Dossier:
    d = dossier_forward(actor=w.reception, dossier=_received(w))
    d = step_assign(actor=w.approver, dossier=d, assignee=w.handler)
    for actor in (w.handler, w.handler, w.approver):
        d = step_complete(actor=actor, dossier=d, outcome="ok")
    return dossier_approve(actor=w.approver, dossier=d)


def _upload(
    api: ApiClient, d: Dossier, *files: Any, if_match: str | None = None, **fields: Any
) -> Any:
    headers = dict(api.headers)
    if if_match is not None:
        headers["If-Match"] = if_match
    return api.client.post(
        f"/api/v1/dossiers/{d.code}/documents",
        {**fields, "files": list(files)},
        headers=headers,
    )


def test_list_and_download_papers(w: World) -> None:
    d = _received(w)
    api = client_for(w.reception)
    response = api.get(f"/dossiers/{d.code}/documents")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 2
    first = rows[0]
    assert first["mime"] == "application/pdf" and first["scanned_at_receipt"] is True
    assert first["component_id"] == w.mandatory[0].pk and first["has_file"] is True
    assert set(first) >= {"sha256", "size", "uploaded_at", "reused_from_data_store", "kind"}
    file = api.get(f"/dossiers/{d.code}/documents/{first['id']}/file")
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == PDF
    assert file["Content-Type"] == "application/pdf"
    assert file["Content-Disposition"].startswith("attachment;")
    assert_error(api.get(f"/dossiers/{d.code}/documents/999999/file"), 404)


def test_papers_outside_scope_are_404(w: World) -> None:
    d = _received(w)
    doc = DossierDocument.objects.filter(dossier=d).first()
    assert doc is not None
    outsider = client_for(w.outsider)
    assert_error(outsider.get(f"/dossiers/{d.code}/documents"), 404)
    assert_error(outsider.get(f"/dossiers/{d.code}/documents/{doc.pk}/file"), 404)
    assert_error(outsider.get(f"/dossiers/{d.code}/print/receipt"), 404)


def test_result_upload_makes_the_result_ready(w: World) -> None:
    d = _approved(w)
    api = client_for(w.approver)
    pdf = SimpleUploadedFile("quyet-dinh.pdf", PDF, "application/pdf")
    response = _upload(api, d, pdf, kind="result", if_match=f'"{d.version}"')
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "result_ready" and response["ETag"] == f'"{body["version"]}"'
    doc = DossierDocument.objects.get(dossier=d, kind="result")
    assert doc.original_name == "quyet-dinh.pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("ket-qua.pdf", EXE), ("ket-qua.pdf", b""), ("../../ket-qua.exe", EXE)],
)
def test_bad_upload_is_422_and_changes_nothing(w: World, name: str, content: bytes) -> None:
    d = _approved(w)
    api = client_for(w.approver)
    bad = SimpleUploadedFile(name, content, "application/pdf")
    body = assert_error(_upload(api, d, bad, kind="result", version=d.version), 422)
    assert "documents.0" in body["details"]
    fresh = Dossier.objects.get(pk=d.pk)
    assert (fresh.status, fresh.version, fresh.event_seq) == (d.status, d.version, d.event_seq)
    assert not DossierDocument.objects.filter(dossier=d, kind="result").exists()


def test_upload_with_a_stale_version_is_409(w: World) -> None:
    d = _approved(w)
    api = client_for(w.approver)
    pdf = SimpleUploadedFile("kq.pdf", PDF, "application/pdf")
    assert_error(_upload(api, d, pdf, kind="result", if_match=f'"{d.version - 1}"'), 409)
    assert not DossierDocument.objects.filter(dossier=d, kind="result").exists()


def test_upload_needs_a_version_and_a_known_kind(w: World) -> None:
    d = _approved(w)
    api = client_for(w.approver)
    pdf = SimpleUploadedFile("kq.pdf", PDF, "application/pdf")
    assert_error(_upload(api, d, pdf, kind="result"), 422)
    assert_error(_upload(api, d, pdf, kind="internal", version=d.version), 422)


def test_supplement_upload_during_appraisal_resumes_processing(w: World) -> None:
    d = dossier_forward(actor=w.reception, dossier=_received(w))
    d = dossier_request_supplement(actor=w.handler, dossier=d, reasons=["Bản vẽ"])
    api = client_for(w.reception)
    pdf = SimpleUploadedFile("ban-ve.pdf", PDF, "application/pdf")
    response = _upload(api, d, pdf, kind="supplement", version=d.version)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "processing"
    assert DossierDocument.objects.filter(dossier=d, kind="supplement").count() == 1


def test_supplement_upload_in_the_wrong_state_is_409(w: World) -> None:
    d = _received(w)
    api = client_for(w.reception)
    pdf = SimpleUploadedFile("x.pdf", PDF, "application/pdf")
    body = assert_error(_upload(api, d, pdf, kind="supplement", version=d.version), 409)
    assert "allowed" in body["details"]


def test_printed_forms_as_pdf(w: World) -> None:
    d = _received(w)
    api = client_for(w.reception)
    for kind in ("receipt", "control_slip"):
        response = api.get(f"/dossiers/{d.code}/print/{kind}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert_error(api.get(f"/dossiers/{d.code}/print/refusal"), 404)
    assert_error(api.get(f"/dossiers/{d.code}/print/nonsense"), 422)
    refused = dossier_refuse(
        actor=w.reception, dossier=dossier_intake(**w.counter_kw()), reason="Sai thẩm quyền"
    )
    response = api.get(f"/dossiers/{refused.pk}/print/refusal")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_upload_refuses_unknown_fields(w: World) -> None:
    d = _approved(w)
    api = client_for(w.approver)
    pdf = SimpleUploadedFile("kq.pdf", PDF, "application/pdf")
    body = assert_error(_upload(api, d, pdf, kind="result", version=d.version, extra="x"), 422)
    assert "extra" in body["details"]
    assert not DossierDocument.objects.filter(dossier=d, kind="result").exists()
