# SPDX-License-Identifier: AGPL-3.0-or-later
"""Evaluation of a returned dossier (Decree 61/2018 Art 31; Circular 01/2018 Art 13–14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile

from motcua.core import clock
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.feedback import policies
from motcua.feedback.models import Evaluation
from motcua.feedback.services import evaluation_give
from motcua.feedback.tests.conftest import PDF_BYTES

SCORES = {"indicator_1": 2, "indicator_3": 1, "indicator_4": 1, "indicator_7": 2}


def _returned(world: Any) -> Dossier:
    d = services.dossier_submit_online(
        actor=world.applicant,
        procedure_version=world.version,
        applicant=services.ApplicantIn(name="Công Dân"),
        receiving_agency=world.centre,
        competent_agency=world.department,
        documents=world.docs(),
    )
    d = services.dossier_receive(actor=world.reception, dossier=d.pk)
    d = services.dossier_forward(actor=world.reception, dossier=d)
    d = services.step_assign(actor=world.approver, dossier=d, assignee=world.handler)
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.approver, dossier=d, outcome="signed")
    d = services.dossier_approve(actor=world.approver, dossier=d)
    result = services.DocumentIn(file=ContentFile(PDF_BYTES + b"kq", name="kq.pdf"))
    d = services.dossier_result_ready(actor=world.handler, dossier=d, documents=[result])
    return services.dossier_return_result(actor=world.reception, dossier=d)


def test_the_applicant_rates_a_returned_dossier_and_indicator_2_is_computed(citizen_world):
    d = _returned(citizen_world)
    e = evaluation_give(actor=citizen_world.applicant, dossier=d, comment="Tốt", **SCORES)
    assert (e.indicator_1, e.indicator_3, e.indicator_4, e.indicator_7) == (2, 1, 1, 2)
    steps = [(s.finished_at, s.due_at) for s in d.steps.all()]
    assert e.computed_2 == policies.score_units_time(steps) is not None  # no step was late
    assert e.computed_2 in (1, 2)
    assert e.computed_1 == 2  # returned before the appointment day


def test_one_evaluation_per_applicant_edited_within_seven_days_only(citizen_world):
    d = _returned(citizen_world)
    evaluation_give(actor=citizen_world.applicant, dossier=d, **SCORES)
    evaluation_give(actor=citizen_world.applicant, dossier=d, **{**SCORES, "indicator_7": 0})
    assert Evaluation.objects.count() == 1
    assert Evaluation.objects.get().indicator_7 == 0
    later = clock.now() + dt.timedelta(days=7, hours=1)
    with time_machine.travel(later), pytest.raises(Conflict):
        evaluation_give(actor=citizen_world.applicant, dossier=d, **SCORES)
    assert Evaluation.objects.get().indicator_7 == 0


def test_only_the_applicant_of_a_returned_dossier_may_rate(citizen_world):
    d = _returned(citizen_world)
    with pytest.raises(PermissionDenied):
        evaluation_give(actor=citizen_world.outsider, dossier=d, **SCORES)
    open_dossier = services.dossier_submit_online(
        actor=citizen_world.applicant,
        procedure_version=citizen_world.version,
        applicant=services.ApplicantIn(name="Công Dân"),
        receiving_agency=citizen_world.centre,
    )
    with pytest.raises(PermissionDenied):
        evaluation_give(actor=citizen_world.applicant, dossier=open_dossier, **SCORES)


def test_scores_outside_zero_to_two_are_refused_and_nothing_is_saved(citizen_world):
    d = _returned(citizen_world)
    with pytest.raises(ValidationFailed) as caught:
        evaluation_give(actor=citizen_world.applicant, dossier=d, **{**SCORES, "indicator_3": 3})
    assert "indicator_3" in caught.value.details
    assert not Evaluation.objects.exists()


def test_indicator_scoring_rules():
    due = dt.datetime(2026, 3, 10, 17, tzinfo=clock.VN_TZ)
    assert policies.score_total_time(finished_at=due - dt.timedelta(days=1), due_at=due) == 2
    assert policies.score_total_time(finished_at=due - dt.timedelta(hours=1), due_at=due) == 1
    assert policies.score_total_time(finished_at=due + dt.timedelta(hours=1), due_at=due) == 0
    assert policies.score_units_time([(due, due), (due + dt.timedelta(minutes=1), due)]) == 0
    assert policies.score_units_time([(None, due)]) is None
