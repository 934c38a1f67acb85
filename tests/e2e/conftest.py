# SPDX-License-Identifier: AGPL-3.0-or-later
"""Browser tests: pytest-playwright driving Debian's chromium against pytest-django's live_server.

No browser is downloaded (closed networks): the distribution's /usr/bin/chromium is launched
headless with the flags of docs/ARCHITECTURE.md §1.8. Without it every test here is skipped
with the apt command to run; ``make test`` installs it (scripts/ensure_system_packages.sh).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the main thread, so Django's async-safety check
# would refuse the ORM calls the tests make to set up data (documented workaround).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    f"{CHROMIUM} is missing; install Debian's browser with: sudo apt-get install -y chromium "
    "(or run scripts/ensure_system_packages.sh as root)"
)
E2E_DIR = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    # pytest-base-url 2.1 (pulled in by pytest-playwright) defines its session fixture as a
    # method; pytest 9 warns about it on every run. Not our code; drop when the plugin is fixed.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods"
        ":pytest.PytestRemovedIn10Warning",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A browser in Vietnam: Vietnamese first, local time.
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def console_problems(page: Any) -> Iterator[list[str]]:
    """Console errors and warnings, page errors and CSP violations seen while a test runs."""
    problems: list[str] = []

    def on_console(message: Any) -> None:
        if message.type in {"error", "warning"}:
            problems.append(f"console {message.type}: {message.text}")

    # Chromium logs CSP violations to the console; the event listener also catches any that a
    # future Chromium would report only as an event.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile"
        " + ':' + e.lineNumber + ' on ' + (e.target && e.target.outerHTML || '').slice(0, 120)));"
    )
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield problems


@pytest.fixture
def live(live_server: Any, transactional_db: None) -> Any:
    """The live server, with a database the test can write to and the server can read.

    pytest-django serves static files through ``django.contrib.staticfiles``' handler (from the
    source directories, no collectstatic), so the page gets its CSS and scripts.
    """
    return live_server
