# SPDX-License-Identifier: AGPL-3.0-or-later
"""Submission drafts, the personal data store on return, the applicant's supplement."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django_tasks_db.models import DBTaskResult

from motcua.accounts.datastore import PersonalPaper
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import drafts
from motcua.dossiers.tasks import data_store_keep
from motcua.dossiers.tests.factories import PDF, World, at, build_world
from motcua.dossiers.tests.test_concurrency import run_at_once
from motcua.workcal.seed import calendar_seed_from_library


def _draft_ready(world: World) -> Any:
    draft = drafts.draft_start(owner=world.applicant, procedure_version=world.version)
    drafts.draft_set_choices(
        owner=world.applicant, draft=draft, case_id=None, receiving_agency=world.centre
    )
    for paper in world.mandatory:
        drafts.draft_attach_upload(
            owner=world.applicant,
            draft=draft,
            component_id=paper.pk,
            file=ContentFile(PDF + str(paper.pk).encode(), name=f"p{paper.pk}.pdf"),
        )
    return draft


def test_a_draft_is_submitted_once_and_then_closed(world: World) -> None:
    draft = _draft_ready(world)
    first = drafts.draft_submit(owner=world.applicant, draft=draft.pk)
    again = drafts.draft_submit(owner=world.applicant, draft=draft.pk)
    assert first.pk == again.pk and first.channel == "online"
    with pytest.raises(Conflict):
        drafts.draft_save_form(owner=world.applicant, draft=draft.pk, data={})


def test_another_user_cannot_touch_a_draft(world: World) -> None:
    draft = _draft_ready(world)
    with pytest.raises(NotFound):
        drafts.draft_submit(owner=world.outsider, draft=draft.pk)


def test_a_paper_of_another_version_is_refused(world: World) -> None:
    draft = drafts.draft_start(owner=world.applicant, procedure_version=world.land_version)
    with pytest.raises(ValidationFailed):
        drafts.draft_attach_upload(
            owner=world.applicant,
            draft=draft,
            component_id=world.mandatory[0].pk,
            file=ContentFile(PDF, name="a.pdf"),
        )


def _returned(world: World, result: list[services.DocumentIn]) -> Dossier:
    d = drafts.draft_submit(owner=world.applicant, draft=_draft_ready(world).pk)
    d = services.dossier_receive(actor=world.reception, dossier=d.pk)
    d = services.dossier_transfer(
        actor=world.reception, dossier=d, to=world.department, reason="TQ"
    )
    d = services.dossier_forward(actor=world.reception, dossier=d)
    d = services.step_assign(actor=world.approver, dossier=d, assignee=world.handler)
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.handler, dossier=d, outcome="ok")
    d = services.step_complete(actor=world.approver, dossier=d, outcome="signed")
    d = services.dossier_approve(actor=world.approver, dossier=d)
    d = services.dossier_result_ready(actor=world.handler, dossier=d, documents=result)
    return services.dossier_return_result(actor=world.reception, dossier=d)


def test_the_result_and_reusable_papers_go_to_the_data_store_on_return(world: World) -> None:
    world.mandatory[1].reusable = True
    world.mandatory[1].save()
    world.version.save()  # new updated_at: the pinned parts are read again
    result = services.DocumentIn(file=ContentFile(PDF + b"result", name="kq.pdf"))
    d = _returned(world, [result])
    kept = PersonalPaper.objects.filter(owner=world.applicant)
    assert kept.count() == 0  # the worker keeps them, from the task enqueued with the return
    queued = DBTaskResult.objects.get(task_path=data_store_keep.module_path)
    assert queued.args_kwargs["kwargs"] == {"dossier_id": d.pk}
    assert data_store_keep.call(dossier_id=d.pk) == 2
    assert kept.count() == 2  # the result and the reusable paper, not the other one
    assert set(kept.values_list("source_dossier_code", flat=True)) == {d.code}
    assert drafts.data_store_keep_from_dossier(dossier=d) == 2  # idempotent: same rows
    assert kept.count() == 2


def test_a_return_with_nothing_new_for_the_data_store_enqueues_no_task(world: World) -> None:
    d = _returned(world, [])  # no electronic result; no component is reusable
    assert d.status == "returned"
    assert not DBTaskResult.objects.filter(task_path=data_store_keep.module_path).exists()
    assert data_store_keep.call(dossier_id=d.pk) == 0  # and the task would have kept nothing


def test_the_applicant_hands_in_the_appraisal_supplement(world: World) -> None:
    d = drafts.draft_submit(owner=world.applicant, draft=_draft_ready(world).pk)
    d = services.dossier_receive(actor=world.reception, dossier=d.pk)
    d = services.dossier_transfer(
        actor=world.reception, dossier=d, to=world.department, reason="TQ"
    )
    d = services.dossier_forward(actor=world.reception, dossier=d)
    d = services.dossier_request_supplement(actor=world.handler, dossier=d, reasons=["Thiếu"])
    with pytest.raises(ValidationFailed):
        drafts.applicant_supplement(actor=world.applicant, dossier=d, documents=[])
    doc = services.DocumentIn(file=ContentFile(PDF + b"bs", name="bs.pdf"))
    d = drafts.applicant_supplement(actor=world.applicant, dossier=d, documents=[doc])
    assert d.status == "processing"
    assert d.documents.filter(kind="supplement").count() == 1


@pytest.fixture
def world_tx(transactional_db: None, tmp_path: Any, settings: Any) -> World:
    """As in test_concurrency: a world committed to the database, seen by other connections."""
    import importlib

    from motcua.dossiers.models import RuleSet

    settings.MEDIA_ROOT = str(tmp_path)
    if not RuleSet.objects.exists():  # a flush after an earlier transactional test removed them
        seed = importlib.import_module("motcua.dossiers.migrations.0002_rule_sets")
        for values in seed.RULE_SETS:
            RuleSet.objects.create(**values)
    calendar_seed_from_library(years=[2026])
    return build_world(prefix="dr-")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="needs PostgreSQL row locks; runs in the PostgreSQL pass"
)
def test_two_simultaneous_submits_of_one_draft_make_one_dossier(world_tx: World) -> None:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        draft = _draft_ready(world_tx)
    results = run_at_once(
        2, lambda i: drafts.draft_submit(owner=world_tx.applicant, draft=draft.pk)
    )
    assert all(isinstance(r, Dossier) for r in results), results
    assert results[0].pk == results[1].pk
    assert Dossier.objects.count() == 1
