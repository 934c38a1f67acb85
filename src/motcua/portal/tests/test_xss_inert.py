# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script and HTML typed into any text field are shown as text on the portal pages (issue 6).

The payloads are stored through the real services (wizard e-form, supplement request, rating,
officials' names, registration form) and the pages that show them are read back: the payload is
there, HTML-escaped, never as markup, and ``{{ }}`` is not evaluated. The browser test
tests/e2e/test_portal_quality.py runs the same payloads on the profile, data store and inbox.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from motcua.accounts.services.datastore import paper_keep
from motcua.dossiers import services
from motcua.dossiers.services.drafts import draft_save_form, draft_start
from motcua.feedback.services import evaluation_give
from motcua.portal.tests.conftest import PDF_BYTES

PAYLOADS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror=window.__xss=1>',
    "{{7*7}}",
)
ALL = " ".join(PAYLOADS)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_inert(html: str, where: str) -> None:
    for payload in PAYLOADS[:2]:
        assert payload not in html, f"{where}: {payload!r} is rendered as markup"
        assert escape(payload) in html, f"{where}: {payload!r} is not shown as text"
    assert "{{7*7}}" in html, f"{where}: the template-like text is not shown literally"


def test_e_form_answers_and_data_store_titles_are_inert_in_the_wizard(citizen_world: Any) -> None:
    world = citizen_world
    draft = draft_start(owner=world.applicant, procedure_version=world.version)
    draft_save_form(
        owner=world.applicant,
        draft=draft,
        data={"child_name": ALL, "birth_date": "2026-11-01", "note": ALL},
    )
    paper_keep(
        owner=world.applicant,
        title=ALL,
        content=PDF_BYTES,
        name="giay.pdf",
        mime="application/pdf",
    )
    client = _client(world.applicant)
    form = client.get(reverse("portal:draft_form", args=[draft.pk])).content.decode()
    assert_inert(form, "e-form (values kept in the inputs)")
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert_inert(review, "review")
    store = client.get(reverse("portal:data_store")).content.decode()
    assert_inert(store, "data store")


def test_supplement_reasons_and_officials_names_are_inert_on_my_dossier(
    citizen_world: Any,
) -> None:
    world = citizen_world
    world.reception.full_name = ALL
    world.reception.save()
    d = services.dossier_submit_online(
        actor=world.applicant,
        procedure_version=world.version,
        applicant=services.ApplicantIn(name=ALL),
        receiving_agency=world.centre,
        competent_agency=world.department,
        documents=world.docs(),
    )
    d = services.dossier_request_supplement_at_receipt(
        actor=world.reception, dossier=d.pk, reasons=[ALL]
    )
    client = _client(world.applicant)
    detail = client.get(reverse("portal:my_dossier_detail", args=[f"id-{d.pk}"]))
    assert_inert(detail.content.decode(), "dossier detail")
    listing = client.get(reverse("portal:my_dossiers")).content.decode()
    assert PAYLOADS[0] not in listing and PAYLOADS[1] not in listing


def test_an_evaluation_comment_is_inert_when_shown_again(citizen_world: Any) -> None:
    world = citizen_world
    d = services.dossier_submit_online(
        actor=world.applicant,
        procedure_version=world.version,
        applicant=services.ApplicantIn(name="Nguyễn Thị Công Dân"),
        receiving_agency=world.centre,
        competent_agency=world.department,
        documents=world.docs(),
    )
    d = services.dossier_receive(actor=world.reception, dossier=d.pk)
    d = services.dossier_forward(actor=world.reception, dossier=d.pk)
    d = services.step_assign(actor=world.approver, dossier=d, assignee=world.handler)
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.approver, dossier=d, outcome="signed")
    d = services.dossier_approve(actor=world.approver, dossier=d.pk)
    result = services.DocumentIn(file=ContentFile(PDF_BYTES + b"kq", name="ket-qua.pdf"))
    d = services.dossier_result_ready(actor=world.handler, dossier=d.pk, documents=[result])
    d = services.dossier_return_result(actor=world.reception, dossier=d.pk)
    evaluation_give(
        actor=world.applicant,
        dossier=d,
        indicator_1=2,
        indicator_3=2,
        indicator_4=2,
        indicator_7=2,
        comment=ALL,
    )
    page = _client(world.applicant).get(reverse("portal:my_dossier_evaluate", args=[d.code]))
    assert_inert(page.content.decode(), "evaluation")


@pytest.mark.django_db
def test_a_registration_form_with_errors_shows_the_typed_text_inert() -> None:
    response = Client().post(
        reverse("portal:register_citizen"),
        {"username": "an", "full_name": ALL, "address_detail": ALL, "personal_id": "1"},
    )
    assert response.status_code == 200
    assert_inert(response.content.decode(), "registration form")
