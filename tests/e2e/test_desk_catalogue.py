# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk edit → publish flow of the procedure catalogue in a real browser (Debian chromium)."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import StaffProfile
from motcua.agencies.models import AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_version_in_force
from motcua.catalog.services import (
    procedure_create,
    version_create_draft,
    version_parts_set,
    version_publish,
)

PASSWORD = "pw-Test-12345"
CODE = "1.001193"
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS", tempfile.gettempdir())


@pytest.fixture
def editor(live: Any) -> Any:
    """A catalogue administrator and a procedure with a published version 1 from 2026-01-01."""
    ppc = make_agency(
        identifier="000.00.00.H60",
        name_vi="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=AgencyKind.PEOPLES_COMMITTEE,
    )
    user = make_user(username="danhmuc", full_name="Cán bộ danh mục", password=PASSWORD)
    StaffProfile.objects.create(user=user, agency=ppc)
    assign_role(user, Role.CATALOGUE_ADMIN, ppc)
    procedure = procedure_create(
        actor=user,
        data={
            "code": CODE,
            "name_vi": "Thủ tục đăng ký khai sinh",
            "competent_agency_kinds": ["commune_committee"],
        },
    )
    v1 = version_create_draft(
        actor=user,
        procedure=procedure,
        copy_current=False,
        data={"effective_from": dt.date(2026, 1, 1), "service_mode": "full_online"},
    )
    parts = {
        "fees": [{"name": "Lệ phí đăng ký khai sinh", "kind": "charge", "amount_vnd": 8000}],
        "time_limits": [{"channel": "in_person", "amount": "3", "unit": "working_day"}],
        "steps": [
            {
                "order": n,
                "name_vi": name,
                "performer": performer,
                "role": role,
                "norm_amount": "1",
                "norm_unit": "working_day",
            }
            for n, name, performer, role in (
                (1, "Tiếp nhận hồ sơ", "one_stop_unit", "reception_officer"),
                (2, "Giải quyết hồ sơ", "competent_agency", "handler"),
            )
        ],
    }
    for kind, items in parts.items():
        version_parts_set(actor=user, version=v1, kind=kind, items=items)
    version_publish(actor=user, version=v1)
    return user


def sign_in(page: Any, base: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", "danhmuc")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_editor_drafts_changes_and_publishes_them(
    page: Any, live: Any, editor: Any, console_problems: list[str]
) -> None:
    sign_in(page, live.url, f"/desk/catalogue/{CODE}/")
    expect(page).to_have_url(re.compile(rf"/desk/catalogue/{re.escape(CODE)}/$"))
    expect(page.locator("h1")).to_contain_text(CODE)
    page.screenshot(path=f"{SCREENSHOTS}/catalogue-procedure.png", full_page=True)

    # A new draft copies version 1.
    page.locator("form[action$='/versions/new/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/versions/2/$"))
    fee = page.locator("input[name=fees-0-amount_vnd]")
    expect(fee).to_have_value("8000")

    settings = page.locator("#settings form")
    settings.locator("input[name=effective_from]").fill("2026-09-01")
    settings.locator("input[name=decision_number]").fill("125/QĐ-UBND")
    settings.locator("button[type=submit]").click()
    expect(page.locator(".messages .success")).to_be_visible()

    page.locator("input[name=fees-0-amount_vnd]").fill("10000")
    page.locator("#part-fees button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"#part-fees$"))
    expect(page.locator("input[name=fees-0-amount_vnd]")).to_have_value("10000")

    page.locator("input[name=time_limits-0-amount]").fill("4")
    page.locator("#part-time_limits button[type=submit]").click()
    expect(page.locator("input[name=time_limits-0-amount]")).to_have_value("4")

    page.locator(".page-actions form[method=get] button").click()
    check = page.locator("#check")
    expect(check).to_be_visible()
    expect(check.locator(".problems")).to_have_count(0)
    page.screenshot(path=f"{SCREENSHOTS}/catalogue-draft-editor.png", full_page=True)
    for section in ("settings", "part-fees", "part-steps"):
        page.locator(f"#{section}").screenshot(path=f"{SCREENSHOTS}/catalogue-{section}.png")

    # Publication goes through a confirmation page.
    page.locator(".page-actions a[href$='/publish/']").click()
    expect(page).to_have_url(re.compile(r"/versions/2/publish/$"))
    page.screenshot(path=f"{SCREENSHOTS}/catalogue-publish-confirm.png", full_page=True)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/versions/2/$"))
    expect(page.locator(".messages .success")).to_be_visible()
    expect(page.locator(".fee-amount")).to_have_text("10.000")
    expect(page.locator(".limit-amount")).to_have_text("4")
    expect(page.locator(".effective-from")).to_have_text("01/09/2026")
    expect(page.locator("input[name=fees-0-amount_vnd]")).to_have_count(0)
    expect(page.locator("#history .history-user").first).to_have_text("danhmuc")
    page.screenshot(path=f"{SCREENSHOTS}/catalogue-published.png", full_page=True)

    assert ProcedureVersion.objects.get(procedure__code=CODE, number=2).status == "published"
    before = procedure_version_in_force(code=CODE, on=dt.date(2026, 8, 31))
    assert before is not None and [f.amount_vnd for f in before.fees.all()] == [8000]
    assert console_problems == [], "\n".join(console_problems)
