"""`manage.py migrations_roundtrip` (`make migrations-roundtrip`): every migration forwards, backwards, forwards.

A deployment that goes wrong is rolled back with `migrate <app> <previous>`; that only works if every
migration, ours and the third-party apps', can be unapplied. This command proves it on an empty database:
it applies every migration (with the post_migrate handlers, so content types, permissions and the site row
exist as in production), unapplies every one of them back to zero in one plan that walks the graph
backwards (dependents before their dependencies, across apps), and applies them all again. It fails on an
operation that declares itself irreversible (RunPython without reverse_code, RunSQL without reverse_sql)
before touching the database, on a table left behind by the backward pass, and on a schema that differs
after the second forward pass from the first (a reverse that dropped too little or too much).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

Schema = dict[str, tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]]


def irreversible_operations(migrations: Iterable[Migration]) -> list[str]:
    """Every operation of these migrations that cannot be unapplied, as `app.migration: operation`."""
    return [
        f"{migration.app_label}.{migration.name}: {operation.describe()}"
        for migration in sorted(migrations, key=lambda migration: (migration.app_label, migration.name))
        for operation in migration.operations
        if not operation.reversible
    ]


def schema_snapshot(connection: BaseDatabaseWrapper) -> Schema:
    """Each table's columns and its named constraints and indexes (with their columns), for comparison."""
    snapshot: Schema = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = tuple(
                sorted(
                    column.name for column in connection.introspection.get_table_description(cursor, table)
                )
            )
            constraints = connection.introspection.get_constraints(cursor, table)
            named = tuple(
                sorted(
                    (name, tuple(details["columns"] or ()))
                    for name, details in constraints.items()
                    # SQLite gives unnamed constraints generated names that change when a table is rebuilt.
                    if not name.startswith("__unnamed_constraint_")
                )
            )
            snapshot[table] = (columns, named)
    return snapshot


def schema_differences(before: Schema, after: Schema) -> list[str]:
    differences = [f"table {table} missing" for table in sorted(before.keys() - after.keys())]
    differences += [f"table {table} added" for table in sorted(after.keys() - before.keys())]
    for table in sorted(before.keys() & after.keys()):
        (columns_before, constraints_before), (columns_after, constraints_after) = before[table], after[table]
        if columns_before != columns_after:
            differences.append(f"table {table}: columns {columns_before} became {columns_after}")
        if constraints_before != constraints_after:
            lost = sorted(set(constraints_before) - set(constraints_after))
            gained = sorted(set(constraints_after) - set(constraints_before))
            differences.append(f"table {table}: constraints/indexes lost {lost}, gained {gained}")
    return differences


class Command(BaseCommand):
    help = (
        "On an EMPTY database: apply every migration, unapply every one back to zero, apply them again. "
        "Fails on an irreversible migration, on a table the backward pass leaves behind and on a schema "
        "that differs between the two forward passes. Prints the counts and seconds of each pass."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        loader = MigrationLoader(connection)
        if loader.applied_migrations:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']!r} has applied migrations: this command "
                "unapplies everything, so it runs only on an empty database."
            )
        irreversible = irreversible_operations(loader.graph.nodes.values())
        if irreversible:
            raise CommandError(
                "Irreversible migrations (give each a reverse: reverse_code=, reverse_sql=, or "
                "RunPython.noop / RunSQL.noop where undoing nothing is right):\n  "
                + "\n  ".join(irreversible)
            )
        self.stdout.write(f"Database {connection.settings_dict['NAME']} ({connection.vendor})")

        forwards, forwards_seconds = self._forwards(database)
        first_schema = schema_snapshot(connection)
        self.stdout.write(f"forwards:  {forwards} migrations applied in {forwards_seconds:.1f} s")

        backwards, backwards_seconds = self._backwards(connection)
        self.stdout.write(f"backwards: {backwards} migrations unapplied in {backwards_seconds:.1f} s")
        with connection.cursor() as cursor:
            left = sorted(
                set(connection.introspection.table_names(cursor))
                - {MigrationRecorder.Migration._meta.db_table}
            )
        if left:
            raise CommandError(f"Tables left after unapplying every migration: {', '.join(left)}")

        again, again_seconds = self._forwards(database)
        self.stdout.write(f"forwards:  {again} migrations applied again in {again_seconds:.1f} s")
        differences = schema_differences(first_schema, schema_snapshot(connection))
        if differences:
            raise CommandError("The schema differs after the round trip:\n  " + "\n  ".join(differences))
        if not forwards == backwards == again:
            raise CommandError(
                f"Counts differ: {forwards} forwards, {backwards} backwards, {again} forwards again."
            )
        total = forwards_seconds + backwards_seconds + again_seconds
        self.stdout.write(
            self.style.SUCCESS(f"Round trip passed: {forwards} migrations each way in {total:.1f} s in all.")
        )

    def _forwards(self, database: str) -> tuple[int, float]:
        recorder = MigrationRecorder(connections[database])
        before = len(recorder.applied_migrations())
        started = time.perf_counter()
        call_command("migrate", database=database, interactive=False, verbosity=0)
        return len(recorder.applied_migrations()) - before, time.perf_counter() - started

    def _backwards(self, connection: BaseDatabaseWrapper) -> tuple[int, float]:
        """Unapply everything in one plan: for each app's first migration, its dependents across all apps."""
        executor = MigrationExecutor(connection)
        targets = [(app_label, None) for app_label in sorted(executor.loader.migrated_apps)]
        plan = executor.migration_plan(targets)
        started = time.perf_counter()
        executor.migrate(targets, plan=plan)
        return len(plan), time.perf_counter() - started
