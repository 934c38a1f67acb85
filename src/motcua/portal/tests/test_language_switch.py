# SPDX-License-Identifier: AGPL-3.0-or-later
"""Vietnamese is the default; the language switch gives English and back."""

from __future__ import annotations


def test_default_language_is_vietnamese(client, db):
    body = client.get("/").content.decode()
    assert '<html lang="vi">' in body
    assert "Cổng Dịch vụ công" in body


def test_switching_to_english_shows_english_strings(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Public Service Portal" in body
    assert "Cổng Dịch vụ công" not in body


def test_language_switch_form_posts_with_csrf_and_next(client, db):
    body = client.get("/units/?q=x").content.decode()
    assert 'action="/i18n/setlang/"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'name="next" value="/units/?q=x"' in body
