# SPDX-License-Identifier: AGPL-3.0-or-later
"""My dossiers, supplement, withdrawal, result download, evaluation, public lookup."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Evaluation
from motcua.portal import lookup_views
from motcua.portal.tests.conftest import PDF_BYTES

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _client(user: Any = None, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _submitted(world: Any, *, name: str = "Nguyễn Thị Công Dân") -> Dossier:
    return services.dossier_submit_online(
        actor=world.applicant,
        procedure_version=world.version,
        applicant=services.ApplicantIn(name=name),
        receiving_agency=world.centre,
        competent_agency=world.department,
        documents=world.docs(),
        idempotency_key=f"k-{Dossier.objects.count()}",
    )


def _received(world: Any) -> Dossier:
    d = _submitted(world)
    return services.dossier_receive(actor=world.reception, dossier=d.pk)


def _returned(world: Any) -> Dossier:
    d = services.dossier_forward(actor=world.reception, dossier=_received(world).pk)
    d = services.step_assign(actor=world.approver, dossier=d, assignee=world.handler)
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.approver, dossier=d, outcome="signed")
    d = services.dossier_approve(actor=world.approver, dossier=d.pk)
    result = services.DocumentIn(file=ContentFile(PDF_BYTES + b"result", name="ket-qua.pdf"))
    d = services.dossier_result_ready(actor=world.handler, dossier=d.pk, documents=[result])
    return services.dossier_return_result(actor=world.reception, dossier=d.pk)


def test_my_dossiers_lists_only_my_own(citizen_world):
    mine = _submitted(citizen_world)
    body = _client(citizen_world.applicant).get(reverse("portal:my_dossiers")).content.decode()
    assert mine.code in body and "Submitted" in body
    other = _client(citizen_world.outsider).get(reverse("portal:my_dossiers")).content.decode()
    assert mine.code not in other
    detail = reverse("portal:my_dossier_detail", args=[f"id-{mine.pk}"])
    assert _client(citizen_world.outsider).get(detail).status_code == 404
    assert _client().get(detail).status_code == 302  # sign in first


def test_detail_shows_timeline_appointment_papers_and_badge(citizen_world):
    d = _received(citizen_world)
    body = (
        _client(citizen_world.applicant)
        .get(reverse("portal:my_dossier_detail", args=[d.code]))
        .content.decode()
    )
    assert d.code in body and "Received" in body and "On time" in body
    assert citizen_world.centre.name_vi in body
    assert "p1.pdf" in body or ".pdf" in body
    assert d.due_at is not None and clock.localize(d.due_at).strftime("%d/%m/%Y") in body


def test_the_citizen_uploads_the_supplement_from_the_dossier_page(citizen_world):
    world = citizen_world
    d = services.dossier_request_supplement_at_receipt(
        actor=world.reception, dossier=_submitted(world).pk, reasons=["Thiếu bản sao " + XSS]
    )
    client = _client(world.applicant)
    url = reverse("portal:my_dossier_detail", args=[f"id-{d.pk}"])
    page = client.get(url).content.decode()
    assert "Supplement requested" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    post = reverse("portal:my_dossier_supplement", args=[f"id-{d.pk}"])
    bad = client.post(
        post, {"attachments": SimpleUploadedFile("x.pdf", b"MZ"), "version": d.version}
    )
    assert bad.status_code == 422
    response = client.post(
        post, {"attachments": SimpleUploadedFile("bo-sung.pdf", PDF_BYTES), "version": d.version}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "submitted"
    assert d.documents.filter(kind="supplement").count() == 1


def test_a_stale_supplement_form_is_refused_without_saving(citizen_world):
    world = citizen_world
    d = services.dossier_request_supplement_at_receipt(
        actor=world.reception, dossier=_submitted(world).pk, reasons=["Thiếu"]
    )
    post = reverse("portal:my_dossier_supplement", args=[f"id-{d.pk}"])
    response = _client(world.applicant).post(
        post, {"attachments": SimpleUploadedFile("a.pdf", PDF_BYTES), "version": d.version - 1}
    )
    assert response.status_code == 422
    assert not d.documents.filter(kind="supplement").exists()


def test_withdrawal_request_keeps_an_inert_reason(citizen_world):
    world = citizen_world
    d = _submitted(world)
    client = _client(world.applicant)
    url = reverse("portal:my_dossier_withdraw", args=[f"id-{d.pk}"])
    response = client.post(url, {"reason": XSS, "version": d.version})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "withdrawal_requested"
    page = client.get(reverse("portal:my_dossier_detail", args=[f"id-{d.pk}"])).content.decode()
    assert "<script>alert" not in page


def test_csrf_is_enforced_on_dossier_forms(citizen_world):
    d = _submitted(citizen_world)
    client = _client(citizen_world.applicant, csrf=True)
    url = reverse("portal:my_dossier_withdraw", args=[f"id-{d.pk}"])
    assert client.post(url, {"reason": "x", "version": d.version}).status_code == 403
    d.refresh_from_db()
    assert d.status == "submitted"


def test_result_is_downloadable_after_return_and_the_service_can_be_rated(citizen_world):
    world = citizen_world
    d = _returned(world)
    client = _client(world.applicant)
    page = client.get(reverse("portal:my_dossier_detail", args=[d.code])).content.decode()
    assert "Electronic result" in page and "Rate the service" in page
    result = d.documents.get(kind="result")
    download = client.get(reverse("portal:my_dossier_document", args=[d.code, result.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    url = reverse("portal:my_dossier_evaluate", args=[d.code])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"indicator_1": "5", "comment": "ok"})
    assert bad.status_code == 422 and "ok" in bad.content.decode()
    scores = {"indicator_1": 2, "indicator_3": 2, "indicator_4": 1, "indicator_7": 2}
    response = client.post(url, {**scores, "comment": XSS})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.indicator_1, evaluation.indicator_4) == (2, 1)
    assert evaluation.computed_2 is not None
    again = client.get(url).content.decode()
    assert "<script>alert" not in again and "&lt;script&gt;" in again
    client.post(url, {**scores, "indicator_7": 0})
    assert Evaluation.objects.get().indicator_7 == 0
    with time_machine.travel(clock.now() + dt.timedelta(days=8)):
        late = client.post(url, {**scores, "indicator_7": 2})
        assert late.status_code == 422 and "can no longer be changed" in late.content.decode()
    assert Evaluation.objects.count() == 1 and Evaluation.objects.get().indicator_7 == 0


def test_only_returned_dossiers_can_be_rated(citizen_world):
    d = _received(citizen_world)
    url = reverse("portal:my_dossier_evaluate", args=[d.code])
    assert _client(citizen_world.applicant).get(url).status_code == 404


def test_public_lookup_shows_status_only_and_the_secret_adds_the_timeline(citizen_world):
    d = _received(citizen_world)
    client = _client()
    body = client.get(reverse("portal:lookup"), {"code": d.code}).content.decode()
    assert d.code in body and "Received" in body
    assert "Nguyễn Thị Công Dân" not in body  # no personal data
    assert "Timeline" not in body
    qr = client.get(f"/tra-cuu/{d.code}")
    assert qr.status_code == 200 and d.code in qr.content.decode()
    full = client.get(reverse("portal:lookup"), {"code": d.code, "secret": d.lookup_secret})
    assert "Timeline" in full.content.decode()
    wrong = client.get(reverse("portal:lookup"), {"code": d.code, "secret": "nope"})
    assert "does not match" in wrong.content.decode()
    missing = client.get(reverse("portal:lookup"), {"code": "<script>alert(1)</script>"})
    assert missing.status_code == 404
    too_long = client.get(reverse("portal:lookup"), {"code": XSS})
    assert too_long.status_code == 200 and "<script>alert" not in too_long.content.decode()
    assert "<script>alert" not in missing.content.decode()


def test_public_lookup_is_rate_limited_with_a_clear_message(citizen_world, monkeypatch):
    monkeypatch.setattr(lookup_views, "LOOKUP_LIMIT", 3)
    client = Client()  # Vietnamese by default
    url = reverse("portal:lookup")
    statuses = [client.get(url, {"code": "KHONG-CO"}).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    limited = client.get(url, {"code": "KHONG-CO"})
    assert limited.status_code == 429 and "Retry-After" in limited
    assert "Bạn đã tra cứu quá nhiều lần" in limited.content.decode()


def test_citizen_pages_speak_vietnamese_by_default_and_english_on_request(citizen_world):
    vietnamese = Client()
    vietnamese.force_login(citizen_world.applicant)
    body = vietnamese.get(reverse("portal:my_dossiers")).content.decode()
    assert '<html lang="vi">' in body and "Hồ sơ của tôi" in body and "Tra cứu hồ sơ" in body
    english = _client(citizen_world.applicant).get(reverse("portal:my_dossiers")).content.decode()
    assert '<html lang="en">' in english and "My dossiers" in english
