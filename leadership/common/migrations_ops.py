"""Migration operations that work on both of our engines, for changes to tables that are large in production.

On PostgreSQL a plain `CREATE INDEX` blocks every write to the table until the index is built (minutes on
roles, role holders, enrollments or the email outbox); `CREATE INDEX CONCURRENTLY` lets writes go on.
Django ships the concurrent operations in django.contrib.postgres, but they fail on SQLite (the quick start
and half of CI); these subclasses fall back to the plain operation there, where the database is small and
local. A migration that uses them sets `atomic = False` (PostgreSQL cannot build an index concurrently inside
a transaction) and holds nothing else, so that a failure leaves nothing half-applied. See CONTRIBUTING.md.

PostgresExtension exists because Django's CreateExtension skips other engines forwards but not backwards:
unapplying it on SQLite queried pg_extension and failed.
"""

from __future__ import annotations

from django.contrib.postgres import operations as postgres_operations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations import AddIndex, RemoveIndex
from django.db.migrations.state import ProjectState


def _is_postgres(schema_editor: BaseDatabaseSchemaEditor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class _PlainOffPostgres:
    """The concurrent operation on PostgreSQL; elsewhere the plain Django operation it extends (`plain`)."""

    plain: type[AddIndex] | type[RemoveIndex]

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _is_postgres(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)  # type: ignore[misc]
        else:
            self.plain.database_forwards(self, app_label, schema_editor, from_state, to_state)  # type: ignore[arg-type]

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _is_postgres(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)  # type: ignore[misc]
        else:
            self.plain.database_backwards(self, app_label, schema_editor, from_state, to_state)  # type: ignore[arg-type]


class AddIndexConcurrently(_PlainOffPostgres, postgres_operations.AddIndexConcurrently):
    """AddIndex that builds the index without blocking writes on PostgreSQL (a plain index elsewhere)."""

    plain = AddIndex


class RemoveIndexConcurrently(_PlainOffPostgres, postgres_operations.RemoveIndexConcurrently):
    """RemoveIndex that drops the index without blocking on PostgreSQL (a plain DROP INDEX elsewhere)."""

    plain = RemoveIndex


class PostgresExtension(postgres_operations.CreateExtension):
    """CreateExtension that, like forwards, does nothing backwards on an engine other than PostgreSQL."""

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _is_postgres(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)
