# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 6 §7 on every public-portal page that test_portal_citizen.py does not walk through.

Each page is opened in Vietnamese (the default) and again after the visitor switches to English
with the language menu, on a 360-px phone and on a 1280-px screen: axe-core (vendored) finds no
serious or critical violation, nothing scrolls sideways on the phone, and the browser reports no
console error, script error or CSP violation. Lookup and sign-in show their rate-limit message,
forms keep what was typed on error, and text the user typed (names, addresses, paper titles,
notification bodies) is shown literally and never runs as script.

One browser context and one sign-in serve the whole walk; the viewport is resized on the loaded
page, so each page is fetched once per language. Screenshots are kept in var/e2e-artifacts/ on
failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from tests.e2e.quality import (
    Recorder,
    axe_problems,
    overflowing,
    page_width,
    recording,
    watch_console,
)

from motcua.accounts import login_limits
from motcua.accounts.services import citizen_register
from motcua.accounts.services.datastore import applicant_profile_update, paper_keep
from motcua.notifications.defaults import default_rows
from motcua.notifications.models import Template
from motcua.notifications.services import notify_event
from motcua.portal import lookup_views
from motcua.portal.tests.conftest import build_small_catalogue
from motcua.units.models import AdministrativeUnit, UnitLevel

PASSWORD = "Mot-Cua-2026!x"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_ATTR = '"><img src=x onerror=window.__xss=1>'
XSS_TEMPLATE = "{{7*7}}"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def recorder(request: pytest.FixtureRequest) -> Iterator[Recorder]:
    yield from recording(request)


