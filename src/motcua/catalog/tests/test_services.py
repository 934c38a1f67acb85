# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogue services: bad input, authorisation, versions, publication and the version in force."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import procedure_list, procedure_version_in_force
from motcua.catalog.services import (
    procedure_create,
    procedure_update,
    version_create_draft,
    version_part_add,
    version_parts_set,
    version_publish,
    version_retire,
    version_update,
    version_validate,
)
from motcua.catalog.tests.conftest import make_draft, procedure_data, step
from motcua.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def test_create_procedure(editor: Any, levels: None) -> None:
    procedure = procedure_create(actor=editor, data=procedure_data())
    assert procedure.code == "1.001193"
    assert [lv.code for lv in procedure.levels.all()] == ["commune"]
    assert procedure.agency_kinds_key == "|commune_committee|"
    assert procedure.history.count() == 1


@pytest.mark.parametrize("code", ["1.00119", "12.001193", "1-001193", "", "a.bcdefg"])
def test_malformed_code_is_refused(editor: Any, code: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        procedure_create(actor=editor, data=procedure_data(code=code))
    assert "code" in exc.value.details


def test_duplicate_code_is_refused(editor: Any, levels: None) -> None:
    procedure_create(actor=editor, data=procedure_data())
    with pytest.raises(ValidationFailed) as exc:
        procedure_create(actor=editor, data=procedure_data())
    assert exc.value.code == "duplicate"
    assert list(exc.value.details) == ["code"]
    assert Procedure.objects.count() == 1


def test_unknown_agency_kind_is_refused(editor: Any) -> None:
    with pytest.raises(ValidationFailed) as exc:
        procedure_create(actor=editor, data=procedure_data(competent_agency_kinds=["ministry"]))
    assert "competent_agency_kinds" in exc.value.details


def test_handler_cannot_edit_the_catalogue(editor: Any, handler: Any, levels: None) -> None:
    with pytest.raises(PermissionDenied):
        procedure_create(actor=handler, data=procedure_data())
    procedure = procedure_create(actor=editor, data=procedure_data())
    with pytest.raises(PermissionDenied):
        procedure_update(actor=handler, procedure=procedure, data={"name_vi": "X"})
    with pytest.raises(PermissionDenied):
        version_create_draft(actor=handler, procedure=procedure)


def test_negative_fee_is_refused_and_nothing_is_saved(editor: Any, levels: None) -> None:
    draft = make_draft(editor)
    fees = [{"name": "Lệ phí", "amount_vnd": 0}, {"name": "Phí", "amount_vnd": -1}]
    with pytest.raises(ValidationFailed) as exc:
        version_parts_set(actor=editor, version=draft, kind="fees", items=fees)
    assert "fees.1.amount_vnd" in exc.value.details
    assert not draft.fees.exists()
    with pytest.raises(ValidationFailed) as exc:
        version_part_add(actor=editor, version=draft, kind="fees", data={"name": "Phí"})
    assert "fees" in exc.value.details


def test_publish_and_published_versions_are_immutable(editor: Any, levels: None) -> None:
    draft = make_draft(editor)
    assert version_validate(version=draft) == []
    published = version_publish(actor=editor, version=draft)
    assert published.status == "published"
    for call in (
        lambda: version_update(actor=editor, version=published, data={"notes": "x"}),
        lambda: version_parts_set(actor=editor, version=published, kind="fees", items=[]),
        lambda: version_publish(actor=editor, version=published),
    ):
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert exc.value.code == "version_immutable"
    # Editing means a new draft, which copies the parts.
    new = version_create_draft(actor=editor, procedure=published.procedure)
    assert new.number == 2 and new.status == "draft"
    assert new.steps.count() == 2 and new.time_limits.count() == 1


def test_new_version_closes_the_open_ended_one_and_at_boundary(editor: Any, levels: None) -> None:
    v1 = version_publish(actor=editor, version=make_draft(editor))
    v2 = version_create_draft(actor=editor, procedure=v1.procedure)
    version_update(actor=editor, version=v2, data={"effective_from": dt.date(2026, 7, 1)})
    version_publish(actor=editor, version=v2)
    v1.refresh_from_db()
    assert v1.effective_to == dt.date(2026, 6, 30)

    def at(day: dt.date) -> int | None:
        found = procedure_version_in_force(code="1.001193", on=day)
        return found.number if found else None

    assert at(dt.date(2026, 6, 30)) == 1  # the day before
    assert at(dt.date(2026, 7, 1)) == 2  # the day itself
    assert at(dt.date(2026, 7, 2)) == 2  # the day after
    assert at(dt.date(2025, 12, 31)) is None


def test_overlapping_versions_are_refused(editor: Any, levels: None) -> None:
    v1 = make_draft(editor)
    version_update(actor=editor, version=v1, data={"effective_to": dt.date(2026, 12, 31)})
    version_publish(actor=editor, version=v1)
    v2 = version_create_draft(actor=editor, procedure=v1.procedure)
    v2 = version_update(actor=editor, version=v2, data={"effective_from": dt.date(2026, 6, 1)})
    problems = version_validate(version=v2)
    assert [p.code for p in problems] == ["overlap"], problems
    with pytest.raises(ValidationFailed) as exc:
        version_publish(actor=editor, version=v2)
    assert "effective_from" in exc.value.details
    v2.refresh_from_db()
    assert v2.status == "draft"


def test_norms_exceeding_the_limit_are_refused_with_parallel_groups(
    editor: Any, levels: None
) -> None:
    fits = [
        step(1, "1"),
        step(2, "1.5", parallel_group="lt", branch=1),
        step(2, "1", parallel_group="lt", branch=2),
        step(3, "4", "working_hour"),
    ]
    draft = make_draft(editor, steps=fits)  # 1 + 1.5 + 0.5 = 3 working days
    assert version_validate(version=draft) == []
    too_long = [*fits[:2], step(2, "2", parallel_group="lt", branch=2), fits[3]]
    version_parts_set(actor=editor, version=draft, kind="steps", items=too_long)
    with pytest.raises(ValidationFailed) as exc:
        version_publish(actor=editor, version=draft)
    assert exc.value.code == "norms_exceed_limit"
    assert "steps" in exc.value.details


def test_calendar_day_limit_is_compared_conservatively(editor: Any, levels: None) -> None:
    # 20 calendar days hold at least 14 working days.
    ok = make_draft(editor, limit=("20", "calendar_day"), steps=[step(1, "14")])
    assert version_validate(version=ok) == []
    version_parts_set(actor=editor, version=ok, kind="steps", items=[step(1, "14.5")])
    assert [p.code for p in version_validate(version=ok)] == ["norms_exceed_limit"]


def test_partial_online_needs_its_legal_reason(editor: Any, levels: None) -> None:
    draft = make_draft(editor)
    draft = version_update(actor=editor, version=draft, data={"service_mode": "partial_online"})
    assert [p.field for p in version_validate(version=draft)] == ["partial_online_reason"]


def test_retire_keeps_history_and_leaves_the_public_list(editor: Any, levels: None) -> None:
    v1 = version_publish(actor=editor, version=make_draft(editor))
    assert list(procedure_list(published_only=True, on=dt.date(2026, 3, 1)))
    version_retire(actor=editor, version=v1, last_day=dt.date(2026, 2, 28))
    assert procedure_version_in_force(code="1.001193", on=dt.date(2026, 2, 28)) is not None
    assert not list(procedure_list(published_only=True, on=dt.date(2026, 3, 1)))
    assert ProcedureVersion.history.filter(id=v1.pk).count() >= 3


def test_fixed_agency_step_needs_a_known_agency(editor: Any, levels: None) -> None:
    draft = make_draft(editor)
    bad = step(1, "1", performer="fixed_agency")
    with pytest.raises(ValidationFailed):
        version_parts_set(actor=editor, version=draft, kind="steps", items=[bad])
    with pytest.raises(ValidationFailed) as exc:
        version_parts_set(
            actor=editor,
            version=draft,
            kind="steps",
            items=[{**bad, "agency_identifier": "999.99.99.H00"}],
        )
    assert "steps.0.agency_identifier" in exc.value.details


def test_a_draft_ending_before_it_starts_is_a_field_error_not_a_crash(
    editor: Any, levels: None
) -> None:
    draft = make_draft(editor)
    start = draft.effective_from
    assert start is not None
    with pytest.raises(ValidationFailed) as exc:
        version_update(
            actor=editor, version=draft, data={"effective_to": start - dt.timedelta(days=1)}
        )
    assert list(exc.value.details) == ["effective_to"]
    draft.refresh_from_db()
    assert draft.effective_to is None
    with pytest.raises(ValidationFailed):
        version_create_draft(
            actor=editor,
            procedure=draft.procedure,
            data={"effective_from": dt.date(2027, 1, 2), "effective_to": dt.date(2027, 1, 1)},
        )
    assert ProcedureVersion.objects.filter(procedure=draft.procedure).count() == 1
