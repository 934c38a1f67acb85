# SPDX-License-Identifier: AGPL-3.0-or-later
"""The citizen side of the portal in a real browser, with the desk for the officers' part.

A citizen searches "Đăng ký khai sinh", submits online with two uploads; the one-stop unit
receives and forwards it; the handler asks for a supplement; the citizen uploads it from the
dossier page; the handler and the approver finish, the result file is uploaded and returned; the
citizen downloads the result and rates the service. Plus the public lookup by code and QR path.
Every portal page of the scenario is checked with axe-core (vendored, tests/e2e/vendor): no
serious or critical violation. Screenshots of every visited page are written to
var/e2e-artifacts/ when the test fails.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect
from tests.e2e.quality import Recorder, recording
from tests.e2e.quality import assert_axe_clean as _axe
from tests.e2e.quality import assert_no_horizontal_scroll as _no_horizontal_scroll

from motcua.catalog.indexing import procedure_reindex
from motcua.catalog.models import RequiredDocument
from motcua.dossiers.models import Dossier, DossierEvent, RuleSet
from motcua.dossiers.services.pinned import pinned_cache_clear
from motcua.dossiers.tests.factories import build_world, make_version
from motcua.dossiers.triggers import trigger_create_sql, trigger_drop_sql
from motcua.feedback.models import Evaluation
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import snapshot_cache_clear

PASSWORD = "pw-Test-12345"  # make_user's default
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EFORM = {
    "fields": [
        {"name": "child_name", "label_vi": "Họ tên trẻ", "label_en": "Child's name",
         "type": "text", "required": True, "max_length": 100},
        {"name": "birth_date", "label_vi": "Ngày sinh", "label_en": "Date of birth",
         "type": "date", "required": True},
    ]
}  # fmt: skip


@pytest.fixture
def recorder(request: pytest.FixtureRequest) -> Iterator[Recorder]:
    yield from recording(request)


@pytest.fixture
def scene(live: Any, tmp_path: Path, settings: Any) -> Iterator[SimpleNamespace]:
    """Agencies and officials of the dossier test world, a birth-registration procedure with an
    e-form and two mandatory papers, readable by the live server (see test_desk_dossiers)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    if not RuleSet.objects.exists():  # an earlier transactional test flushed the seeded rows
        seed = importlib.import_module("motcua.dossiers.migrations.0002_rule_sets")
        for values in seed.RULE_SETS:
            RuleSet.objects.create(**values)
    snapshot_cache_clear()
    pinned_cache_clear()
    calendar_seed_from_library(years=[2025, 2026, 2027])
    world = build_world()
    version = make_version(
        steps=[{"norm": "2", "name": "Thẩm định"}, {"role": "approver", "norm": "1"}],
        name="Đăng ký khai sinh",
        suffix="077",
    )
    version.eform = EFORM
    version.save()
    papers = [
        RequiredDocument.objects.create(version=version, name="Giấy chứng sinh", position=1),
        RequiredDocument.objects.create(version=version, name="Giấy tờ tùy thân", position=2),
    ]
    procedure_reindex(version.procedure)
    world.applicant.full_name = "Trần Thị Công Dân"
    world.applicant.save()
    yield SimpleNamespace(world=world, version=version, papers=papers)
    snapshot_cache_clear()
    pinned_cache_clear()
    with connection.cursor() as cursor:
        for sql in trigger_drop_sql(connection.vendor):
            cursor.execute(sql)
        DossierEvent.objects.all().delete()
        for sql in trigger_create_sql(connection.vendor):
            cursor.execute(sql)


def _check(page: Any, rec: Recorder, label: str) -> None:
    rec.shot(label, page)
    _axe(page)


