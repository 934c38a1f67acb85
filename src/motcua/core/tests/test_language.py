# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_even_when_the_browser_prefers_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_the_language_switch_cookie_turns_pages_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert '<html lang="en"' in response.content.decode()


def test_api_messages_follow_accept_language(client):
    english = client.get("/api/v1/units/99999", HTTP_ACCEPT_LANGUAGE="en").json()
    vietnamese = client.get("/api/v1/units/99999", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert english["code"] == vietnamese["code"] == "not_found"
    assert english["message"] != vietnamese["message"]
