# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logbook rows (Circular 01/2018 Mẫu 06 / Circular 03/2025 Mẫu 07), printed-form contexts, the
handler picker selector and papers handed in outside the desk forms."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.files.base import ContentFile

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_user
from motcua.core.errors import ValidationFailed
from motcua.dossiers.logbook import control_slip_xlsx, logbook_rows, logbook_xlsx
from motcua.dossiers.models import Dossier
from motcua.dossiers.receipts import control_slip_context, document_context, printable_kinds
from motcua.dossiers.selectors import dossier_open_steps, step_performers
from motcua.dossiers.services import (
    DocumentIn,
    dossier_forward,
    dossier_receive_at_counter,
    step_assign,
    step_complete,
)
from motcua.dossiers.services.documents import document_hand_in
from motcua.dossiers.tests.factories import PDF, World, at


def _received(world: World, moment: dt.datetime) -> Dossier:
    with time_machine.travel(moment, tick=False):
        return dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())


def test_logbook_numbers_from_01_each_year_and_continues_across_months(world: World) -> None:
    _received(world, at(2025, 12, 30, 9))
    jan = [_received(world, at(2026, 1, 5, 9)), _received(world, at(2026, 1, 6, 9))]
    feb = _received(world, at(2026, 2, 3, 9))
    with time_machine.travel(at(2026, 2, 3, 10), tick=False):
        dossier_forward(actor=world.reception, dossier=feb)
    book = logbook_rows(
        user=world.reception,
        agency=world.centre,
        start=dt.date(2026, 2, 1),
        end=dt.date(2026, 2, 28),
    )
    assert [(r.number_label, r.code) for r in book.rows] == [("03", feb.code)]
    row = book.rows[0]
    assert row.forwarded_at == at(2026, 2, 3, 10) and row.lead_agency == world.department.name_vi
    assert row.form == book.form == "Circular 03/2025 Mẫu 07"
    january = logbook_rows(
        user=world.reception,
        agency=world.centre,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 1, 31),
    )
    assert [r.code for r in january.rows] == [d.code for d in jan]
    assert [r.number_label for r in january.rows] == ["01", "02"]


def test_logbook_form_follows_the_rule_set_and_scope(world: World) -> None:
    old = _received(world, at(2025, 6, 10, 9))
    book = logbook_rows(
        user=world.reception,
        agency=world.centre,
        start=dt.date(2025, 6, 1),
        end=dt.date(2025, 6, 30),
    )
    assert book.form == "Circular 01/2018 Mẫu 06" and book.rows[0].code == old.code
    hidden = logbook_rows(
        user=world.outsider,
        agency=world.centre,
        start=dt.date(2025, 6, 1),
        end=dt.date(2025, 6, 30),
    )
    assert hidden.rows == []
    content = logbook_xlsx(book)
    with zipfile.ZipFile(io.BytesIO(content)) as xlsx:
        sheet = xlsx.read("xl/sharedStrings.xml").decode()
    assert "SỔ THEO DÕI HỒ SƠ" in sheet and old.code in sheet
    assert "Ngày, tháng, năm hẹn trả kết quả" in sheet


def test_control_slip_names_giver_and_receiver_of_each_handover(world: World) -> None:
    d = _received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = dossier_forward(actor=world.reception, dossier=d)
        d = step_assign(actor=world.approver, dossier=d, assignee=world.handler)
        d = step_complete(actor=world.handler, dossier=d, outcome="ok")
    rows = control_slip_context(d)["rows"]
    forward, first, second = rows
    assert world.centre.name_vi in forward["giver"]
    assert forward["receiver"] == world.department.name_vi
    assert first["giver"] == forward["receiver"]
    assert world.department.name_vi in first["receiver"]
    assert second["giver"] == first["receiver"]
    sheet = control_slip_xlsx(control_slip_context(d))
    assert sheet.startswith(b"PK")
    slip = document_context(d, "control_slip")
    assert [h["giver"] for h in slip["handovers"]] == [r["giver"] for r in rows]
    assert printable_kinds(d) == ["receipt", "control_slip"]


def test_step_performers_are_the_role_holders_covering_the_agency(world: World) -> None:
    d = _received(world, at(2026, 3, 10, 9))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        d = dossier_forward(actor=world.reception, dossier=d)
    step = dossier_open_steps(dossier=d).get()
    regional = make_user(username="regional")
    assign_role(regional, Role.HANDLER, world.province, include_descendants=True)
    local_only = make_user(username="local-only")
    assign_role(local_only, Role.HANDLER, world.province)  # the province only, not below
    gone = make_user(username="gone")
    assign_role(gone, Role.HANDLER, world.department, valid_to=dt.date(2024, 12, 31))
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        found = set(step_performers(step=step))
    assert found == {world.handler, regional}


def test_hand_in_needs_files_and_a_known_kind(world: World) -> None:
    d = _received(world, at(2026, 3, 10, 9))
    with pytest.raises(ValidationFailed) as empty:
        document_hand_in(actor=world.reception, dossier=d, kind="result", documents=[])
    assert "files" in empty.value.details
    paper = DocumentIn(file=ContentFile(PDF, name="a.pdf"))
    with pytest.raises(ValidationFailed) as unknown:
        document_hand_in(actor=world.reception, dossier=d, kind="internal", documents=[paper])
    assert "kind" in unknown.value.details
    assert Dossier.objects.get(pk=d.pk).version == d.version
