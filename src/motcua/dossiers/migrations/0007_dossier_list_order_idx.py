# SPDX-License-Identifier: AGPL-3.0-or-later
"""Index the dossier list order (newest receipt, else submission; then id) for keyset pages."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_delete_dossiernotification")]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce("received_at", "created_at"),
                    descending=True,
                ),
                models.OrderBy(models.F("id"), descending=True),
                name="dossier_list_order_idx",
            ),
        ),
    ]
