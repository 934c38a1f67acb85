# SPDX-License-Identifier: AGPL-3.0-or-later
"""CSRF is enforced on every form of the public portal (issue 6, bad input).

Every route of the portal namespace (catalogue, registration, wizard, my dossiers, data store,
lookup, notifications) is found by walking the URL patterns, with real objects of the signed-in
citizen in its parameters. A route that answers a POST with anything but 405 takes POSTs; each of
those must refuse a POST without the CSRF token (403) and leave every table as it was.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from motcua.accounts.models import PersonalPaper
from motcua.accounts.services.datastore import paper_keep
from motcua.dossiers import services
from motcua.dossiers.services.drafts import draft_start
from motcua.notifications.services import notify_event
from motcua.portal import urls as portal_urls
from motcua.portal.tests.conftest import PDF_BYTES

# Forms the portal must have; the walk fails if it finds fewer (a refactor hiding a route).
EXPECTED_POST_ROUTES = {
    "register_citizen",
    "register_business",
    "submit_start",
    "draft_choices",
    "draft_form",
    "draft_upload",
    "draft_pick",
    "draft_detach",
    "draft_review",
    "my_dossier_supplement",
    "my_dossier_withdraw",
    "my_dossier_evaluate",
    "profile",
    "data_store_delete",
    "notification_mark_read",
    "notification_preferences",
}
# Forms of the same pages served outside the portal namespace.
OTHER_FORMS = {
    "account_login": "/accounts/login/",
    "account_logout": "/accounts/logout/",
    "account_reset_password": "/accounts/password/reset/",
    "set_language": "/i18n/setlang/",
}


def _patterns(patterns: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    """(name, route) of every pattern, flattening included modules."""
    found: list[tuple[str, str]] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found += _patterns(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            found.append((p.name or f"unnamed:{p.pattern}", prefix + str(p.pattern)))
    return found


def _fingerprint() -> dict[str, str]:
    """Every row of every table (the test database is small)."""
    return {
        model._meta.label: repr(sorted(model._base_manager.values_list(), key=repr))
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def objects(citizen_world: Any) -> dict[str, Any]:
    """Real objects of the signed-in citizen, so that a forged POST would change something."""
    world = citizen_world
    dossier = services.dossier_submit_online(
        actor=world.applicant,
        procedure_version=world.version,
        applicant=services.ApplicantIn(name="Nguyễn Thị Công Dân"),
        receiving_agency=world.centre,
        competent_agency=world.department,
        documents=world.docs(),
    )
    draft = draft_start(owner=world.applicant, procedure_version=world.version)
    paper = paper_keep(
        owner=world.applicant,
        title="Giấy khai sinh",
        content=PDF_BYTES,
        name="giay.pdf",
        mime="application/pdf",
    )
    message = notify_event(
        kind="received",
        subject_ref=f"dossier:{dossier.pk}",
        context={"code": dossier.code},
        recipients=[(world.applicant.pk, "inbox", "")],
        event_key="csrf-test",
    )[0]
    return {
        "world": world,
        "code": world.version.procedure.code,
        "dossier_code": dossier.code,
        "ref": dossier.code,
        "draft": draft.pk,
        "paper": paper.pk,
        "message": message.pk,
        "component_id": world.mandatory[0].pk,
        "document_id": dossier.documents.first().pk,  # type: ignore[union-attr]
    }


def _url(name: str, route: str, objects: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        param = match.group(1)
        if param == "pk":
            if name.startswith("data_store"):
                return str(objects["paper"])
            if name.startswith("notification"):
                return str(objects["message"])
            return str(objects["draft"])
        if param == "code" and "lookup" in name:
            return str(objects["dossier_code"])
        return str(objects[param])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _accepts_post(client: Client, url: str) -> bool:
    """Whether the view takes POSTs (anything but 405), tried in a rolled-back transaction."""
    with transaction.atomic():
        status = client.post(url, {}).status_code
        transaction.set_rollback(True)
    return status != 405


def test_every_portal_form_refuses_a_post_without_the_csrf_token_and_changes_nothing(
    objects: dict[str, Any],
) -> None:
    citizen = objects["world"].applicant
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(citizen)
    lax = Client()
    lax.force_login(citizen)

    routes = [(n, _url(n, r, objects)) for n, r in _patterns(portal_urls.urlpatterns)]
    routes += list(OTHER_FORMS.items())
    assert reverse("portal:profile") in dict(routes).values()  # the walk found the portal

    post_routes = []
    for name, url in routes:
        if not _accepts_post(lax, url):
            continue
        post_routes.append(name)
        before = _fingerprint()
        response = forged.post(url, {"phone": "0999999999", "comment": "giả mạo"})
        assert response.status_code == 403, f"{name} {url} answered {response.status_code}"
        assert _fingerprint() == before, f"{name} {url} changed data without a CSRF token"
    missing = EXPECTED_POST_ROUTES - set(post_routes)
    assert not missing, f"routes expected to take POSTs were not found: {sorted(missing)}"
    assert set(OTHER_FORMS) <= set(post_routes)


def test_a_post_with_the_token_still_goes_through(objects: dict[str, Any]) -> None:
    """The refusal above is the missing token, not a broken form: with it, the form works."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(objects["world"].applicant)
    url = reverse("portal:data_store_delete", args=[objects["paper"]])
    client.get(reverse("portal:data_store"))
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert PersonalPaper.objects.get(pk=objects["paper"]).deleted
