"""The directory's keys index, and no more duplicate indexes on roles_role (issue 13).

- role_listed_keys_idx: active roles by (title_en, id), carrying organization_id, so that the directory's
  keys query and a deep page's OFFSET are answered by an index-only scan (role_active_title_idx made every
  skipped row visit the table for its organisation);
- org_unlisted_idx: the few organisations that are not listed, whose roles the directory leaves out with a
  hashed NOT IN rather than a join of every role with its organisation;
- role_template_idx duplicated the template foreign key's own index, and the organisation foreign key's own
  index duplicated the start of role_org_idx (organization_id, active), which now serves the key alone.

Not atomic: PostgreSQL builds and drops indexes concurrently only outside a transaction.
"""

import django.db.models.deletion
from django.db import migrations, models

from leadership.common.migrations_ops import AddIndexConcurrently, RemoveIndexConcurrently

# The name Django gave the foreign key's index (the same on every engine).
ORGANIZATION_FK_INDEX = "roles_role_organization_id_370a18a7"


def drop_organization_fk_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {ORGANIZATION_FK_INDEX}")
    else:
        schema_editor.execute(f"DROP INDEX IF EXISTS {ORGANIZATION_FK_INDEX}")


def create_organization_fk_index(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS {ORGANIZATION_FK_INDEX} ON roles_role (organization_id)"
    )


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL builds and drops an index concurrently only outside a transaction

    dependencies = [("roles", "0006_competency_page_indexes")]

    operations = [
        AddIndexConcurrently(
            model_name="role",
            index=models.Index(
                condition=models.Q(("active", True)),
                fields=["title_en", "id"],
                include=("organization",),
                name="role_listed_keys_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="organization",
            index=models.Index(
                condition=models.Q(("active", True), ("status", "approved"), _negated=True),
                fields=["id"],
                name="org_unlisted_idx",
            ),
        ),
        RemoveIndexConcurrently(model_name="role", name="role_active_title_idx"),
        RemoveIndexConcurrently(model_name="role", name="role_template_idx"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="role",
                    name="organization",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="roles",
                        to="roles.organization",
                        verbose_name="organisation",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_organization_fk_index, create_organization_fk_index, elidable=False)
            ],
        ),
    ]
