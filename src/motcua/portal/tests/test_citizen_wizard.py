# SPDX-License-Identifier: AGPL-3.0-or-later
"""The online submission wizard: drafts, e-form validation, uploads, data store, idempotency."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.services.datastore import paper_keep
from motcua.dossiers.models import Dossier, DossierDocument, SubmissionDraft
from motcua.portal.tests.conftest import PDF_BYTES

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def _signed_in(user: Any) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def _start(client: Client, world: Any) -> SubmissionDraft:
    code = world.version.procedure.code
    response = client.post(reverse("portal:submit_start", args=[code]))
    assert response.status_code == 302
    return SubmissionDraft.objects.latest("pk")


def _pdf(name: str = "giay.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _fill(client: Client, world: Any, draft: SubmissionDraft) -> None:
    response = client.post(
        reverse("portal:draft_choices", args=[draft.pk]), {"receiving_agency": world.centre.pk}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("portal:draft_form", args=[draft.pk]),
        {"eform_child_name": "Bé An", "eform_birth_date": "2026-11-01"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_citizen_submits_online_with_two_uploads_and_sees_the_reference(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    _fill(client, world, draft)
    for paper in world.mandatory:
        url = reverse("portal:draft_upload", args=[draft.pk, paper.pk])
        response = client.post(url, {"file": _pdf(f"p{paper.pk}.pdf")}, **XHR)
        assert response.status_code == 200, response.content
        assert response.json()["ok"] is True
    review = client.get(reverse("portal:draft_review", args=[draft.pk]))
    assert "Bé An" in review.content.decode()
    response = client.post(reverse("portal:draft_review", args=[draft.pk]))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.applicant == world.applicant
    assert dossier.status == "submitted"
    assert dossier.eform_data["child_name"] == "Bé An"
    assert dossier.documents.count() == 2
    done = client.get(response["Location"]).content.decode()
    assert dossier.code and dossier.code in done


def test_a_double_clicked_submit_makes_one_dossier(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    _fill(client, world, draft)
    for paper in world.mandatory:
        client.post(reverse("portal:draft_upload", args=[draft.pk, paper.pk]), {"file": _pdf()})
    url = reverse("portal:draft_review", args=[draft.pk])
    first = client.post(url)
    second = client.post(url)
    assert first.status_code == second.status_code == 302
    assert Dossier.objects.count() == 1


def test_eform_errors_keep_the_input_and_save_the_draft(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    response = client.post(
        reverse("portal:draft_form", args=[draft.pk]),
        {"eform_child_name": "Bé Bình", "eform_birth_date": "31/02/2026"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'value="Bé Bình"' in body and 'value="31/02/2026"' in body
    draft.refresh_from_db()
    assert draft.form_data["child_name"] == "Bé Bình"
    assert "birth_date" in draft.form_errors


def test_submission_lists_every_missing_paper_and_creates_nothing(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    _fill(client, world, draft)
    response = client.post(reverse("portal:draft_review", args=[draft.pk]))
    assert response.status_code == 422
    body = response.content.decode()
    for paper in world.mandatory:
        assert paper.name in body
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "not accepted"),
        ("empty.pdf", b"", "empty"),
        ("photo.png", PDF_BYTES, "does not match"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(citizen_world, name, content, message):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    url = reverse("portal:draft_upload", args=[draft.pk, world.mandatory[0].pk])
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(url, {"file": upload}, **XHR)
    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"])
    page = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert page.status_code == 422
    assert message in page.content.decode()
    assert not draft.files.exists()


def test_oversize_upload_is_refused(citizen_world, settings):
    settings.DOSSIER_MAX_FILE_BYTES = 100
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    url = reverse("portal:draft_upload", args=[draft.pk, world.mandatory[0].pk])
    response = client.post(url, {"file": _pdf(content=PDF_BYTES + b"0" * 200)}, **XHR)
    assert response.status_code == 422
    assert "larger than" in " ".join(response.json()["errors"])


def test_path_tricks_in_file_names_are_neutralised(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    url = reverse("portal:draft_upload", args=[draft.pk, world.mandatory[0].pk])
    client.post(url, {"file": _pdf("..\\..\\etc\\passwd.pdf")}, **XHR)
    row = draft.files.get()
    assert row.original_name == "passwd.pdf"
    assert ".." not in row.file.name


def test_a_paper_from_the_data_store_is_flagged_as_reused(citizen_world):
    world = citizen_world
    paper = paper_keep(
        owner=world.applicant,
        title="Bản sao giấy tờ",
        content=PDF_BYTES + b"kept",
        name="cccd.pdf",
        mime="application/pdf",
        source_dossier_code="OLD-1",
    )
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    _fill(client, world, draft)
    first, second = world.mandatory
    client.post(reverse("portal:draft_upload", args=[draft.pk, first.pk]), {"file": _pdf()})
    pick = client.post(
        reverse("portal:draft_pick", args=[draft.pk, second.pk]), {"paper": paper.pk}
    )
    assert pick.status_code == 302
    client.post(reverse("portal:draft_review", args=[draft.pk]))
    reused = DossierDocument.objects.get(component=second)
    assert reused.reused_from_data_store is True
    assert DossierDocument.objects.get(component=first).reused_from_data_store is False


def test_someone_elses_paper_cannot_be_picked(citizen_world):
    world = citizen_world
    foreign = paper_keep(
        owner=world.outsider, title="X", content=PDF_BYTES, name="x.pdf", mime="application/pdf"
    )
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    url = reverse("portal:draft_pick", args=[draft.pk, world.mandatory[0].pk])
    client.post(url, {"paper": foreign.pk})
    assert not draft.files.exists()


def test_ticking_keep_stores_the_upload_in_the_data_store_on_submit(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    _fill(client, world, draft)
    for paper in world.mandatory:
        url = reverse("portal:draft_upload", args=[draft.pk, paper.pk])
        client.post(
            url, {"file": _pdf(content=PDF_BYTES + str(paper.pk).encode()), "keep_in_store": "1"}
        )
    client.post(reverse("portal:draft_review", args=[draft.pk]))
    assert world.applicant.personal_papers.count() == 2


def test_drafts_are_private_and_resumable(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    listing = client.get(reverse("portal:my_dossiers")).content.decode()
    assert reverse("portal:draft_choices", args=[draft.pk]) in listing
    other = _signed_in(world.outsider)
    assert other.get(reverse("portal:draft_papers", args=[draft.pk])).status_code == 404
    assert other.post(reverse("portal:draft_review", args=[draft.pk])).status_code == 404


def test_the_wizard_needs_a_signed_in_user(citizen_world):
    response = Client().get(
        reverse("portal:submit_start", args=[citizen_world.version.procedure.code])
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_csrf_is_enforced_on_the_wizard_forms(citizen_world):
    world = citizen_world
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.applicant)
    code = world.version.procedure.code
    assert client.post(reverse("portal:submit_start", args=[code])).status_code == 403
    assert not SubmissionDraft.objects.exists()
    page = client.get(reverse("portal:submit_start", args=[code]))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else None
    assert token or "csrfmiddlewaretoken" in page.content.decode()


def test_script_in_the_eform_renders_inert(citizen_world):
    world = citizen_world
    client = _signed_in(world.applicant)
    draft = _start(client, world)
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    client.post(
        reverse("portal:draft_form", args=[draft.pk]),
        {"eform_child_name": payload, "eform_birth_date": "2026-11-01"},
    )
    body = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
