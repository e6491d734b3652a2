"""PostgreSQL only: a trigram index on the courses' search text, so that the catalogue's search finds any
substring in any script (pg_trgm is created by the roles app's migrations)."""

from django.db import migrations

TRIGRAM = "CREATE INDEX course_search_trgm_idx ON training_course USING gin (search_text gin_trgm_ops)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAM)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS course_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0004_postgres_search_and_terms"),
        ("training", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
