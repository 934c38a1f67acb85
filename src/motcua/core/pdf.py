# SPDX-License-Identifier: AGPL-3.0-or-later
"""Official PDF documents: Django template → NFC HTML → WeasyPrint → optional signature.

Design (ARCHITECTURE.md §1.4): WeasyPrint with Debian ``libharfbuzz-subset0`` for font
subsetting; Liberation Serif and Noto Sans TTFs ship in ``static/fonts/`` and are loaded through
``@font-face`` so the output never depends on the host's fontconfig; the QR code is an inline SVG
made by segno that holds only the public lookup URL.

No network access, ever: every resource goes through :class:`StaticOnlyFetcher`, which serves
files below ``motcua/static`` (and ``data:`` URLs) and refuses everything else. A refused URL
stops the rendering with :class:`PdfResourceRefused`, so a customised template that points at
``https://…`` fails in tests instead of silently phoning out or losing its logo.
"""

from __future__ import annotations

import datetime as dt
import gc
import mimetypes
import threading
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import segno
from django import template
from django.template import Engine
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from motcua.core.clock import localize

STATIC_DIR = (Path(__file__).resolve().parent.parent / "static").resolve()
BASE_URL = STATIC_DIR.as_uri() + "/"

register = template.Library()


class PageSize(StrEnum):
    """Paper sizes of the prescribed forms; each has its own base template."""

    A4 = "A4"
    A5 = "A5"


BASE_TEMPLATES: dict[PageSize, str] = {
    PageSize.A4: "pdf/base_a4.html",
    PageSize.A5: "pdf/base_a5.html",
}


class PdfResourceRefused(ValueError):
    """A template asked for a resource outside ``motcua/static`` (network, other files)."""


class PdfRenderError(RuntimeError):
    """The PDF could not be produced (a refused resource, a broken template)."""


# --- Resources -------------------------------------------------------------------------------


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves our static files and nothing else.

    It never calls the urllib opener chain of :class:`URLFetcher`, so no HTTP, FTP or proxy
    handler can run. ``refused`` lists the URLs it turned down (for tests and logs).
    """

    def __init__(self, roots: tuple[Path, ...] = (STATIC_DIR,)) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def resolve(self, url: str) -> Path:
        """Return the local file for ``url``; raise :class:`PdfResourceRefused` otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise PdfResourceRefused(f"only our static files may be loaded, not {url!r}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise PdfResourceRefused(f"not a file below the static directory: {url!r}")
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            # Inline data never leaves the process; urllib's DataHandler only decodes it.
            return super().fetch(url, headers)
        try:
            path = self.resolve(url)
        except PdfResourceRefused:
            self.refused.append(url)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), _read_static(path), {"Content-Type": content_type})


@lru_cache(maxsize=64)
def _read_static(path: Path) -> bytes:
    # Static files change only on deployment; fonts are ~0.4 MB each, read once per process.
    return path.read_bytes()


STYLESHEET = "pdf/documents.css"

_local = threading.local()


def _resources() -> tuple[FontConfiguration, CSS]:
    """Per thread: one FontConfiguration and the shared stylesheet, parsed once.

    Re-parsing the stylesheet and re-registering its @font-face rules cost ~10 ms per
    document; WeasyPrint objects are not shared across threads (gunicorn ``gthread``).
    """
    resources: tuple[FontConfiguration, CSS] | None = getattr(_local, "resources", None)
    if resources is None:
        font_config = FontConfiguration()
        stylesheet = CSS(
            url=BASE_URL + STYLESHEET, url_fetcher=StaticOnlyFetcher(), font_config=font_config
        )
        resources = _local.resources = (font_config, stylesheet)
        # The parsed stylesheet and fonts live as long as the process: like the start-up objects
        # ``motcua.wsgi`` freezes, keep them out of every later full collection.
        gc.freeze()
    return resources


# --- QR code ---------------------------------------------------------------------------------