def _sign_in(browser: Any, args: dict[str, Any], live: Any, user: Any, rec: Recorder) -> Any:
    context = browser.new_context(**args)
    rec.contexts.append(context)
    page = context.new_page()
    rec.pages.append((user.get_username(), page))
    # 4xx answers (a form with errors) are expected; CSP violations and script errors are not.
    page.on(
        "console",
        lambda m: rec.problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: rec.problems.append(f"page error: {error}"))
    page.goto(f"{live.url}/accounts/login/")
    page.fill("input[name=login]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)
    return page


def _desk_action(page: Any, action: str, fill: dict[str, str] | None = None, **files: Any) -> None:
    form = page.locator(f"form.dossier-action[action$='/actions/{action}/']")
    for name, value in (fill or {}).items():
        field = form.locator(f"[name='{action}-{name}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    for name, path in files.items():
        form.locator(f"input[name='{action}-{name}']").set_input_files(str(path))
    page.evaluate(
        "window.__settled = false; document.body.addEventListener('htmx:afterSettle',"
        " () => { window.__settled = true; }, {once: true})"
    )
    form.locator("button[type=submit]").click()
    page.wait_for_function("() => window.__settled === true")  # htmx swapped #workbench


def test_citizen_submits_follows_supplements_downloads_and_rates(
    browser: Any,
    browser_context_args: dict[str, Any],
    live: Any,
    scene: SimpleNamespace,
    tmp_path: Path,
    recorder: Recorder,
) -> None:
    world, args = scene.world, browser_context_args
    files = []
    for i, name in enumerate(("giay-chung-sinh.pdf", "cccd.pdf", "bo-sung.pdf", "ket-qua.pdf")):
        path = tmp_path / name
        path.write_bytes(PDF + f"% {i}\n".encode())
        files.append(path)

    # The citizen searches the procedure (accents optional) and opens it.
    citizen = _sign_in(browser, args, live, world.applicant, recorder)
    citizen.goto(f"{live.url}/")
    _check(citizen, recorder, "home")
    citizen.goto(f"{live.url}/procedures/?q=dang+ky+khai+sinh")
    _check(citizen, recorder, "procedure-list")
    citizen.get_by_role("link", name=re.compile("Đăng ký khai sinh")).first.click()
    _check(citizen, recorder, "procedure-detail")
    citizen.locator("a[data-submit-online]").click()
    _check(citizen, recorder, "wizard-start")
    citizen.locator("main form button[type=submit]").click()

    # Step 1: the receiving unit; step 2: the e-form (server-side validation keeps the input).
    expect(citizen).to_have_url(re.compile(r"/drafts/\d+/$"))
    _check(citizen, recorder, "wizard-choices")
    citizen.select_option("select[name=receiving_agency]", label=world.centre.name_vi)
    citizen.locator("main form button[type=submit]").click()
    expect(citizen).to_have_url(re.compile(r"/drafts/\d+/form/$"))
    citizen.fill("input[name=eform_child_name]", "<b>Bé</b> Trần An")
    citizen.locator("main form button[type=submit]").click()
    expect(citizen.locator("input[name=eform_child_name]")).to_have_value("<b>Bé</b> Trần An")
    _check(citizen, recorder, "wizard-eform-error")
    citizen.fill("input[name=eform_birth_date]", "2026-11-01")
    citizen.locator("main form button[type=submit]").click()

    # Step 3: two uploads through the script (XHR with a progress bar), on a phone screen.
    expect(citizen).to_have_url(re.compile(r"/drafts/\d+/papers/$"))
    citizen.set_viewport_size({"width": 360, "height": 780})
    for paper, path in zip(scene.papers, files[:2], strict=True):
        form = citizen.locator(f"form[action$='/papers/{paper.pk}/upload/']")
        form.locator("input[type=file]").set_input_files(str(path))
        with citizen.expect_navigation():  # the script reloads the page once attached
            form.locator("button[type=submit]").click()
    expect(citizen.locator(".attached")).to_have_count(2)
    _no_horizontal_scroll(citizen)
    _check(citizen, recorder, "wizard-papers")
    citizen.set_viewport_size({"width": 1280, "height": 900})

    # Step 4: review, then a double click on submit still makes one dossier.
    citizen.locator("main a[href$='/review/']").last.click()
    _check(citizen, recorder, "wizard-review")
    citizen.locator("button[data-once]").dblclick()
    expect(citizen).to_have_url(re.compile(r"/drafts/\d+/done/$"))
    _check(citizen, recorder, "wizard-done")
    dossier = Dossier.objects.get()
    assert Dossier.objects.count() == 1 and dossier.documents.count() == 2
    expect(citizen.locator("[data-dossier-code]")).to_have_text(dossier.code)

    # The one-stop unit receives the dossier in the desk and forwards it to the department.
    reception = _sign_in(browser, args, live, world.reception, recorder)
    reception.goto(f"{live.url}/desk/dossiers/{dossier.code}/")
    _desk_action(reception, "receive")
    dossier.refresh_from_db()
    assert dossier.code and dossier.status == "received"
    _desk_action(
        reception, "forward", {"to": world.department.name_vi, "reason": "Thẩm quyền của Sở"}
    )
    dossier.refresh_from_db()
    assert dossier.status == "processing", dossier.status

    # The handler asks for a supplement; the citizen uploads it from the dossier page.
    handler = _sign_in(browser, args, live, world.handler, recorder)
    handler.goto(f"{live.url}/desk/dossiers/{dossier.code}/")
    _desk_action(handler, "request_supplement", {"reasons": "Bản sao giấy chứng sinh rõ hơn"})
    citizen.goto(f"{live.url}/my/dossiers/")
    _check(citizen, recorder, "my-dossiers")
    citizen.get_by_role("link", name=dossier.code).click()
    expect(citizen.locator("#supplement-heading")).to_be_visible()
    expect(citizen.locator("main")).to_contain_text("Bản sao giấy chứng sinh rõ hơn")
    _check(citizen, recorder, "dossier-supplement")
    citizen.set_input_files("input[name=attachments]", str(files[2]))
    citizen.locator("form[action$='/supplement/'] button[type=submit]").click()
    expect(citizen.locator("#supplement-heading")).to_have_count(0)
    dossier.refresh_from_db()
    assert dossier.status == "processing"

    # Processing, decision, result file, return.
    handler.reload()
    _desk_action(handler, "complete_step", {"outcome": "Đạt"})
    approver = _sign_in(browser, args, live, world.approver, recorder)
    approver.goto(f"{live.url}/desk/dossiers/{dossier.code}/")
    _desk_action(approver, "complete_step", {"outcome": "Ký duyệt"})
    _desk_action(approver, "approve")
    _desk_action(approver, "result_ready", files=files[3])
    reception.reload()
    _desk_action(reception, "return_result")
    dossier.refresh_from_db()
    assert dossier.status == "returned"

    # The citizen downloads the electronic result and rates the service.
    citizen.reload()
    _check(citizen, recorder, "dossier-returned")
    with citizen.expect_download() as download:
        citizen.locator("a[data-result]").click()
    assert Path(download.value.path()).read_bytes() == files[3].read_bytes()
    citizen.locator("a[href$='/evaluate/']").click()
    _check(citizen, recorder, "evaluation")
    for indicator in ("indicator_1", "indicator_3", "indicator_4", "indicator_7"):
        citizen.locator(f"input[name={indicator}][value='2']").check()
    citizen.fill("textarea[name=comment]", "Nhanh, đúng hẹn")
    citizen.locator("main form button[type=submit]").click()
    expect(citizen.locator("ul.messages")).to_contain_text("Cảm ơn")
    _check(citizen, recorder, "dossier-rated")
    assert Evaluation.objects.get().indicator_7 == 2

    # The return enqueued the data-store task; the worker (here in batch mode, as `make run`'s
    # worker would) keeps the result in the citizen's personal data store, ready for reuse.
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default")
    citizen.goto(f"{live.url}/my/papers/")
    expect(citizen.locator("main table")).to_contain_text(dossier.code)
    _check(citizen, recorder, "data-store")
    citizen.goto(f"{live.url}/my/profile/")
    _check(citizen, recorder, "profile")
    assert recorder.problems == [], "\n".join(recorder.problems)


def test_anyone_looks_up_a_dossier_by_code_and_by_the_qr_link(
    page: Any, live: Any, scene: SimpleNamespace, recorder: Recorder
) -> None:
    from motcua.dossiers import services

    world = scene.world
    d = services.dossier_submit_online(
        actor=world.applicant,
        procedure_version=scene.version,
        applicant=services.ApplicantIn(name="Trần Thị Công Dân"),
        receiving_agency=world.centre,
        documents=[
            services.DocumentIn(component_id=p.pk, file=_content(p.pk)) for p in scene.papers
        ],
    )
    d = services.dossier_receive(actor=world.reception, dossier=d.pk)
    recorder.pages.append(("anonymous", page))
    page.goto(f"{live.url}/")
    page.locator("header nav a[href='/tra-cuu/']").click()
    page.fill("input[name=code]", d.code)
    page.locator("main form button[type=submit]").click()
    result = page.locator(".lookup-result")
    expect(result).to_contain_text(d.code)
    expect(result).to_contain_text("Đăng ký khai sinh")
    expect(result).not_to_contain_text("Trần Thị Công Dân")
    _check(page, recorder, "lookup")
    page.goto(f"{live.url}/tra-cuu/{d.code}?secret={d.lookup_secret}")
    expect(page.locator(".lookup-result ol li").first).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 780})
    _no_horizontal_scroll(page)
    _check(page, recorder, "lookup-qr-timeline")


def _content(pk: int) -> Any:
    from django.core.files.base import ContentFile

    return ContentFile(PDF + str(pk).encode(), name=f"p{pk}.pdf")
