# SPDX-License-Identifier: AGPL-3.0-or-later
"""Templates: only variables and allowed filters; defaults seeded and valid for every event."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from motcua.notifications.defaults import DEFAULTS
from motcua.notifications.kinds import KINDS, SAMPLE_CONTEXT
from motcua.notifications.models import Template
from motcua.notifications.rendering import render, text_to_html, validate
from motcua.notifications.schemas import Localized


@pytest.mark.parametrize(
    "source",
    [
        "{% if code %}x{% endif %}",
        "{% load static %}",
        "{% include 'base.html' %}",
        "{{ secret }}",
        "{{ code.__class__ }}",
        "{{ code|safe }}",
        "{{ code|pprint }}",
        "{{ code",
    ],
)
def test_template_tags_unknown_variables_and_filters_are_refused(source: str) -> None:
    assert validate(source)


def test_variables_and_allowed_filters_are_accepted() -> None:
    source = "Hồ sơ {{ code }} {{ reason|truncatechars:20 }} {{ amount|default:'0' }}"
    assert validate(source) == []
    assert render(source, SAMPLE_CONTEXT, language="vi").startswith("Hồ sơ 000.00.16.H51")


def test_localized_values_render_in_the_recipient_language() -> None:
    ctx = {"procedure": Localized("Cấp phiếu", "Issue a record")}
    assert render("{{ procedure }}", ctx, language="en") == "Issue a record"
    assert render("{{ procedure }}", ctx, language="vi") == "Cấp phiếu"


def test_html_email_escapes_values_and_admin_markup() -> None:
    text = render("<b>{{ reason }}</b>", {"reason": "<script>x</script>"}, language="vi")
    html = text_to_html(text)
    assert "<script>" not in html and "&lt;b&gt;" in html


@pytest.mark.django_db
def test_every_event_has_a_valid_template_per_channel_and_language() -> None:
    assert set(DEFAULTS) == set(KINDS)
    rows = set(Template.objects.values_list("kind", "channel", "language"))
    for kind in KINDS:
        for channel in ("inbox", "email", "sms"):
            for language in ("vi", "en"):
                assert (kind, channel, language) in rows
    for t in Template.objects.all():
        assert validate(t.subject) == [] and validate(t.body) == [], t
        assert render(t.body, SAMPLE_CONTEXT, language=t.language)


@pytest.mark.django_db
def test_a_broken_template_cannot_be_saved_by_any_path() -> None:
    t = Template.objects.get(kind="received", channel="email", language="vi")
    t.body = "{% for x in y %}{% endfor %}"
    with pytest.raises(ValidationError):
        t.save()
