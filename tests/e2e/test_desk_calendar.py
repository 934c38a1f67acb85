# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk calendar page and the public portal in a real browser (Debian chromium)."""

from __future__ import annotations

import os
import re
import tempfile
from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import StaffProfile
from motcua.agencies.models import AgencyKind, Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.workcal.models import CalendarDay
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import snapshot_cache_clear

PASSWORD = "pw-Test-12345"
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS", tempfile.gettempdir())


@pytest.fixture
def admin_user(live: Any) -> Any:
    snapshot_cache_clear()
    calendar_seed_from_library(years=[2025])
    ppc = make_agency(
        identifier="000.00.00.H60",
        name_vi="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=AgencyKind.PEOPLES_COMMITTEE,
    )
    user = make_user(username="quantri", full_name="Quản trị hệ thống", password=PASSWORD)
    StaffProfile.objects.create(user=user, agency=ppc)
    assign_role(user, Role.SYSTEM_ADMIN, ppc, include_descendants=True)
    yield user
    snapshot_cache_clear()


def sign_in(page: Any, base: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", "quantri")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_admin_reads_the_2025_calendar_and_computes_a_due_date(
    page: Any, live: Any, admin_user: Any, console_problems: list[str]
) -> None:
    sign_in(page, live.url, "/desk/calendar/%3Fyear%3D2025")
    expect(page).to_have_url(re.compile(r"/desk/calendar/\?year=2025$"))
    expect(page.locator("h1")).to_contain_text("2025")

    holiday = page.locator('td[data-date="2025-04-30"]')
    expect(holiday).to_have_class(re.compile(r"\bcal-holiday\b"))
    expect(holiday).to_contain_text("Ngày Chiến thắng")  # screen-reader text in the cell
    saturday = page.locator('td[data-date="2025-04-26"]')
    expect(saturday).to_have_class(re.compile(r"\bcal-working_weekend\b"))
    expect(page.locator('td[data-date="2025-05-02"]')).to_have_class(
        re.compile(r"\bcal-swapped_day_off\b")
    )
    # The stylesheet is served and applied: a holiday cell is coloured, a working day is not.
    assert holiday.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 205, 210)"

    form = page.locator("#due-section form")
    form.locator("input[name=start_date]").fill("2025-04-25")
    form.locator("input[name=start_time]").fill("16:00")
    form.locator("input[name=amount]").fill("5")
    form.locator("select[name=unit]").select_option("working_day")
    form.locator("button[type=submit]").click()

    due = page.locator("#due-section .due-moment")
    expect(due).to_contain_text("06/05/2025 16:00")
    skipped = page.locator("#due-section .due-skipped li")
    expect(skipped).to_have_count(3)
    texts = skipped.all_inner_texts()
    assert texts[0].startswith("30/04") and "Chiến thắng" in texts[0]
    assert texts[1].startswith("01/05") and "Lao động" in texts[1]
    assert texts[2].startswith("02/05")
    expect(page.locator("#due-section .due-worked")).to_contain_text("26/04")
    assert console_problems == [], "\n".join(console_problems)
    # Screenshots last: Playwright leaves empty style attributes behind on inputs, which an
    # htmx swap would then copy (and CSP rightly refuse).
    page.locator("#due-section").screenshot(path=f"{SCREENSHOTS}/calendar-due.png")
    page.screenshot(path=f"{SCREENSHOTS}/calendar-2025.png", full_page=True)
    page.locator(".cal-month").nth(3).screenshot(path=f"{SCREENSHOTS}/calendar-2025-04.png")


def test_admin_confirms_a_day_in_the_browser(
    page: Any, live: Any, admin_user: Any, console_problems: list[str]
) -> None:
    day = CalendarDay.objects.get(date="2025-04-30", agency=None)
    sign_in(page, live.url, "/desk/calendar/%3Fyear%3D2025")
    row = page.locator(f"#day-{day.pk}")
    expect(row.locator(".badge-warn")).to_be_visible()
    row.locator(f"form[action$='/calendar/days/{day.pk}/confirm/'] button").click()
    expect(page.locator(".messages .success")).to_be_visible()
    expect(page.locator(f"#day-{day.pk} .badge-ok")).to_be_visible()
    day.refresh_from_db()
    assert day.confirmed
    # The edit form of a library day explains why it cannot be deleted.
    row = page.locator(f"#day-{day.pk}")
    row.get_by_role("link").first.click()
    expect(page.locator("input[name=name_vi]")).to_have_value(day.name_vi)
    expect(page.locator("form.danger-zone")).to_have_count(0)
    assert console_problems == [], "\n".join(console_problems)
    page.screenshot(path=f"{SCREENSHOTS}/calendar-day-edit.png", full_page=True)


def test_portal_home_in_vietnamese_then_english(
    page: Any, live: Any, console_problems: list[str]
) -> None:
    page.goto(f"{live.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator(".site-name")).to_contain_text("Cổng Dịch vụ công")
    page.screenshot(path=f"{SCREENSHOTS}/portal-vi.png")
    # app.js submits the switch on change; the button is there for browsers without scripts.
    page.select_option("#language-select", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".site-name")).to_contain_text("Public Service Portal")
    page.screenshot(path=f"{SCREENSHOTS}/portal-en.png")
    assert console_problems == [], "\n".join(console_problems)
