# SPDX-License-Identifier: AGPL-3.0-or-later
"""Dossier desk, issue 5 items 9 and 4: the lifecycle through the action forms with their
pickers and uploads, bad uploads (nothing saved), the logbook and the control slip exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services import (
    dossier_approve,
    dossier_forward,
    dossier_intake,
    dossier_receive_at_counter,
    dossier_request_supplement,
    dossier_request_supplement_at_receipt,
    step_assign,
    step_complete,
)
from motcua.dossiers.tests.factories import PDF, World

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def _post(client: Any, d: Dossier, action: str, **fields: Any) -> Any:
    data = {f"{action}-version": Dossier.objects.get(pk=d.pk).version}
    data.update({f"{action}-{k}": v for k, v in fields.items()})
    ref = d.code or f"id-{d.pk}"
    return client.post(reverse("desk:dossier_action", args=[ref, action]), data)


def _pdf(name: str = "ket-qua.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def _received(w: World) -> Dossier:
    return dossier_receive_at_counter(**w.counter_kw(), documents=w.docs())


def _approved(w: World) -> Dossier:
    d = dossier_forward(actor=w.reception, dossier=_received(w))
    d = step_assign(actor=w.approver, dossier=d, assignee=w.handler)
    for actor in (w.handler, w.handler, w.approver):
        d = step_complete(actor=actor, dossier=d, outcome="ok")
    return dossier_approve(actor=w.approver, dossier=d)


def _unchanged(d: Dossier) -> None:
    fresh = Dossier.objects.get(pk=d.pk)
    assert (fresh.status, fresh.version, fresh.event_seq) == (d.status, d.version, d.event_seq)


def test_whole_lifecycle_through_the_desk_forms(client: Any, world: World) -> None:
    d = _received(world)
    client.force_login(world.reception)
    page = client.get(reverse("desk:dossier_workbench", args=[d.code])).content.decode()
    assert f'<option value="{world.department.pk}" selected>' in page  # competent preselected
    assert _post(client, d, "forward", to=world.department.pk).status_code == 302

    client.force_login(world.approver)
    bench = client.get(reverse("desk:dossier_workbench", args=[d.code]))
    picker = next(f["form"] for f in bench.context["forms"] if f["action"] == "assign")
    assert list(picker.fields["assignee"].queryset) == [world.handler]  # the handler picker
    assert world.handler.get_username() in bench.content.decode()
    step = Dossier.objects.get(pk=d.pk).steps.get(status="open")
    response = _post(client, d, "assign", step_id=step.pk, assignee=world.handler.pk)
    assert response.status_code == 302

    client.force_login(world.handler)
    for _ in range(2):
        open_step = Dossier.objects.get(pk=d.pk).steps.get(status="open")
        assert (
            _post(client, d, "complete_step", step_id=open_step.pk, outcome="ok").status_code == 302
        )
    client.force_login(world.approver)
    assert _post(client, d, "complete_step", outcome="signed").status_code == 302
    assert _post(client, d, "approve").status_code == 302
    assert _post(client, d, "result_ready", files=_pdf()).status_code == 302
    result = DossierDocument.objects.get(dossier=d, kind="result")
    assert result.original_name == "ket-qua.pdf" and result.mime == "application/pdf"

    client.force_login(world.reception)
    assert _post(client, d, "return_result").status_code == 302
    assert Dossier.objects.get(pk=d.pk).status == "returned"
    page = client.get(reverse("desk:dossier_workbench", args=[d.code])).content.decode()
    assert 'data-kind="result"' in page


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("ket-qua.pdf", EXE, "không được chấp nhận"),  # an .exe renamed .pdf
        ("ket-qua.pdf", b"\x89PNG\r\n\x1a\n0000", "không khớp"),  # a PNG named .pdf
        ("ket-qua.exe", EXE, "không được chấp nhận"),
        ("ket-qua.pdf", b"", "rỗng"),
    ],
)
def test_bad_result_upload_is_a_field_error_and_saves_nothing(
    client: Any, world: World, name: str, content: bytes, fragment: str
) -> None:
    d = _approved(world)
    client.force_login(world.approver)
    response = _post(client, d, "result_ready", files=_pdf(name, content))
    assert response.status_code == 422
    form = next(f["form"] for f in response.context["forms"] if f["action"] == "result_ready")
    assert any(fragment in e for e in form.errors["files"])
    _unchanged(d)
    assert not DossierDocument.objects.filter(dossier=d, kind="result").exists()


def test_oversize_upload_is_refused(client: Any, world: World, settings: Any) -> None:
    d = _approved(world)
    settings.DOSSIER_MAX_FILE_BYTES = 8
    client.force_login(world.approver)
    response = _post(client, d, "result_ready", files=_pdf())
    assert response.status_code == 422
    _unchanged(d)


def test_htmx_upload_error_swaps_the_workbench(client: Any, world: World) -> None:
    d = _approved(world)
    client.force_login(world.approver)
    url = reverse("desk:dossier_action", args=[d.code, "result_ready"])
    response = client.post(
        url,
        {"result_ready-version": d.version, "result_ready-files": _pdf("x.pdf", EXE)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="workbench"' in html and 'hx-encoding="multipart/form-data"' in html
    _unchanged(d)


def test_path_tricks_in_file_names_are_cut_to_the_base_name(client: Any, world: World) -> None:
    d = _approved(world)
    client.force_login(world.approver)
    assert (
        _post(client, d, "result_ready", files=_pdf("..\\..\\etc\\ket-qua.pdf")).status_code == 302
    )
    doc = DossierDocument.objects.get(dossier=d, kind="result")
    assert "/" not in doc.original_name and "\\" not in doc.original_name
    assert ".." not in doc.file.name


def test_supplement_at_receipt_with_papers_goes_back_to_the_receipt_check(
    client: Any, world: World
) -> None:
    d = dossier_intake(**world.counter_kw())
    d = dossier_request_supplement_at_receipt(
        actor=world.reception, dossier=d, reasons=["Thiếu đơn"]
    )
    client.force_login(world.reception)
    component = world.mandatory[0]
    empty = _post(client, d, "supplement_at_receipt", component="")
    assert empty.status_code == 422  # a supplement needs a file
    response = _post(client, d, "supplement_at_receipt", component=component.pk, files=_pdf())
    assert response.status_code == 302
    fresh = Dossier.objects.get(pk=d.pk)
    assert fresh.status == "submitted"
    doc = DossierDocument.objects.get(dossier=d)
    assert (doc.kind, doc.component_id, doc.scanned_at_receipt) == (
        "supplement",
        component.pk,
        True,
    )


def test_receive_with_scanned_missing_paper(client: Any, world: World) -> None:
    d = dossier_intake(**world.counter_kw())
    client.force_login(world.reception)
    missing = _post(client, d, "receive")
    assert missing.status_code == 422
    form = next(f["form"] for f in missing.context["forms"] if f["action"] == "receive")
    assert world.mandatory[0].name in " ".join(form.non_field_errors())
    first, second = world.mandatory
    bad = _post(
        client,
        d,
        "receive",
        **{f"doc_{first.pk}": _pdf("scan.pdf", EXE), f"doc_{second.pk}": _pdf("ok.pdf")},
    )
    assert bad.status_code == 422
    form = next(f["form"] for f in bad.context["forms"] if f["action"] == "receive")
    assert form.errors[f"doc_{first.pk}"]
    _unchanged(d)
    files = {f"doc_{first.pk}": _pdf("scan-1.pdf"), f"doc_{second.pk}": _pdf("scan-2.pdf")}
    response = _post(client, d, "receive", **files)
    assert response.status_code == 302
    fresh = Dossier.objects.get(pk=d.pk)
    assert fresh.status == "received" and fresh.code
    scanned = DossierDocument.objects.filter(dossier=d, scanned_at_receipt=True)
    assert {x.component_id for x in scanned} == {first.pk, second.pk}


def test_supplement_received_during_appraisal_with_upload(client: Any, world: World) -> None:
    d = dossier_forward(actor=world.reception, dossier=_received(world))
    d = dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Bản vẽ"])
    client.force_login(world.reception)
    response = _post(client, d, "supplement_received", files=_pdf("ban-ve.pdf"))
    assert response.status_code == 302
    assert Dossier.objects.get(pk=d.pk).status == "processing"
    assert DossierDocument.objects.filter(dossier=d, kind="supplement").count() == 1


def test_assign_picker_refuses_someone_without_the_handler_role(client: Any, world: World) -> None:
    d = dossier_forward(actor=world.reception, dossier=_received(world))
    client.force_login(world.approver)
    response = _post(client, d, "assign", assignee=world.outsider.pk)
    assert response.status_code == 422
    form = next(f["form"] for f in response.context["forms"] if f["action"] == "assign")
    assert form.errors["assignee"]
    _unchanged(d)


def test_forward_elsewhere_needs_a_reason_then_transfers_and_forwards(
    client: Any, world: World
) -> None:
    d = _received(world)
    client.force_login(world.reception)
    response = _post(client, d, "forward", to=world.other_department.pk)
    assert response.status_code == 422
    _unchanged(d)
    response = _post(client, d, "forward", to=world.other_department.pk, reason="Thẩm quyền")
    assert response.status_code == 302
    fresh = Dossier.objects.get(pk=d.pk)
    assert fresh.status == "processing" and fresh.competent_agency == world.other_department
    types = list(fresh.events.values_list("type", flat=True))
    assert types[-2:] == ["transferred", "forwarded"]


def test_logbook_page_numbers_and_exports(client: Any, world: World) -> None:
    first, second = _received(world), _received(world)
    dossier_forward(actor=world.reception, dossier=first)
    client.force_login(world.reception)
    page = client.get(reverse("desk:dossier_logbook"))
    assert page.status_code == 200
    html = page.content.decode()
    assert first.code in html and second.code in html
    rows = page.context["book"].rows
    assert [r.number_label for r in rows] == ["01", "02"]
    assert rows[0].forwarded_at is not None and rows[1].forwarded_at is None
    today = clock.today()
    query = f"?agency={world.centre.pk}&start={today:%Y-%m-01}&end={today.isoformat()}"
    xlsx = client.get(reverse("desk:dossier_logbook_export", args=["xlsx"]) + query)
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert "attachment" in xlsx["Content-Disposition"]
    pdf = client.get(reverse("desk:dossier_logbook_export", args=["pdf"]) + query)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_logbook_period_is_validated(client: Any, world: World) -> None:
    client.force_login(world.reception)
    today = clock.today()
    before = today - dt.timedelta(days=3)
    page = client.get(reverse("desk:dossier_logbook") + f"?start={today}&end={before}")
    assert page.status_code == 422 and page.context["form"].errors["end"]


def test_logbook_of_another_agency_is_refused(client: Any, world: World) -> None:
    d = _received(world)
    client.force_login(world.outsider)
    page = client.get(reverse("desk:dossier_logbook"))
    assert page.status_code == 200 and d.code not in page.content.decode()
    other = client.get(reverse("desk:dossier_logbook") + f"?agency={world.centre.pk}")
    assert other.status_code == 422 and d.code not in other.content.decode()
    url = reverse("desk:dossier_logbook_export", args=["xlsx"]) + f"?agency={world.centre.pk}"
    assert client.get(url).status_code == 403


def test_control_slip_pdf_and_excel(client: Any, world: World) -> None:
    d = dossier_forward(actor=world.reception, dossier=_received(world))
    client.force_login(world.reception)
    page = client.get(reverse("desk:dossier_workbench", args=[d.code])).content.decode()
    url = reverse("desk:dossier_control_slip_export", args=[d.code])
    assert url in page
    sheet = client.get(url)
    assert sheet.status_code == 200 and sheet.content.startswith(b"PK")
    slip = client.get(reverse("desk:dossier_print", args=[d.code, "control_slip"]))
    assert slip.content.startswith(b"%PDF")
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_applicant_never_sees_the_desk(client: Any, world: World) -> None:
    d = _received(world)
    client.force_login(world.applicant)
    urls = [
        reverse("desk:dossier_inbox"),
        reverse("desk:dossier_logbook"),
        reverse("desk:dossier_workbench", args=[d.code]),
        reverse("desk:dossier_control_slip_export", args=[d.code]),
        reverse("desk:dossier_logbook_export", args=["xlsx"]),
    ]
    assert {client.get(u).status_code for u in urls} == {403}
