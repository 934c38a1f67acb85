# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier desk in a real browser: counter reception, receipt PDF, an htmx action."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier, DossierEvent, RuleSet
from motcua.dossiers.services.pinned import pinned_cache_clear
from motcua.dossiers.tests.factories import World, build_world
from motcua.dossiers.triggers import trigger_create_sql, trigger_drop_sql
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import snapshot_cache_clear

PASSWORD = "pw-Test-12345"  # make_user's default


@pytest.fixture
def world(live: Any, tmp_path: Path, settings: Any) -> Iterator[World]:
    """The dossier test world of dossiers/tests/factories.py, readable by the live server.

    The live server needs a transactional database, flushed after the test. The flush of SQLite
    deletes rows, which the append-only trigger on dossier events refuses, so the events are
    removed here with the triggers briefly dropped (PostgreSQL truncates, firing no trigger).
    """
    settings.MEDIA_ROOT = str(tmp_path / "media")
    if not RuleSet.objects.exists():  # an earlier transactional test flushed the seeded rows
        seed = importlib.import_module("motcua.dossiers.migrations.0002_rule_sets")
        for values in seed.RULE_SETS:
            RuleSet.objects.create(**values)
    snapshot_cache_clear()
    pinned_cache_clear()
    calendar_seed_from_library(years=[2025, 2026, 2027])
    yield build_world()
    snapshot_cache_clear()
    pinned_cache_clear()
    with connection.cursor() as cursor:
        for sql in trigger_drop_sql(connection.vendor):
            cursor.execute(sql)
        DossierEvent.objects.all().delete()
        for sql in trigger_create_sql(connection.vendor):
            cursor.execute(sql)


def test_reception_receives_prints_and_forwards_a_dossier(
    page: Any, live: Any, world: World, tmp_path: Path, console_problems: list[str]
) -> None:
    # Sign in through the real login form, landing on counter reception.
    page.goto(f"{live.url}/accounts/login/?next=/desk/dossiers/receive/")
    page.fill("input[name=login]", world.reception.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/desk/dossiers/receive/$"))

    # Step 1: choose the procedure.
    code = world.version.procedure.code
    page.fill("input[name=procedure]", code)
    page.locator("form[method=get] button[type=submit]").click()
    expect(page.locator("main h2").first).to_contain_text(code)

    # Step 2: applicant and one PDF per required paper.
    form = page.locator("form[method=post][enctype='multipart/form-data']")
    form.locator("input[name=applicant_name]").fill("Nguyễn Văn An")
    form.locator("input[name=applicant_id_number]").fill("072090000001")
    form.locator("input[name=applicant_phone]").fill("0900000001")
    for paper in world.mandatory:
        pdf = tmp_path / f"paper-{paper.pk}.pdf"
        pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        form.locator(f"input[name=doc_{paper.pk}]").set_input_files(str(pdf))
    form.locator("button[type=submit]").click()

    # The workbench of the new dossier, with its code.
    expect(page).to_have_url(re.compile(r"/desk/dossiers/[^/]+/$"))
    dossier = Dossier.objects.get()
    assert dossier.code
    assert page.url.endswith(f"/desk/dossiers/{dossier.code}/")
    workbench = page.locator("#workbench")
    expect(workbench.locator("h1")).to_contain_text(dossier.code)
    expect(workbench).to_contain_text("Nguyễn Văn An")

    # The receipt link serves a PDF (fetched with the page's session).
    receipt = workbench.locator("a[data-print=receipt]")
    expect(receipt).to_be_visible()
    response = page.request.get(receipt.evaluate("a => a.href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # Forward with htmx: only #workbench is swapped, the document is not reloaded.
    status_dd = workbench.locator("dl.dossier-summary dd").nth(2)
    status_before = status_dd.inner_text()
    events_before = workbench.locator(".dossier-timeline li").count()
    page.evaluate("window.__noReload = true")
    forward = page.locator("form.dossier-action[action$='/actions/forward/']")
    with page.expect_response(re.compile(r"/actions/forward/$")):
        forward.locator("button[type=submit]").click()
    expect(status_dd).not_to_have_text(status_before)
    expect(workbench.locator(".dossier-timeline li")).to_have_count(events_before + 1)
    assert page.evaluate("window.__noReload") is True, "the action reloaded the whole page"
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert console_problems == [], "\n".join(console_problems)
