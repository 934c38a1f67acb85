# SPDX-License-Identifier: AGPL-3.0-or-later
"""The consult form of the workbench sends to several agencies at once naming the lead
(liên thông, Decree 61/2018 Art 19(4)); a missing lead is a field error and saves nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_forward, dossier_receive_at_counter
from motcua.dossiers.tests.factories import World

pytestmark = pytest.mark.django_db


def _consult(client: Any, d: Dossier, **fields: Any) -> Any:
    data: dict[str, Any] = {"consult-version": Dossier.objects.get(pk=d.pk).version}
    data.update({f"consult-{k}": v for k, v in fields.items()})
    return client.post(reverse("desk:dossier_action", args=[d.code, "consult"]), data)


def test_send_to_several_agencies_with_a_lead(client: Any, world: World) -> None:
    d = dossier_receive_at_counter(**world.counter_kw(), documents=world.docs())
    d = dossier_forward(actor=world.reception, dossier=d)
    client.force_login(world.handler)
    page = client.get(reverse("desk:dossier_workbench", args=[d.code])).content.decode()
    assert 'name="consult-lead"' in page and 'name="consult-agencies"' in page

    missing_lead = _consult(
        client,
        d,
        agencies=[world.other_department.pk, world.tax.pk],
        question="Liên thông",
        due_at="2099-01-05T10:00",
    )
    assert missing_lead.status_code == 422
    assert "Chọn cơ quan chủ trì trong số" in missing_lead.content.decode()
    assert not d.steps.filter(kind="consult").exists()

    ok = _consult(
        client,
        d,
        agencies=[world.other_department.pk, world.tax.pk],
        lead=world.tax.pk,
        question="Liên thông",
        due_at="2099-01-05T10:00",
    )
    assert ok.status_code == 302
    steps = d.steps.filter(kind="consult")
    assert steps.count() == 2
    assert steps.get(is_lead=True).agency == world.tax
