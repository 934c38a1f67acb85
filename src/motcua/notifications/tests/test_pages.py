# SPDX-License-Identifier: AGPL-3.0-or-later
"""Portal inbox and preferences; desk template editor and delivery log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_agency, make_user
from motcua.notifications.models import ChannelPreference, Message, Template
from motcua.notifications.services import message_deliver, notify_event

pytestmark = pytest.mark.django_db


def inbox_message(user: Any, key: str) -> Message:
    msg = notify_event(
        kind="received",
        subject_ref="dossier:1",
        context={"code": key, "due_at": "09:00 17/03/2026"},
        recipients=[(user.pk, "inbox", "")],
        event_key=key,
    )[0]
    message_deliver(message_id=msg.pk)
    return msg


def client_for(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf(client: Client, url: str) -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


def test_inbox_lists_only_own_messages_newest_first_with_unread_badge() -> None:
    an, binh = make_user(username="an"), make_user(username="binh")
    inbox_message(an, "H51-A1")
    inbox_message(an, "H51-A2")
    inbox_message(binh, "H51-B1")
    page = client_for(an).get(reverse("portal:notification_inbox"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("H51-A2") < html.index("H51-A1") and "H51-B1" not in html
    assert "notification-unread" in html


def test_mark_read_with_htmx_and_csrf_and_not_someone_elses() -> None:
    an, binh = make_user(username="an"), make_user(username="binh")
    mine, theirs = inbox_message(an, "H51-A1"), inbox_message(binh, "H51-B1")
    client = client_for(an)
    token = csrf(client, reverse("portal:notification_inbox"))
    url = reverse("portal:notification_mark_read", args=[mine.pk])
    assert client.post(url).status_code == 403  # no CSRF token
    answer = client.post(url, {"csrfmiddlewaretoken": token}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and b'hx-swap-oob="true"' in answer.content
    mine.refresh_from_db()
    assert mine.read_at is not None
    other = reverse("portal:notification_mark_read", args=[theirs.pk])
    assert client.post(other, {"csrfmiddlewaretoken": token}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    answer = Client().get(reverse("portal:notification_inbox"))
    assert answer.status_code == 302


def test_preferences_show_profile_contacts_and_save_choices() -> None:
    an = make_user(username="an", phone="0912345678")
    client = client_for(an)
    url = reverse("portal:notification_preferences")
    page = client.get(url)
    assert b"0912345678" in page.content and b"an@example.test" in page.content
    token = client.cookies["csrftoken"].value
    answer = client.post(url, {"csrfmiddlewaretoken": token, "email": "on", "language": "en"})
    assert answer.status_code == 302
    pref = ChannelPreference.objects.get(user=an)
    assert pref.email and not pref.sms and pref.language == "en"
    bad = client.post(url, {"csrfmiddlewaretoken": token, "language": "fr"})
    assert bad.status_code == 200 and b"errorlist" in bad.content


def admin_client() -> Client:
    admin = make_user(username="quantri")
    assign_role(admin, Role.SYSTEM_ADMIN, make_agency())
    return client_for(admin)


def test_desk_pages_are_for_system_administrators_only() -> None:
    handler = make_user(username="xuly")
    assign_role(handler, Role.HANDLER, make_agency())
    for name in ("notification_templates", "notification_log"):
        assert client_for(handler).get(reverse(f"desk:{name}")).status_code == 403
        assert admin_client().get(reverse(f"desk:{name}")).status_code == 200


def test_template_editor_shows_field_errors_previews_and_saves() -> None:
    client = admin_client()
    t = Template.objects.get(kind="received", channel="email", language="vi")
    url = reverse("desk:notification_template_edit", args=[t.pk])
    token = csrf(client, url)
    bad = client.post(
        url,
        {"csrfmiddlewaretoken": token, "subject": "{{ nope }}", "body": "{% if x %}{% endif %}"},
    )
    assert bad.status_code == 200
    html = bad.content.decode()
    assert 'id="id_subject_error"' in html and 'id="id_body_error"' in html
    t.refresh_from_db()
    assert "nope" not in t.subject
    preview = client.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "subject": "Hồ sơ {{ code }}",
            "body": "{{ procedure }}",
            "preview": "1",
        },
    )
    assert "Cấp phiếu lý lịch tư pháp" in preview.content.decode()
    saved = client.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "subject": "Hồ sơ {{ code }}",
            "body": "Hẹn {{ due_at }}",
            "save": "1",
        },
    )
    assert saved.status_code == 302
    t.refresh_from_db()
    assert t.body == "Hẹn {{ due_at }}" and t.history.count() >= 1


def test_delivery_log_filters_by_status() -> None:
    user = make_user(username="an")
    inbox_message(user, "H51-SENT")
    notify_event(
        kind="received",
        subject_ref="dossier:2",
        context={"code": "H51-PENDING"},
        recipients=[(None, "sms", "0912345678")],
        event_key="pending",
    )
    client = admin_client()
    sent = client.get(reverse("desk:notification_log"), {"status": "sent"}).content.decode()
    assert "user:" in sent and "0912345678" not in sent
    pending = client.get(reverse("desk:notification_log"), {"status": "pending"}).content.decode()
    assert "0912345678" in pending
    assert client.get(reverse("desk:notification_log"), {"status": "bogus"}).status_code == 200
