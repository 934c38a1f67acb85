# SPDX-License-Identifier: AGPL-3.0-or-later
"""The personal data store and the applicant's profile (Decree 45/2020 Art 16)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.datastore_selectors import paper_list
from motcua.accounts.services.datastore import (
    applicant_profile_update,
    paper_delete,
    paper_keep,
)
from motcua.agencies.tests.factories import make_user
from motcua.core.errors import NotFound, ValidationFailed

PDF = b"%PDF-1.4\nkept\n"


@pytest.fixture
def owner(db, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    return make_user(username="chu.kho")


def _keep(owner, content=PDF):
    return paper_keep(
        owner=owner, title="Giấy khai sinh", content=content, name="gks.pdf",
        mime="application/pdf", source_dossier_code="X-1",
    )  # fmt: skip


def test_the_same_paper_is_kept_once(owner):
    first = _keep(owner)
    second = _keep(owner)
    assert first.pk == second.pk
    assert list(paper_list(owner=owner)) == [first]
    assert first.source_dossier_code == "X-1" and first.size == len(PDF)


def test_a_removed_paper_is_no_longer_offered_and_only_its_owner_can_remove_it(owner):
    paper = _keep(owner)
    stranger = make_user(username="nguoi.la")
    with pytest.raises(NotFound):
        paper_delete(actor=stranger, paper_id=paper.pk)
    paper_delete(actor=owner, paper_id=paper.pk)
    assert not paper_list(owner=owner).exists()


def test_an_empty_paper_is_refused(owner):
    with pytest.raises(ValidationFailed):
        _keep(owner, content=b"")


def test_the_data_store_pages_are_private(owner):
    paper = _keep(owner)
    client = Client()
    client.force_login(owner)
    assert "Giấy khai sinh" in client.get(reverse("portal:data_store")).content.decode()
    assert client.get(reverse("portal:data_store_download", args=[paper.pk])).status_code == 200
    other = Client()
    other.force_login(make_user(username="khac"))
    assert other.get(reverse("portal:data_store_download", args=[paper.pk])).status_code == 404
    assert other.post(reverse("portal:data_store_delete", args=[paper.pk])).status_code == 302
    assert paper_list(owner=owner).count() == 1


def test_profile_update_checks_the_phone_and_needs_a_profile(owner):
    with pytest.raises(ValidationFailed) as caught:
        applicant_profile_update(actor=owner, phone="12")
    assert "phone" in caught.value.details
    with pytest.raises(NotFound):
        applicant_profile_update(actor=owner, phone="0912345678")
