# SPDX-License-Identifier: AGPL-3.0-or-later
"""The whole dossier lifecycle at the desk in a real browser (issue 5 item 9): counter reception
with uploads, receipt PDF, forwarding, assignment through the picker, steps, approval, result with
an uploaded result file (after one refused upload shown beside the field), and return. Every
action is an htmx swap of #workbench: the page is never reloaded."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from tests.e2e import test_desk_dossiers as shared

from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.tests.factories import World

PASSWORD = shared.PASSWORD
world = shared.world  # the live-server dossier world (fixture)
GOOD_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sign_in(page: Any, live: Any, user: Any, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live.url}/accounts/login/?next={next_url}")
    page.fill("input[name=login]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))
    page.evaluate("window.__noReload = true")


def _act(page: Any, action: str, fill: Any = None, *, entries: int = 1) -> None:
    """Submit one action form with htmx and wait for the new timeline entry."""
    workbench = page.locator("#workbench")
    before = workbench.locator(".dossier-timeline li").count()
    form = page.locator(f"form.dossier-action[action$='/actions/{action}/']")
    if fill:
        fill(form)
    form.locator("button[type=submit]").click()
    expect(workbench.locator(".dossier-timeline li")).to_have_count(before + entries)
    assert page.evaluate("window.__noReload") is True, f"{action} reloaded the page"


def test_whole_lifecycle_in_the_desk(
    page: Any, live: Any, world: World, tmp_path: Path, console_problems: list[str]
) -> None:
    # Counter reception with one scanned PDF per required paper.
    _sign_in(page, live, world.reception, "/desk/dossiers/receive/")
    page.fill("input[name=procedure]", world.version.procedure.code)
    page.locator("form[method=get] button[type=submit]").click()
    form = page.locator("form[method=post][enctype='multipart/form-data']")
    form.locator("input[name=applicant_name]").fill("Trần Thị Bình")
    for paper in world.mandatory:
        scan = tmp_path / f"scan-{paper.pk}.pdf"
        scan.write_bytes(GOOD_PDF)
        form.locator(f"input[name=doc_{paper.pk}]").set_input_files(str(scan))
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/desk/dossiers/[^/]+/$"))
    dossier = Dossier.objects.get()
    bench = f"/desk/dossiers/{dossier.code}/"

    # The receipt PDF.
    receipt = page.locator("#workbench a[data-print=receipt]")
    response = page.request.get(receipt.evaluate("a => a.href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")

    # Forward: the competent agency (here the receiving centre) is preselected; the officer
    # sends the dossier to the department instead, which needs a reason.
    page.evaluate("window.__noReload = true")
    picker = page.locator("select[name=forward-to]")
    expect(picker).to_have_value(str(dossier.competent_agency_id))

    def forward_to_department(form: Any) -> None:
        picker.select_option(str(world.department.pk))
        form.locator("textarea[name=forward-reason]").fill("Thuộc thẩm quyền của Sở")

    _act(page, "forward", forward_to_department, entries=2)  # transferred + forwarded

    # The head assigns the handler through the picker of the step's handlers.
    _sign_in(page, live, world.approver, bench)
    assignee = page.locator("select[name=assign-assignee]")
    expect(assignee.locator("option")).to_contain_text([world.handler.get_username()])
    _act(page, "assign", lambda f: assignee.select_option(str(world.handler.pk)))

    # The handler completes the two handler steps; the approver signs the last one.
    _sign_in(page, live, world.handler, bench)
    for _ in range(2):
        _act(page, "complete_step", lambda f: f.locator("input[name$=outcome]").fill("Đạt"))
    _sign_in(page, live, world.approver, bench)
    _act(page, "complete_step", lambda f: f.locator("input[name$=outcome]").fill("Ký duyệt"))
    _act(page, "approve")

    # A bad result file (an .exe renamed .pdf) is refused beside the field; nothing is saved.
    fake = tmp_path / "ket-qua.pdf"
    fake.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" * 8)
    result_form = page.locator("form.dossier-action[action$='/actions/result_ready/']")
    result_form.locator("input[type=file]").set_input_files(str(fake))
    with page.expect_response(re.compile(r"/actions/result_ready/$")):
        result_form.locator("button[type=submit]").click()
    errors = page.locator("form.dossier-action[action$='/actions/result_ready/'] .errorlist")
    expect(errors).to_contain_text("ket-qua.pdf")
    assert Dossier.objects.get(pk=dossier.pk).status == "approved"
    assert not DossierDocument.objects.filter(dossier=dossier, kind="result").exists()

    # The real result file.
    good = tmp_path / "quyet-dinh.pdf"
    good.write_bytes(GOOD_PDF)
    _act(page, "result_ready", lambda f: f.locator("input[type=file]").set_input_files(str(good)))
    expect(page.locator("#workbench li[data-kind=result]")).to_contain_text("quyet-dinh.pdf")

    # The counter returns the result.
    _sign_in(page, live, world.reception, bench)
    _act(page, "return_result")
    dossier.refresh_from_db()
    assert dossier.status == "returned" and dossier.national_status == 10
    assert console_problems == [], "\n".join(console_problems)