def qr_svg(url: str) -> str:
    """Inline SVG QR code (error level M, 4-module quiet zone) for a public lookup URL.

    Only the lookup URL goes in; it carries the dossier code, never personal data. The SVG has
    a viewBox and no width/height, so the template sizes it with CSS.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the QR code carries only an absolute lookup URL, not {url!r}")
    code = segno.make(url, error="m", micro=False, boost_error=False)
    return str(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr"))


# --- Template filters (builtins of the PDF template engine) ---------------------------------


def _local_moment(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(value, dt.datetime):
        return localize(value)
    return value


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """``ngày 05 tháng 02 năm 2026`` (Decree 30/2020: day < 10 and months 1–2 get a 0)."""
    if value is None:
        return ""
    day = _local_moment(value)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    """``08 giờ 30 phút, ngày 27/11/2026`` in Vietnam time."""
    if value is None:
        return ""
    moment = localize(value)
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


@register.filter
def vn_short(value: dt.datetime | dt.date | None) -> str:
    """``08:30 27/11/2026`` (tables), or ``27/11/2026`` for a date."""
    if value is None:
        return ""
    moment = _local_moment(value)
    if isinstance(moment, dt.datetime):
        return f"{moment:%H:%M %d/%m/%Y}"
    return f"{moment:%d/%m/%Y}"


@register.filter
def place_date(place: str, value: dt.date | dt.datetime | None) -> str:
    """``Tây Ninh, ngày 27 tháng 11 năm 2026``: the place-and-date line of Decree 30/2020."""
    return f"{place}, {vn_date(value)}" if value is not None else place


@register.filter(name="qr_svg")
def qr_svg_filter(url: str) -> str:
    """``{{ lookup_url|qr_svg }}``: the inline SVG QR code (empty when there is no URL)."""
    return mark_safe(qr_svg(url)) if url else ""  # noqa: S308 - segno output, no user markup


@lru_cache(maxsize=1)
def pdf_engine() -> Engine:
    """The project's template engine plus the filters above as builtins.

    Same directories and loaders as the site (a province overrides ``pdf/*.html`` in its own
    template directory), no context processors (documents must not depend on a request).
    """
    default = Engine.get_default()
    return Engine(
        dirs=default.dirs,
        app_dirs=default.app_dirs,
        libraries=default.libraries,
        builtins=["motcua.core.pdf"],
        debug=False,
        string_if_invalid="",
        autoescape=True,
    )


# --- Signing port ----------------------------------------------------------------------------


class Signer(Protocol):
    """Signs a finished PDF (PAdES). Adapters: pyHanko with a PKCS#11 token, remote signing."""

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes: ...


class NullSigner:
    """Deployments without certificates issue unsigned documents."""

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        return pdf


# --- Rendering -------------------------------------------------------------------------------


def render_html(
    template_name: str, context: Mapping[str, Any], *, page_size: PageSize | str = PageSize.A4
) -> str:
    """The NFC-normalised HTML a PDF is made from (also handy for previews and tests)."""
    size = PageSize(page_size)
    data = {**context, "pdf_base": BASE_TEMPLATES[size], "page_size": size.value}
    html = pdf_engine().get_template(template_name).render(template.Context(data))
    return unicodedata.normalize("NFC", html)


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    page_size: PageSize | str = PageSize.A4,
    signer: Signer | None = None,
    sign_reason: str = "",
    sign_location: str = "",
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes.

    All text is NFC-normalised (NFD input such as "Nguye\\u0302\\u0303n" prints as "Nguyễn").
    Relative URLs resolve against ``motcua/static/``; anything else is refused.
    """
    html = render_html(template_name, context, page_size=page_size)
    fetcher = fetcher or StaticOnlyFetcher()
    font_config, stylesheet = _resources()
    try:
        pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], font_config=font_config
        )
    except FatalURLFetchingError as exc:  # BaseException subclass in WeasyPrint
        raise PdfRenderError(str(exc.__cause__ or exc)) from exc.__cause__
    return (signer or NullSigner()).sign(pdf, reason=sign_reason, location=sign_location)
