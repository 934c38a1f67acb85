# SPDX-License-Identifier: AGPL-3.0-or-later
"""When a dossier is returned, its electronic result and reusable papers go to the applicant's
personal data store (Decree 45/2020/NĐ-CP Art 16), after the returning transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.dossiers.models import Dossier, DossierEvent, EventType
from motcua.dossiers.services.drafts import data_store_keep_from_dossier


def _keep(dossier_id: int) -> None:
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is not None:
        data_store_keep_from_dossier(dossier=dossier)


def on_event_saved(sender: Any, instance: DossierEvent, created: bool, **kwargs: Any) -> None:
    if created and instance.type == EventType.RETURNED:
        dossier_id = instance.dossier_id
        transaction.on_commit(lambda: _keep(dossier_id))
