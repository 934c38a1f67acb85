# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rendering administrator-edited templates in a restricted Django template engine.

The engine knows no tags at all (no ``{% if %}``, ``{% load %}``, ``{% include %}``): only text,
``{{ variables }}`` from ``kinds.VARIABLES`` and the filters in ``kinds.ALLOWED_FILTERS``. The
context is a plain dict of strings, so there is nothing to traverse. ``validate`` runs when an
administrator saves, so a saved template always renders.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Template, TextNode, VariableNode
from django.utils import translation
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from motcua.notifications.kinds import ALLOWED_FILTERS, VARIABLES


class _FiltersOnlyEngine(Engine):
    default_builtins = ["django.template.defaultfilters"]


ENGINE = _FiltersOnlyEngine(autoescape=False, string_if_invalid="", libraries={})


@functools.lru_cache(maxsize=512)
def _compile(source: str) -> Template:
    return Template(source, engine=ENGINE)


def validate(source: str) -> list[str]:
    """Messages explaining why ``source`` is not an acceptable template ([] when it is)."""
    try:
        template = _compile(source)
    except TemplateSyntaxError as exc:
        return [_("Only {{ variables }} and filters are allowed (%(error)s).") % {"error": exc}]
    errors: list[str] = []
    for node in template.nodelist:
        if isinstance(node, TextNode):
            if any(mark in node.s for mark in ("{{", "}}", "{%", "%}")):
                errors.append(_("Unbalanced braces: write variables as {{ name }}."))
            continue
        if not isinstance(node, VariableNode):
            errors.append(_("Template tags are not allowed."))
            continue
        expression = node.filter_expression
        var = expression.var
        lookups = getattr(var, "lookups", None)
        if lookups is not None and (lookups[0] not in VARIABLES or len(lookups) > 1):
            errors.append(
                _("Unknown variable “%(name)s”. Use one of: %(names)s.")
                % {"name": ".".join(lookups), "names": ", ".join(VARIABLES)}
            )
        for func, _args in expression.filters:
            name = getattr(func, "__name__", "?")
            if name not in ALLOWED_FILTERS:
                errors.append(
                    _("The filter “%(name)s” is not allowed. Allowed: %(names)s.")
                    % {"name": name, "names": ", ".join(sorted(ALLOWED_FILTERS))}
                )
    return list(dict.fromkeys(errors))


def render(
    source: str, context: Mapping[str, Any], *, language: str, autoescape: bool = False
) -> str:
    """Render ``source`` with ``context`` in ``language`` (lazy strings resolve in it).

    ``autoescape`` is on for the HTML part of e-mails; plain text (SMS, inbox, text e-mail) is
    rendered without escaping and shown escaped by the page templates.
    """
    with translation.override(language):
        values = {k: str(v) if v is not None else "" for k, v in context.items()}
        return _compile(source).render(Context(values, autoescape=autoescape)).strip()


def text_to_html(text: str) -> str:
    """The HTML alternative of a rendered e-mail body: paragraphs from blank lines, everything
    escaped (values and any markup typed by an administrator into the template itself)."""
    return linebreaks(text, autoescape=True)