@pytest.fixture
def portal(live: Any, tmp_path: Any, settings: Any) -> SimpleNamespace:
    """A small published catalogue, the two-level units, and a citizen whose profile, data
    store and inbox hold text with script and HTML in it, all written through the services."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    if not Template.objects.exists():  # an earlier transactional test flushed the seeded rows
        Template.objects.bulk_create(Template(**row) for row in default_rows())
    catalogue = build_small_catalogue()
    province_level = UnitLevel.objects.get(code="province")
    commune_level = UnitLevel.objects.get(code="commune")
    province = AdministrativeUnit.objects.create(
        code="80",
        name="Tỉnh Tây Ninh",
        unit_type="Tỉnh",
        level=province_level,
        valid_from=dt.date(2025, 7, 1),
    )
    commune = AdministrativeUnit.objects.create(
        code="25460",
        name="Xã Tân Ninh",
        unit_type="Xã",
        level=commune_level,
        parent=province,
        valid_from=dt.date(2025, 7, 1),
    )
    citizen = citizen_register(
        username="cong.dan",
        email="cd@example.test",
        password=PASSWORD,
        personal_id="072203012345",
        full_name=f"Lê Văn {XSS_SCRIPT}",
        date_of_birth=dt.date(2003, 5, 17),
        gender="male",
    )
    applicant_profile_update(
        actor=citizen,
        phone="0912345678",
        email="cd@example.test",
        address_unit=commune,
        address_detail=f"Số 1 {XSS_ATTR} {XSS_TEMPLATE}",
    )
    paper_keep(
        owner=citizen,
        title=f"Giấy {XSS_ATTR} {XSS_TEMPLATE}",
        content=PDF,
        name="giay.pdf",
        mime="application/pdf",
        source_dossier_code="H60.99-261127-0001",
    )
    for i in range(3):
        notify_event(
            kind="received",
            subject_ref=f"dossier:{i}",
            context={
                "code": f"H60.99-261127-000{i}",
                "recipient_name": f"Lê Văn {XSS_SCRIPT} {XSS_ATTR} {XSS_TEMPLATE}",
                "procedure": "Thủ tục đăng ký kết hôn",
                "agency": "Trung tâm Phục vụ hành chính công",
                "due_at": "09:00 04/12/2026",
                "lookup_url": "https://motcua.example/tra-cuu/",
            },
            recipients=[(citizen.pk, "inbox", "")],
            event_key=f"event:{i}",
        )
    return SimpleNamespace(catalogue=catalogue, citizen=citizen, commune=commune)


@dataclass
class Walk:
    """The state of one browser walk; problems are gathered so one run reports them all."""

    page: Any
    base: str
    recorder: Recorder
    problems: list[str]

    def visit(self, path: str, label: str, lang: str) -> None:
        self.page.set_viewport_size(PHONE)
        self.page.goto(self.base + path)
        if label in SHOWS:  # the page has its content, not only the layout
            expect(self.page.locator("main")).to_contain_text(SHOWS[label])
        self.check(label, lang)

    def check(self, label: str, lang: str) -> None:
        """The page as loaded now, on the phone then on the desktop screen."""
        page, found = self.page, []
        page.set_viewport_size(PHONE)
        actual = page.evaluate("document.documentElement.lang")
        if actual != lang:
            found.append(f"the page says lang={actual!r}")
        width = page_width(page)
        if width > PHONE["width"]:
            culprits = "; ".join(overflowing(page))
            found.append(f"{width}px wide: scrolls sideways on a 360-px phone: {culprits}")
        found += [f"360px: {p}" for p in axe_problems(page)]
        page.set_viewport_size(DESKTOP)
        found += [f"1280px: {p}" for p in axe_problems(page)]
        page.set_viewport_size(PHONE)
        if found:
            self.recorder.shot(f"{label}-{lang}", page)
            self.problems += [f"{label} [{lang}] {page.url}: {p}" for p in found]

    def sign_in(self, username: str, password: str) -> None:
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.fill("input[name=login]", username)
        self.page.fill("input[name=password]", password)
        self.page.locator("main form button[type=submit]").click()
        expect(self.page.locator("form[action$='/accounts/logout/']")).to_have_count(1)


# Text (the same in both languages) that proves a page shows its data.
SHOWS = {
    "procedure-search": "1.000894",
    "procedure-detail": "Giấy xác nhận tình trạng hôn nhân",
    "procedure-statistics": "Hộ tịch",
    "units": "25460",
    "units-search": "Xã Tân Ninh",
    "notification-inbox": "H60.99-261127-0002",
    "data-store": "H60.99-261127-0001",
}


def _public_pages(catalogue: Any) -> list[tuple[str, str]]:
    code = catalogue.marriage.code
    pages = [
        ("/", "home"),
        ("/procedures/", "procedure-list"),
        ("/procedures/?q=ket+hon", "procedure-search"),
        ("/procedures/?q=khongcothutucnay", "procedure-search-empty"),
        (f"/procedures/{code}/", "procedure-detail"),
        ("/procedures/statistics/", "procedure-statistics"),
        ("/agencies/", "agencies"),
        ("/units/", "units"),
        ("/units/?q=tan", "units-search"),
        ("/accounts/login/", "sign-in"),
        ("/accounts/signup/", "sign-up-choice"),
        ("/register/", "sign-up-citizen"),
        ("/register/business/", "sign-up-business"),
        ("/accounts/password/reset/", "password-reset"),
        ("/accounts/password/reset/done/", "password-reset-sent"),
        ("/tra-cuu/", "lookup"),
        ("/tra-cuu/?code=H60.00-000000-9999", "lookup-unknown-code"),
        ("/khong-co-trang-nay/", "not-found"),
    ]
    return pages


SIGNED_IN_PAGES = [
    ("/", "home-signed-in"),
    ("/accounts/logout/", "sign-out-confirmation"),
    ("/my/profile/", "profile"),
    ("/my/papers/", "data-store"),
    ("/notifications/", "notification-inbox"),
    ("/notifications/preferences/", "notification-preferences"),
]


def _rate_limits(walk: Walk, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookup and sign-in limits answer with a clear message in the page's language."""
    page = walk.page
    with monkeypatch.context() as patch:
        patch.setattr(lookup_views, "LOOKUP_LIMIT", 0)
        walk.visit("/tra-cuu/?code=H60.00-000000-9999", "lookup-rate-limited", lang)
    expect(page.locator("main .rate-limited[role=alert]")).to_be_visible()
    expected = {"vi": "quá nhiều lần", "en": "Too many lookups"}[lang]
    expect(page.locator("main .rate-limited")).to_contain_text(expected)

    with monkeypatch.context() as patch:
        patch.setattr(login_limits, "SIGNIN_LIMIT", 0)
        page.goto(f"{walk.base}/accounts/login/")
        page.fill("input[name=login]", "nobody")
        page.fill("input[name=password]", "wrong-password")
        page.locator("main form button[type=submit]").click()
        expected = {"vi": "quá nhiều lần", "en": "Too many"}[lang]
        expect(page.locator("main [role=alert]")).to_contain_text(expected)
        expect(page.locator("input[name=login]")).to_have_value("nobody")  # input kept
        walk.check("sign-in-rate-limited", lang)


def _lockout(walk: Walk, lang: str) -> None:
    """After repeated wrong passwords for one account, the lockout page explains what to do."""
    page = walk.page
    for _attempt in range(6):
        page.goto(f"{walk.base}/accounts/login/")
        page.fill("input[name=login]", "khach.la")
        page.fill("input[name=password]", "sai-mat-khau")
        page.locator("main form button[type=submit]").click()
        if page.locator("main input[name=password]").count() == 0:
            break
    expect(page.locator("main input[name=password]")).to_have_count(0)
    expect(page.locator("main a[href$='/password/reset/']")).to_be_visible()
    walk.check("sign-in-locked-out", lang)


def _inbox_mark_read(walk: Walk, lang: str) -> None:
    """htmx replaces the message and the unread badge; the page stays accessible."""
    page = walk.page
    page.goto(f"{walk.base}/notifications/")
    buttons = page.locator("main form[hx-post] button[type=submit]")
    before = buttons.count()
    assert before > 0
    buttons.first.click()
    expect(buttons).to_have_count(before - 1)
    walk.check("notification-inbox-after-read", lang)


