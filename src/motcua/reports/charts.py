# SPDX-License-Identifier: AGPL-3.0-or-later
"""Server-side SVG charts (no JavaScript; CSP-safe): each has a <title> and a <desc> and is
labelled by them (``role="img"``, ``aria-labelledby``), and the figures are also in a table."""

from __future__ import annotations

from html import escape
from itertools import count

from django.utils.safestring import SafeString, mark_safe

_ids = count(1)
COLOURS = ("#1f5f99", "#e08a00", "#2e7d32", "#c62828")


def _frame(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    n = next(_ids)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart{n}-t chart{n}-d" class="chart">'
        f'<title id="chart{n}-t">{escape(title)}</title><desc id="chart{n}-d">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text is escaped


def bars(
    labels: list[str],
    series: list[tuple[str, list[int]]],
    *,
    title: str,
    desc: str,
    width: int = 720,
    height: int = 260,
) -> SafeString:
    """Grouped vertical bars, one group per label, one bar per series, with a legend."""
    left, bottom, top = 40, 40, 30
    plot_h = height - bottom - top
    peak = max([1, *(v for _, values in series for v in values)])
    slot = (width - left - 10) / max(1, len(labels))
    bar_w = max(2.0, slot * 0.8 / max(1, len(series)))
    axis_y = height - bottom
    body = [f'<line x1="{left}" y1="{axis_y}" x2="{width}" y2="{axis_y}" stroke="#555"/>']
    for i, label in enumerate(labels):
        x0 = left + i * slot + slot * 0.1
        for j, (name, values) in enumerate(series):
            v = values[i]
            h = plot_h * v / peak
            body.append(
                f'<rect x="{x0 + j * bar_w:.1f}" y="{height - bottom - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[j % len(COLOURS)]}"><title>{escape(label)} – '
                f"{escape(name)}: {v}</title></rect>"
            )
        body.append(
            f'<text x="{x0 + slot * 0.4:.1f}" y="{height - bottom + 14}" font-size="10" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    body.append(
        f'<text x="{left - 4}" y="{top + 4}" font-size="10" text-anchor="end">{peak}</text>'
    )
    for j, (name, _values) in enumerate(series):
        x = left + j * 160
        body.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{COLOURS[j % len(COLOURS)]}"/>'
        )
        body.append(f'<text x="{x + 14}" y="15" font-size="11">{escape(name)}</text>')
    return _frame(width, height, title, desc, body)


def hbars(
    rows: list[tuple[str, float | None, str]],
    *,
    title: str,
    desc: str,
    width: int = 720,
    max_value: float = 100.0,
) -> SafeString:
    """Horizontal bars (e.g. on-time rate in %), one row per label; None = no data."""
    label_w, row_h = 260, 22
    height = 10 + row_h * max(1, len(rows))
    body = []
    for i, (label, value, note) in enumerate(rows):
        y = 5 + i * row_h
        body.append(
            f'<text x="{label_w - 6}" y="{y + 14}" font-size="11" text-anchor="end">'
            f"{escape(label[:42])}</text>"
        )
        if value is None:
            body.append(
                f'<text x="{label_w + 4}" y="{y + 14}" font-size="11">{escape(note)}</text>'
            )
            continue
        w = (width - label_w - 90) * max(0.0, min(value, max_value)) / max_value
        body.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{COLOURS[0]}"/><text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="11">'
            f"{escape(note)}</text>"
        )
    return _frame(width, height, title, desc, body)
