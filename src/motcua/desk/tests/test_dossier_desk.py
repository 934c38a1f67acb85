# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier desk: counter reception, receipt PDF, idempotency, visibility, action errors, inboxes."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_intake, dossier_receive_at_counter
from motcua.dossiers.tests.factories import PDF

pytestmark = pytest.mark.django_db


def _post_reception(client, w, key):
    data = {
        "idempotency_key": str(key),
        "channel": "direct",
        "applicant_name": "Nguyễn Văn An",
        "applicant_id_number": "072090000001",
        "applicant_phone": "0900000001",
        "receiving_agency": str(w.centre.pk),
    }
    for r in w.mandatory:
        data[f"doc_{r.pk}"] = SimpleUploadedFile(f"p{r.pk}.pdf", PDF, "application/pdf")
    url = reverse("desk:dossier_receive") + f"?procedure={w.version.procedure.code}"
    return client.post(url, data)


def test_counter_reception_then_workbench_and_receipt_pdf(client, world):
    client.force_login(world.reception)
    form_page = client.get(
        reverse("desk:dossier_receive") + f"?procedure={world.version.procedure.code}"
    )
    assert form_page.status_code == 200
    assert b'name="idempotency_key"' in form_page.content
    response = _post_reception(client, world, uuid.uuid4())
    assert response.status_code == 302
    d = Dossier.objects.get()
    assert d.code and response.url == reverse("desk:dossier_workbench", args=[d.code])
    page = client.get(response.url)
    assert page.status_code == 200
    assert d.code in page.content.decode()
    assert reverse("desk:dossier_print", args=[d.code, "receipt"]) in page.content.decode()
    pdf = client.get(reverse("desk:dossier_print", args=[d.code, "receipt"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    slip = client.get(reverse("desk:dossier_print", args=[d.code, "control_slip"]))
    assert slip.content.startswith(b"%PDF")


def test_double_submit_gives_one_dossier(client, world):
    client.force_login(world.reception)
    key = uuid.uuid4()
    first = _post_reception(client, world, key)
    second = _post_reception(client, world, key)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Dossier.objects.count() == 1


def test_missing_mandatory_paper_is_an_error_and_saves_nothing(client, world):
    client.force_login(world.reception)
    url = reverse("desk:dossier_receive") + f"?procedure={world.version.procedure.code}"
    response = client.post(
        url,
        {
            "idempotency_key": str(uuid.uuid4()),
            "channel": "direct",
            "applicant_name": "An",
            "receiving_agency": str(world.centre.pk),
        },
    )
    assert response.status_code == 422
    errors = response.context["form"].non_field_errors()
    assert any(r.name in errors for r in world.mandatory)
    assert Dossier.objects.count() == 0


def test_handler_of_another_agency_gets_404(client, world):
    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    client.force_login(world.outsider)
    assert client.get(reverse("desk:dossier_workbench", args=[d.code])).status_code == 404
    assert client.get(reverse("desk:dossier_print", args=[d.code, "receipt"])).status_code == 404
    url = reverse("desk:dossier_action", args=[d.code, "cancel"])
    assert client.post(url, {"cancel-version": d.version, "cancel-reason": "x"}).status_code == 404


def test_action_without_reason_shows_field_error_and_changes_nothing(client, world):
    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    client.force_login(world.reception)
    page = client.get(reverse("desk:dossier_workbench", args=[d.code]))
    assert reverse("desk:dossier_action", args=[d.code, "cancel"]) in page.content.decode()
    url = reverse("desk:dossier_action", args=[d.code, "cancel"])
    response = client.post(url, {"cancel-version": d.version, "cancel-reason": ""})
    assert response.status_code == 422
    cancel = next(f["form"] for f in response.context["forms"] if f["action"] == "cancel")
    assert cancel.errors["reason"]
    fresh = Dossier.objects.get(pk=d.pk)
    assert (fresh.status, fresh.version, fresh.event_seq) == (d.status, d.version, d.event_seq)


def test_stale_version_says_reload_and_success_redirects(client, world):
    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    client.force_login(world.reception)
    url = reverse("desk:dossier_action", args=[d.code, "forward"])
    stale = client.post(url, {"forward-version": d.version - 1})
    assert stale.status_code == 422
    forward = next(f["form"] for f in stale.context["forms"] if f["action"] == "forward")
    assert forward.non_field_errors()
    assert Dossier.objects.get(pk=d.pk).status == "received"
    ok = client.post(url, {"forward-version": d.version}, follow=True)
    assert ok.redirect_chain[0][0] == reverse("desk:dossier_workbench", args=[d.code])
    assert Dossier.objects.get(pk=d.pk).status == "processing"
    assert [m.level_tag for m in ok.context["messages"]] == ["success"]


def test_htmx_action_error_swaps_workbench(client, world):
    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    client.force_login(world.reception)
    url = reverse("desk:dossier_action", args=[d.code, "cancel"])
    response = client.post(
        url, {"cancel-version": d.version, "cancel-reason": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="workbench"' in response.content.decode()


def test_inbox_counts_and_listing(client, world):
    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    client.force_login(world.reception)
    page = client.get(reverse("desk:dossier_inbox"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-inbox="to_forward">1<' in html
    assert 'data-inbox="to_receive">0<' in html
    assert d.code in html
    box = client.get(reverse("desk:dossier_inbox") + "?box=to_forward")
    assert d.code in box.content.decode()
    client.force_login(world.outsider)
    assert d.code not in client.get(reverse("desk:dossier_inbox")).content.decode()


def test_refusal_at_the_counter_through_the_form_prints_the_refusal(client, world):
    d = dossier_intake(**world.counter_kw())
    client.force_login(world.reception)
    ref = f"id-{d.pk}"
    url = reverse("desk:dossier_action", args=[ref, "refuse"])
    response = client.post(url, {"refuse-version": d.version, "refuse-reason": "Sai thẩm quyền"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=d.pk).status == "refused"
    pdf = client.get(reverse("desk:dossier_print", args=[ref, "refusal"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("desk:dossier_print", args=[ref, "receipt"])).status_code == 404
