# SPDX-License-Identifier: AGPL-3.0-or-later
"""Vendor-specific full-text index (ARCHITECTURE.md §1.5, §2 portability rules).

SQLite: FTS5 external-content table + sync triggers. PostgreSQL: generated tsvector + GIN.
Other vendors get nothing here and a clear error from ``search.backend.get_backend``.
The SQL is frozen in this file (not imported) so later edits to the backend cannot change
what this migration did.
"""

from django.db import migrations

SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_document_fts USING fts5(
        title_folded, search_text,
        content='search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS search_document_fts_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_document_fts(rowid, title_folded, search_text)
        VALUES (new.id, new.title_folded, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_document_fts_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_folded, search_text)
        VALUES ('delete', old.id, old.title_folded, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_document_fts_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_folded, search_text)
        VALUES ('delete', old.id, old.title_folded, old.search_text);
        INSERT INTO search_document_fts(rowid, title_folded, search_text)
        VALUES (new.id, new.title_folded, new.search_text);
    END""",
    "INSERT INTO search_document_fts(search_document_fts) VALUES ('rebuild')",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_document_fts_ai",
    "DROP TRIGGER IF EXISTS search_document_fts_ad",
    "DROP TRIGGER IF EXISTS search_document_fts_au",
    "DROP TABLE IF EXISTS search_document_fts",
]
POSTGRES_INSTALL = [
    """ALTER TABLE search_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_folded), 'A')
        || setweight(to_tsvector('simple'::regconfig, search_text), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector_gin ON search_document USING gin (search_vector)",
]
POSTGRES_UNINSTALL = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL})


def uninstall(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_UNINSTALL, "postgresql": POSTGRES_UNINSTALL})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
