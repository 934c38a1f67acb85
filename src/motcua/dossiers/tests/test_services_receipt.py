# SPDX-License-Identifier: AGPL-3.0-or-later
"""Receipt, refusal, supplement at receipt, codes and the 15:00 rule (Decree 61/2018 Art 15–18;
Circular 01/2018 Art 19; Decree 118/2025 Art 11)."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.base import ContentFile

from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import (
    ApplicantIn,
    DocumentIn,
    dossier_forward,
    dossier_intake,
    dossier_receive,
    dossier_receive_at_counter,
    dossier_refuse,
    dossier_request_supplement,
    dossier_request_supplement_at_receipt,
    dossier_submit_online,
    dossier_supplement_at_receipt,
)
from motcua.dossiers.tests.factories import PDF, World, at
from motcua.dossiers.workflow.engine import TransitionNotAllowed


def test_receive_issues_code_appointment_and_pins_rule_set(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9, 0), tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
    assert d.status == "received" and d.national_status == 2
    assert d.code == f"{world.centre.identifier}-20260310-0000001"
    assert d.rule_set.code == "decree-118-2025"
    assert d.counting_from == at(2026, 3, 10, 9, 0)
    assert d.due_at == at(2026, 3, 17, 9, 0)  # 5 working days
    assert d.documents.count() == 2
    assert [e.type for e in d.events.all()] == ["received"]


def test_receive_after_office_hours_counts_from_next_session(world: World) -> None:
    with time_machine.travel(at(2026, 3, 13, 17, 40), tick=False):  # Friday evening
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
    assert d.counting_from == at(2026, 3, 16, 7, 0)  # Monday morning
    assert d.due_at == at(2026, 3, 20, 17, 0)


def test_decree_61_code_pattern_and_gap_free_daily_counter(world: World) -> None:
    codes = []
    for moment in (at(2025, 3, 11, 8), at(2025, 3, 11, 9), at(2025, 3, 12, 8)):
        with time_machine.travel(moment, tick=False):
            d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
            codes.append(d.code)
            assert d.rule_set.code == "decree-61-2018"
    ident = world.centre.identifier
    assert codes == [f"{ident}-250311-0001", f"{ident}-250311-0002", f"{ident}-250312-0001"]


def test_missing_mandatory_papers_are_listed_completely_and_nothing_saved(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_intake(**world.counter_kw())
        with pytest.raises(ValidationFailed) as exc:
            dossier_receive(actor=world.reception, dossier=d, documents=world.docs()[:0])
    assert exc.value.details["documents"] == ["Đơn đề nghị", "Bản sao giấy tờ"]
    d.refresh_from_db()
    assert d.status == "submitted" and d.code is None and d.event_seq == 0


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        (at(2026, 3, 10, 14, 59), at(2026, 3, 10, 17, 0)),  # same working day
        (at(2026, 3, 10, 15, 1), at(2026, 3, 11, 7, 0)),  # next morning
        (at(2026, 3, 13, 15, 30), at(2026, 3, 16, 7, 0)),  # Friday → Monday
        (at(2026, 3, 14, 10, 0), at(2026, 3, 16, 7, 0)),  # Saturday (kiosk/postal)
    ],
)
def test_forwarding_cutoff_at_15(world: World, moment: object, due: object) -> None:
    with time_machine.travel(moment, tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
    assert d.forward_due_at == due


def test_forward_records_hand_off_with_own_deadline(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 15, 30), tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
    with time_machine.travel(at(2026, 3, 11, 9, 0), tick=False):
        d = dossier_forward(actor=world.reception, dossier=d, version=d.version)
    hand_off = d.steps.get(kind="forward")
    assert hand_off.due_at == at(2026, 3, 11, 7, 0) and hand_off.sla_class == "late"
    first = d.steps.get(kind="process", status="open")
    assert first.due_at == at(2026, 3, 13, 9, 0)  # its own 2-working-day norm
    assert d.status == "processing" and d.national_status == 4


def test_online_submission_is_idempotent(world: World) -> None:
    kw = {
        "actor": world.applicant,
        "procedure_version": world.version,
        "applicant": ApplicantIn(name="Trần Thị Bình"),
        "receiving_agency": world.centre,
        "idempotency_key": "abc-123",
        "documents": world.docs(),
    }
    with time_machine.travel(at(2026, 3, 10, 20), tick=False):
        first = dossier_submit_online(**kw)
        again = dossier_submit_online(**kw)
    assert first.pk == again.pk and first.national_status == 1
    assert Dossier.objects.count() == 1 and DossierEvent.objects.count() == 1
    with time_machine.travel(at(2026, 3, 11, 8), tick=False):
        d = dossier_receive(actor=world.reception, dossier=first)
    assert d.received_at == at(2026, 3, 11, 8) and d.code


def test_counter_receipt_is_idempotent(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        a = dossier_receive_at_counter(
            documents=world.docs(), **world.counter_kw(idempotency_key="k1")
        )
        b = dossier_receive_at_counter(
            documents=world.docs(), **world.counter_kw(idempotency_key="k1")
        )
    assert a.pk == b.pk and Dossier.objects.count() == 1 and a.code == b.code


def test_refusal_needs_reason_and_is_final(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_intake(**world.counter_kw())
        with pytest.raises(ValidationFailed):
            dossier_refuse(actor=world.reception, dossier=d, reason="  ")
        d = dossier_refuse(actor=world.reception, dossier=d, reason="Không thuộc thẩm quyền")
        assert d.national_status == 3
        with pytest.raises(TransitionNotAllowed) as exc:
            dossier_receive(actor=world.reception, dossier=d, documents=world.docs())
    assert exc.value.status == 409 and exc.value.allowed == [] and exc.value.state == "refused"


def test_decree_118_allows_one_supplement_request_per_dossier(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_intake(**world.counter_kw())
        d = dossier_request_supplement_at_receipt(
            actor=world.reception, dossier=d, reasons=["Thiếu đơn", "Bản sao mờ"]
        )
        assert d.national_status == 5
        d = dossier_supplement_at_receipt(actor=world.reception, dossier=d, documents=[])
        d = dossier_receive(actor=world.reception, dossier=d, documents=world.docs())
        d = dossier_forward(actor=world.reception, dossier=d)
        with pytest.raises(Conflict) as exc:
            dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Thiếu"])
    assert exc.value.code == "supplement_limit"


def test_decree_61_limits_supplement_requests_per_stage(world: World) -> None:
    with time_machine.travel(at(2025, 3, 11, 9), tick=False):
        d = dossier_intake(**world.counter_kw())
        d = dossier_request_supplement_at_receipt(
            actor=world.reception, dossier=d, reasons=["Thiếu đơn"]
        )
        d = dossier_supplement_at_receipt(actor=world.reception, dossier=d, documents=[])
        d = dossier_receive(actor=world.reception, dossier=d, documents=world.docs())
        d = dossier_forward(actor=world.reception, dossier=d)
        d = dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Thiếu"])
    assert d.national_status == 5 and d.appraisal_supplements == 1


def test_supplement_request_needs_reasons_and_an_official(world: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_intake(**world.counter_kw())
        with pytest.raises(ValidationFailed):
            dossier_request_supplement_at_receipt(actor=world.reception, dossier=d, reasons=[])
        with pytest.raises(PermissionDenied):
            dossier_request_supplement_at_receipt(actor=world.outsider, dossier=d, reasons=["x"])
    d.refresh_from_db()
    assert d.status == "submitted" and d.event_seq == 0


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("virus.pdf", b"MZ\x90\x00rest", "type"),
        ("empty.pdf", b"", "empty"),
        ("scan.png", PDF, "match"),
    ],
)
def test_bad_files_are_refused_before_anything_is_saved(
    world: World, name: str, content: bytes, problem: str
) -> None:
    docs = world.docs()
    docs[0] = DocumentIn(component_id=world.mandatory[0].pk, file=ContentFile(content, name=name))
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_intake(**world.counter_kw())
        with pytest.raises(ValidationFailed) as exc:
            dossier_receive(actor=world.reception, dossier=d, documents=docs)
    assert problem in str(exc.value.details["documents.0"])
    assert d.documents.count() == 0 and DossierEvent.objects.count() == 0


def test_path_tricks_in_file_names_are_neutralised(world: World) -> None:
    docs = world.docs()
    docs[0].name = "../../etc/..\\passwd.pdf"
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_receive_at_counter(documents=docs, **world.counter_kw())
    names = sorted(d.documents.values_list("original_name", flat=True))
    assert "passwd.pdf" in names
    assert all("/" not in n and ".." not in n for n in names)


def test_appointment_skips_public_holidays(world: World) -> None:
    # 30/4 and 1/5/2026 (Thursday, Friday) are holidays: 5 WD from Tue 28/4 end on Thu 7/5.
    with time_machine.travel(at(2026, 4, 28, 9, 0), tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
    assert d.due_at == at(2026, 5, 7, 9, 0)
    with time_machine.travel(at(2026, 4, 29, 15, 30), tick=False):
        d2 = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
    assert d2.forward_due_at == at(2026, 5, 4, 7, 0)  # after 15:00 before the holidays
