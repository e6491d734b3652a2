"""Migration safety (issue 7, part 6): reversible migrations, the linter's rules, concurrent indexes.

`make migrations-roundtrip` applies and unapplies every migration on PostgreSQL and `make migrations-lint`
lints ours; these quick tests pin what those rely on. The linter (django-migration-linter) reads SQL, so it
only sees the first CREATE INDEX of a migration and nothing a RunPython executes: the check of our own below
walks the operations of every migration of ours for index builds on the large tables.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.postgres.operations import AddIndexConcurrently as PostgresAddIndexConcurrently
from django.db import connection, models
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper
from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteDatabaseWrapper
from django.db.migrations import (
    AddConstraint,
    AddField,
    AddIndex,
    AlterUniqueTogether,
    CreateModel,
    Migration,
    RunPython,
    RunSQL,
)
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from django.test.utils import CaptureQueriesContext
from django_migration_linter.sql_analyser import PostgresqlAnalyser, analyse_sql_statements

from leadership.common.migrations_ops import AddIndexConcurrently, PostgresExtension, RemoveIndexConcurrently
from leadership.management.commands.migrations_roundtrip import irreversible_operations

OUR_APPS = ("common", "leadership", "roles", "nominations", "training", "overview")

# Tables with 100,000 rows or more at the benchmark's scale 1 (leadership/bench/seed.py), where a plain
# CREATE INDEX would block writes for long: indexes on them are built with AddIndexConcurrently.
LARGE_TABLES = frozenset(
    {
        "roles_person",
        "roles_personcompetency",
        "roles_role",
        "roles_rolerequirement",
        "roles_roleholder",
        "roles_historicalperson",
        "roles_historicalpersoncompetency",
        "roles_historicalrole",
        "roles_historicalrolerequirement",
        "roles_historicalroleholder",
        "training_enrollment",
        "training_feedback",
        "nominations_nomination",
        "nominations_nominationanswer",
        "nominations_nominationevent",
        "nominations_observedcompetency",
        "nominations_endorsement",
    }
)

# The latest migration of each third-party app, reviewed with the pinned versions: a dependency upgrade that
# brings migrations fails here until someone reads their SQL (`manage.py sqlmigrate <app> <name>` on
# PostgreSQL, `manage.py lintmigrations <app> <name>`) for locks on big tables (post_office_email above all)
# and updates the name.
THIRD_PARTY_LEAVES = {
    "account": "0009_emailaddress_unique_primary_email",
    "admin": "0003_logentry_add_action_flag_choices",
    "auth": "0012_alter_user_first_name_max_length",
    "authtoken": "0004_alter_tokenproxy_options",
    "axes": "0010_accessattemptexpiration",
    "contenttypes": "0002_remove_content_type_name",
    "django_celery_beat": "0019_alter_periodictasks_options",
    "post_office": "0014_alter_email_recipient_delivery_status_and_more",
    "sessions": "0001_initial",
    "sites": "0002_alter_domain_unique",
    "socialaccount": "0006_alter_socialaccount_extra_data",
}

CREATE_INDEX = re.compile(
    r'CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY)(?:IF\s+NOT\s+EXISTS\s+)?(?:"?\w+"?\s+)?ON\s+(?:ONLY\s+)?"?(\w+)',
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def loader() -> MigrationLoader:
    return MigrationLoader(None, ignore_no_migrations=True)


def index_builds_on_large_tables(migration: Migration) -> list[str]:
    """The operations of a migration that build an index, without CONCURRENTLY, on a large existing table."""
    created: set[str] = set()
    found = []
    for operation in migration.operations:
        if isinstance(operation, CreateModel):
            created.add(operation.name_lower)
            continue
        if isinstance(operation, RunSQL):
            statements = operation.sql if isinstance(operation.sql, list | tuple) else [operation.sql]
            tables = {table for sql in statements for table in CREATE_INDEX.findall(str(sql))}
            found += [
                f"{operation.describe()}: CREATE INDEX on {table}" for table in sorted(tables & LARGE_TABLES)
            ]
            continue
        model = getattr(operation, "model_name_lower", None) or getattr(operation, "name_lower", None)
        if model is None or model in created or f"{migration.app_label}_{model}" not in LARGE_TABLES:
            continue
        if _builds_index(operation):
            found.append(operation.describe())
    return found


def _builds_index(operation: Operation) -> bool:
    if isinstance(operation, AddIndex):
        return not isinstance(operation, PostgresAddIndexConcurrently)
    if isinstance(operation, AddField):
        field = operation.field
        return not field.many_to_many and bool(field.db_index or field.unique)  # a ForeignKey has db_index
    if isinstance(operation, AddConstraint):
        return not isinstance(operation.constraint, models.CheckConstraint)  # unique, exclusion: an index
    if isinstance(operation, AlterUniqueTogether):
        return bool(operation.option_value)
    return False


def test_migrations_have_no_irreversible_operation(loader):
    assert irreversible_operations(loader.graph.nodes.values()) == []


def test_irreversible_operations_lists_runpython_and_runsql_without_reverse():
    migration = Migration("0099_data", "roles")
    migration.operations = [
        RunPython(RunPython.noop),
        RunPython(RunPython.noop, RunPython.noop),
        RunSQL("SELECT 1"),
        RunSQL("SELECT 1", RunSQL.noop),
    ]

    assert irreversible_operations([migration]) == [
        "roles.0099_data: Raw Python operation",
        "roles.0099_data: Raw SQL operation",
    ]


def test_migrations_build_no_index_on_a_large_table_without_concurrently(loader):
    found = {
        key: index_builds_on_large_tables(migration)
        for key, migration in loader.disk_migrations.items()
        if key[0] in OUR_APPS
    }

    assert {key: operations for key, operations in found.items() if operations} == {}


def test_index_builds_on_large_tables_flags_plain_index_operations_on_existing_tables():
    index = models.Index(fields=["seats"], name="role_seats_idx")
    migration = Migration("0099_indexes", "roles")
    migration.operations = [
        AddIndex("role", index),
        AddField("roleholder", "mentor", models.ForeignKey("roles.Person", models.SET_NULL, null=True)),
        AddConstraint("person", models.UniqueConstraint(fields=["user"], name="person_user_unique")),
        RunSQL('CREATE INDEX "enrollment_x" ON "training_enrollment" ("id")', RunSQL.noop),
        AddIndexConcurrently("role", index),
        RunSQL('CREATE INDEX CONCURRENTLY "enrollment_x" ON "training_enrollment" ("id")', RunSQL.noop),
        AddIndex("region", models.Index(fields=["order"], name="region_order_idx")),  # a small table
        CreateModel("Ledger", [("id", models.BigAutoField(primary_key=True))]),
        AddIndex("ledger", models.Index(fields=["id"], name="ledger_idx")),  # created just above
    ]

    assert index_builds_on_large_tables(migration) == [
        "Create index role_seats_idx on field(s) seats of model role",
        "Add field mentor to roleholder",
        "Create constraint person_user_unique on model person",
        "Raw SQL operation: CREATE INDEX on training_enrollment",
    ]


def test_third_party_migrations_are_the_reviewed_ones(loader):
    leaves = {app: name for app, name in loader.graph.leaf_nodes() if app not in OUR_APPS}

    assert leaves == THIRD_PARTY_LEAVES


# --- The linter's rules, on the SQL Django writes for PostgreSQL (the engine whose locks matter) ----------


def _postgres_sql(operation: Operation, state: ProjectState) -> list[str]:
    """The SQL `sqlmigrate` would print on PostgreSQL, whatever the suite's engine (operations without
    parameters render without a server)."""
    offline = PostgresDatabaseWrapper(
        {
            **connection.settings_dict,
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "never_connected",
            "OPTIONS": {},
        }
    )
    to_state = state.clone()
    operation.state_forwards("roles", to_state)
    with offline.schema_editor(collect_sql=True, atomic=False) as editor:
        operation.database_forwards("roles", editor, state, to_state)
    return editor.collected_sql


def _lint(sql: list[str]) -> dict[str, list[str]]:
    errors, _ignored, warnings = analyse_sql_statements(PostgresqlAnalyser, sql)
    return {"errors": [issue.code for issue in errors], "warnings": [issue.code for issue in warnings]}


def test_linter_rejects_plain_index_on_a_large_table(loader):
    sql = _postgres_sql(
        AddIndex("role", models.Index(fields=["seats"], name="role_seats_idx")), loader.project_state()
    )

    assert sql == ['CREATE INDEX "role_seats_idx" ON "roles_role" ("seats");']
    assert _lint(sql) == {"errors": [], "warnings": ["CREATE_INDEX"]}  # an error under our warnings_as_errors


def test_linter_accepts_concurrent_index(loader):
    operation = AddIndexConcurrently("role", models.Index(fields=["seats"], name="role_seats_idx"))
    sql = _postgres_sql(operation, loader.project_state())

    assert sql == ['CREATE INDEX CONCURRENTLY "role_seats_idx" ON "roles_role" ("seats");']
    assert _lint(sql) == {"errors": [], "warnings": []}


def test_linter_rejects_not_null_column_without_default(loader):
    sql = _postgres_sql(AddField("role", "rank", models.IntegerField()), loader.project_state())

    assert sql == ['ALTER TABLE "roles_role" ADD COLUMN "rank" integer NOT NULL;']
    assert _lint(sql) == {"errors": ["NOT_NULL"], "warnings": []}


def test_linter_accepts_nullable_column(loader):
    sql = _postgres_sql(AddField("role", "rank", models.IntegerField(null=True)), loader.project_state())

    assert _lint(sql) == {"errors": [], "warnings": []}


def test_linter_runs_on_our_apps_with_every_warning_an_error(settings):
    assert settings.MIGRATION_LINTER_OPTIONS["include_apps"] == list(OUR_APPS)
    assert settings.MIGRATION_LINTER_OPTIONS["warnings_as_errors"] == []
    assert "django_migration_linter" in settings.INSTALLED_APPS


# --- The concurrent operations on the suite's database -------------------------------------------------


def _index_columns(table: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: details["columns"] for name, details in constraints.items() if details["index"]}


@pytest.mark.django_db(transaction=True)  # PostgreSQL builds an index concurrently only outside a transaction
def test_add_index_concurrently_creates_and_removes_the_index(loader):
    index = models.Index(fields=["seats", "filled_seats"], name="role_seats_test_idx")
    add, remove = AddIndexConcurrently("role", index), RemoveIndexConcurrently("role", "role_seats_test_idx")
    before = loader.project_state()
    with_index = before.clone()
    add.state_forwards("roles", with_index)

    with CaptureQueriesContext(connection) as queries, connection.schema_editor(atomic=False) as editor:
        add.database_forwards("roles", editor, before, with_index)
    created = _index_columns("roles_role").get("role_seats_test_idx")
    with connection.schema_editor(atomic=False) as editor:
        remove.database_forwards("roles", editor, with_index, before)
    removed = "role_seats_test_idx" not in _index_columns("roles_role")
    with connection.schema_editor(atomic=False) as editor:
        # Unapplying the removal builds the index again.
        remove.database_backwards("roles", editor, before, with_index)
    rebuilt = _index_columns("roles_role").get("role_seats_test_idx")
    with connection.schema_editor(atomic=False) as editor:
        add.database_backwards("roles", editor, with_index, before)

    concurrently = " CONCURRENTLY" if connection.vendor == "postgresql" else ""
    built = [query["sql"].split(' "')[0] for query in queries if " INDEX " in query["sql"]]
    assert built == [f"CREATE INDEX{concurrently}"]
    assert (created, removed, rebuilt) == (["seats", "filled_seats"], True, ["seats", "filled_seats"])
    assert "role_seats_test_idx" not in _index_columns("roles_role")


def test_postgres_extension_does_nothing_backwards_off_postgresql():
    """Django's CreateExtension queried pg_extension there, so unapplying roles 0004 failed on SQLite."""
    sqlite = SqliteDatabaseWrapper(
        {
            **connection.settings_dict,
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "OPTIONS": {},
        }
    )
    editor = sqlite.schema_editor(collect_sql=True)

    PostgresExtension("pg_trgm").database_backwards("roles", editor, ProjectState(), ProjectState())

    assert editor.collected_sql == []
