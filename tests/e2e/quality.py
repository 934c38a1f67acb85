# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shared checks of the browser tests: axe-core, phone width, screenshots kept on failure.

axe-core 4.14.1 is vendored in tests/e2e/vendor (no network in CI). Screenshots of every visited
page are written to var/e2e-artifacts/<test name>/ only when the test fails.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "e2e-artifacts"
PHONE_WIDTH = 360
SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


class Recorder:
    """Screenshots of every page visited, written to disk only when the test fails."""

    def __init__(self) -> None:
        self.shots: list[tuple[str, bytes]] = []
        self.pages: list[tuple[str, Any]] = []
        self.problems: list[str] = []  # CSP violations and script errors
        self.contexts: list[Any] = []  # browser contexts opened by the test (closed after it)

    def shot(self, label: str, page: Any) -> None:
        self.shots.append((label, page.screenshot(full_page=True)))

    def write(self, test_name: str) -> None:
        folder = ARTEFACTS / re.sub(r"[^\w.-]", "_", test_name)
        folder.mkdir(parents=True, exist_ok=True)
        for i, (label, png) in enumerate(self.shots, start=1):
            safe = re.sub(r"[^\w.-]", "_", label)
            (folder / f"{i:02d}-{safe}.png").write_bytes(png)
        for label, page in self.pages:
            with contextlib.suppress(Exception):  # best effort while reporting a failure
                page.screenshot(path=str(folder / f"last-{label}.png"), full_page=True)


def recording(request: pytest.FixtureRequest) -> Iterator[Recorder]:
    """Body of a test module's ``recorder`` fixture: ``yield from recording(request)``."""
    failed_before = request.session.testsfailed
    rec = Recorder()
    yield rec
    if request.session.testsfailed > failed_before:  # the call phase has been reported
        rec.write(request.node.name)
    for context in rec.contexts:  # no request may reach the live server after the test
        context.close()


def axe_problems(page: Any) -> list[str]:
    """Serious and critical axe-core violations of the page as shown now.

    The vendored script is injected by DevTools evaluation, which the page's CSP does not cover.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    problems: list[str] = page.evaluate(SERIOUS)
    return problems


def assert_axe_clean(page: Any) -> None:
    problems = axe_problems(page)
    assert problems == [], f"{page.url}:\n" + "\n".join(problems)


def page_width(page: Any) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width


OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const classes = e => typeof e.className === "string" && e.className.trim()
    ? "." + e.className.trim().split(/\\s+/).join(".") : "";
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes(e);
  const sticksOut = e => e.getBoundingClientRect().right > limit + 1;
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (sticksOut(e) && r.width > 0 && ![...e.children].some(sticksOut)) {
      let path = [], n = e;
      for (let i = 0; n && n !== document.body && i < 4; i++, n = n.parentElement) {
        path.unshift(name(n));
      }
      out.push(path.join(" > ") + " (right " + Math.round(r.right) + ")");
    }
  }
  return out.slice(0, 5);
}"""


def overflowing(page: Any) -> list[str]:
    """The innermost elements that stick out to the right of the viewport (for the report)."""
    found: list[str] = page.evaluate(OVERFLOWING)
    return found


def assert_no_horizontal_scroll(page: Any, limit: int = PHONE_WIDTH + 2) -> None:
    width = page_width(page)
    assert width <= limit, f"{page.url} is {width}px wide on a {PHONE_WIDTH}-px phone"


def watch_console(page: Any, problems: list[str]) -> None:
    """Collect CSP violations, console errors and script errors of ``page`` into ``problems``.

    Chromium logs CSP violations to the console; the init script also reports any that a future
    Chromium would raise only as an event.
    """
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile"
        " + ':' + e.lineNumber));"
    )

    def on_console(message: Any) -> None:
        text = message.text
        if message.type != "error" and "Content Security Policy" not in text:
            return
        # A page answered with 404/422/429 on purpose logs its own status; nothing else may fail.
        if text.startswith("Failed to load resource") and message.location.get("url") == page.url:
            return
        problems.append(f"{page.url}: console {message.type}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: page error: {error}"))
