# SPDX-License-Identifier: AGPL-3.0-or-later
"""Default templates for every event in Vietnamese and English (notifications.defaults).

Idempotent: an existing (kind, channel, language) row, perhaps edited by an administrator, is
kept. History rows are not written for the seed (the first edit starts the history).
"""

from django.db import migrations


def seed(apps, schema_editor):
    from motcua.notifications.defaults import default_rows

    Template = apps.get_model("notifications", "Template")
    existing = set(Template.objects.values_list("kind", "channel", "language"))
    Template.objects.bulk_create(
        [
            Template(**row)
            for row in default_rows()
            if (row["kind"], row["channel"], row["language"]) not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