def _registration_keeps_input(walk: Walk, lang: str) -> None:
    page = walk.page
    page.goto(f"{walk.base}/register/")
    page.fill("input[name=username]", "nguyen.an")
    page.fill("input[name=full_name]", "Nguyễn Văn An")
    page.fill("input[name=personal_id]", "123")
    # The server's answer is what is tested, not the browser's own check of required fields.
    page.locator("main form").evaluate("form => { form.noValidate = true; }")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main [role=alert]").first).to_be_visible()
    expect(page.locator("input[name=username]")).to_have_value("nguyen.an")
    expect(page.locator("input[name=full_name]")).to_have_value("Nguyễn Văn An")
    expect(page.locator("input[name=personal_id]")).to_have_value("123")
    expect(page.locator("input[aria-invalid=true]").first).to_be_visible()
    walk.check("sign-up-citizen-errors", lang)


def _profile_keeps_input(walk: Walk, lang: str) -> None:
    page = walk.page
    page.goto(f"{walk.base}/my/profile/")
    page.fill("input[name=phone]", "12ab")
    page.fill("input[name=address_detail]", "Ấp 3, đường số 5")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=phone][aria-invalid=true]")).to_have_count(1)
    expect(page.locator("input[name=phone]")).to_have_value("12ab")
    expect(page.locator("input[name=address_detail]")).to_have_value("Ấp 3, đường số 5")
    walk.check("profile-errors", lang)


def _switch_language(walk: Walk, code: str) -> None:
    page = walk.page
    with page.expect_navigation():
        page.select_option("#language-select", code)
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_every_portal_page_is_accessible_fits_a_phone_and_speaks_vietnamese_then_english(
    browser: Any,
    browser_context_args: dict[str, Any],
    live: Any,
    portal: SimpleNamespace,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    recorder.contexts.append(context)
    page = context.new_page()
    recorder.pages.append(("walk", page))
    walk = Walk(page=page, base=live.url, recorder=recorder, problems=[])
    watch_console(page, walk.problems)
    public = _public_pages(portal.catalogue)

    # A browser in Vietnam gets Vietnamese without asking.
    page.goto(f"{live.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert "Cổng Dịch vụ công" in page.title()
    for path, label in public:
        walk.visit(path, label, "vi")
    _rate_limits(walk, "vi", monkeypatch)
    _lockout(walk, "vi")
    _registration_keeps_input(walk, "vi")

    walk.sign_in("cong.dan", PASSWORD)
    for path, label in SIGNED_IN_PAGES:
        walk.visit(path, label, "vi")
    _profile_keeps_input(walk, "vi")
    _inbox_mark_read(walk, "vi")

    # The visitor switches to English with the menu in the header; every page follows.
    page.goto(f"{live.url}/my/profile/")
    _switch_language(walk, "en")
    expect(page.locator("main h1")).to_have_text("My account")
    for path, label in SIGNED_IN_PAGES:
        walk.visit(path, label, "en")
    page.locator("form[action$='/accounts/logout/'] button[type=submit]").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(0)
    for path, label in public:
        walk.visit(path, label, "en")
    _rate_limits(walk, "en", monkeypatch)

    assert walk.problems == [], "\n".join(walk.problems)


def test_text_typed_by_users_is_shown_literally_and_never_runs(
    browser: Any,
    browser_context_args: dict[str, Any],
    live: Any,
    portal: SimpleNamespace,
    recorder: Recorder,
) -> None:
    context = browser.new_context(**browser_context_args)
    recorder.contexts.append(context)
    page = context.new_page()
    recorder.pages.append(("citizen", page))
    problems: list[str] = []
    watch_console(page, problems)
    walk = Walk(page=page, base=live.url, recorder=recorder, problems=problems)
    walk.sign_in("cong.dan", PASSWORD)
    shown = {
        "/my/profile/": [XSS_SCRIPT],  # the name, and the address kept in the form
        "/my/papers/": [f"Giấy {XSS_ATTR} {XSS_TEMPLATE}"],
        "/notifications/": [XSS_SCRIPT, XSS_ATTR, XSS_TEMPLATE],
    }
    for path, texts in shown.items():
        page.goto(live.url + path)
        main = page.locator("main")
        for text in texts:
            expect(main).to_contain_text(text)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("main script, main img[src=x]").count() == 0, path
    address = page.locator("input[name=address_detail]")
    page.goto(f"{live.url}/my/profile/")
    expect(address).to_have_value(f"Số 1 {XSS_ATTR} {XSS_TEMPLATE}")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert problems == [], "\n".join(problems)


def test_the_transparency_page_meets_the_same_bar(
    browser: Any,
    browser_context_args: dict[str, Any],
    live: Any,
    recorder: Recorder,
) -> None:
    url = reverse("portal:transparency")
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    recorder.contexts.append(context)
    page = context.new_page()
    walk = Walk(page=page, base=live.url, recorder=recorder, problems=[])
    watch_console(page, walk.problems)
    walk.visit(url, "transparency", "vi")
    _switch_language(walk, "en")
    walk.check("transparency", "en")
    assert walk.problems == [], "\n".join(walk.problems)
