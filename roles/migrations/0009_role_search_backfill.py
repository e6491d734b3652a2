"""The directory's word search: every role's folded search text and (PostgreSQL) its full-text document,
then the document's GIN index (issue 13; see leadership/common/search.py).

Written in batches of 500 roles, each batch its own short transaction, so that a large table is never locked
as a whole; the index is built concurrently. Not atomic for both reasons. The index is raw SQL (like the
trigram index of 0004), not model state: a GIN index has no meaning on SQLite.
"""

from django.db import migrations

from leadership.common import search
from leadership.common.languages import localized_field_names

FIELDS = ("title", "description")
BATCH = 500
INDEX = "role_search_document_idx"


def backfill(apps, schema_editor):
    Role = apps.get_model("roles", "Role")
    columns = ["pk", *(column for field in FIELDS for column in localized_field_names(field))]
    last = 0
    while True:
        roles = list(Role.objects.filter(pk__gt=last).order_by("pk").only(*columns)[:BATCH])
        if not roles:
            return
        texts = [(role.pk, search.language_texts(role, FIELDS)) for role in roles]
        for role, (_pk, by_language) in zip(roles, texts, strict=True):
            role.search_text = search.search_text(by_language)
        Role.objects.bulk_update(roles, ["search_text"])
        search.write_documents(Role, "search_document", texts)
        last = roles[-1].pk


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON roles_role USING gin (search_document)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # batches in their own transactions; PostgreSQL builds an index concurrently only outside one

    dependencies = [("roles", "0008_role_search_document")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
