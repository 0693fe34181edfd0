"""The engine-specific full-text structures next to the index entries: an FTS5 table on
SQLite, a weighted tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_story_fts USING fts5("
            "title, teaser, aliases, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE portal_search_storyindexentry ADD COLUMN IF NOT EXISTS search_vector tsvector"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_vector ON portal_search_storyindexentry "
            "USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_story_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
        schema_editor.execute(
            "ALTER TABLE portal_search_storyindexentry DROP COLUMN IF EXISTS search_vector"
        )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_search_index")]
    operations = [migrations.RunPython(create, drop)]
