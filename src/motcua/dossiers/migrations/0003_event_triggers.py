# SPDX-License-Identifier: AGPL-3.0-or-later
"""Refuse UPDATE and DELETE on dossier events in the database itself (vendor-guarded).

The legal history must not be rewritten (issue 5 §4); a trigger also stops ``queryset.update()``
and raw SQL. ``dossiers.triggers`` holds the statements so tests can drop and restore.
"""

from django.db import migrations

from motcua.dossiers.triggers import trigger_create_sql, trigger_drop_sql


def create(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in trigger_create_sql(schema_editor.connection.vendor):
            cursor.execute(statement)


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in trigger_drop_sql(schema_editor.connection.vendor):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_rule_sets")]
    operations = [migrations.RunPython(create, drop)]
