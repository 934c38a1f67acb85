# SPDX-License-Identifier: AGPL-3.0-or-later
"""Append-only, tamper-evident history (issue 5 §4): triggers refuse UPDATE/DELETE through raw
SQL on SQLite and PostgreSQL; ``dossier_verify`` names the first broken link."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_forward, dossier_receive_at_counter
from motcua.dossiers.tests.factories import World, at
from motcua.dossiers.triggers import trigger_create_sql, trigger_drop_sql


def make(world: World) -> Dossier:
    with time_machine.travel(at(2026, 3, 10, 9), tick=False):
        d = dossier_receive_at_counter(documents=world.docs(), **world.counter_kw())
        return dossier_forward(actor=world.reception, dossier=d)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE dossiers_dossierevent SET payload = '{}' WHERE dossier_id = %s",
        "DELETE FROM dossiers_dossierevent WHERE dossier_id = %s",
    ],
)
def test_raw_update_and_delete_are_refused(world: World, sql: str) -> None:
    d = make(world)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [d.pk])
    assert d.events.count() == 2


def verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("dossier_verify", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_verify_names_the_first_tampered_event(world: World) -> None:
    d = make(world)
    make(world)
    assert verify("--all") == (0, "checked 2 dossier(s), 0 broken\n")
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for statement in trigger_drop_sql(vendor):
            cursor.execute(statement)
        cursor.execute(
            "UPDATE dossiers_dossierevent SET payload = %s WHERE dossier_id = %s AND seq = 2",
            ['{"to": "forged"}', d.pk],
        )
        for statement in trigger_create_sql(vendor):
            cursor.execute(statement)
    code, out = verify(d.code or "")
    assert code == 1
    assert f"{d.code}: BROKEN at seq 2: content does not match its hash" in out
    code, out = verify("--all")
    assert code == 1 and "1 broken" in out


def test_verify_rejects_unknown_codes(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("dossier_verify", "NO-SUCH-CODE")
