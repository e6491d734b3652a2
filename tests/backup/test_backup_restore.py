"""`manage.py backup` and `restore`: the demo data goes round trip into another database, table by table, and
what was erased after the backup is erased again after the restore.

The restore runs in a subprocess whose DATABASE_URL points at the other database (PostgreSQL: a database made
and dropped here; SQLite: another file), as an operator would run it. pg_dump reads only committed data, hence
transactional tests (SQLite's backup API, too, waits forever for a connection's open transaction).
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from leadership.common.backup import database_figures, open_connection
from leadership.common.emails import address_hash
from nominations import services as nomination_services
from nominations.models import Nomination
from roles.enums import Capacity
from roles.models import Membership, Person
from roles.services import account_delete
from tests.factories import MembershipFactory, UserFactory
from tests.factories.nominations import NominationCallFactory
from tests.factories.roles import OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

NOMINEE_EMAIL = "ottoline.varga@example.net"
NOMINEE_NAME = "Ottoline Varga"
LEAVER_EMAIL = "leaving.member@example.net"


@pytest.fixture
def target(tmp_path):
    """Django's settings of another, empty database of the same engine, dropped afterwards."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings_dict, f"sqlite:///{settings_dict['NAME']}"
        return
    settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_restore"[:63]
    name = connection.ops.quote_name(settings_dict["NAME"])
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    host = f"{settings_dict['HOST'] or ''}:{settings_dict['PORT'] or 5432}"
    yield settings_dict, f"postgres://{user}{password}@{host}/{quote(settings_dict['NAME'])}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def restore(url, backup, tmp_path, *args, journal=None):
    """`manage.py restore` in another process, on the database at `url`."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "VAR_DIR": str(tmp_path / "restore-var"),
        "ERASURE_LOG": str(journal or tmp_path / "no-journal.jsonl"),
    }
    env.pop("CELERY_BROKER_URL", None)
    return subprocess.run(
        [
            sys.executable,
            str(Path(django_settings.BASE_DIR) / "manage.py"),
            "restore",
            str(backup),
            "--quiet",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def backup(tmp_path):
    out = StringIO()
    call_command("backup", quiet=True, output=tmp_path / "backups", stdout=out)
    manifest_path = next((tmp_path / "backups").glob("*.json"))
    return manifest_path, json.loads(manifest_path.read_text())


@contextmanager
def raw_cursor(settings_dict):
    """A DB-API cursor on another database (Django's connections know only the test database)."""
    if connection.vendor == "sqlite":
        raw = sqlite3.connect(settings_dict["NAME"])
    else:
        raw = open_connection(settings_dict, alias="scan").connection
    try:
        yield raw.cursor()
    finally:
        raw.close()


def query(cursor, sql, params=()):
    cursor.execute(sql.replace("%s", "?") if connection.vendor == "sqlite" else sql, params)
    return cursor.fetchone()[0]


def rows_holding(settings_dict, text):
    """Every (table, column) of a database whose value, read as text, contains the text (case-insensitive)."""
    found = []
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    with raw_cursor(settings_dict) as cursor:
        for table in connection.introspection.table_names():
            quoted_table = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted_table} WHERE 1 = 0")  # noqa: S608 - a name from the schema
            for column in [description[0] for description in cursor.description]:
                sql = f"SELECT COUNT(*) FROM {quoted_table} WHERE CAST({connection.ops.quote_name(column)} AS TEXT) {like} %s"  # noqa: S608 - names from the schema
                if query(cursor, sql, [f"%{text}%"]):
                    found.append((table, column))
    return found


def count(settings_dict, sql, params=()):
    with raw_cursor(settings_dict) as cursor:
        return query(cursor, sql, params)


def test_backup_restore_round_trip_of_the_demo_data_with_erasures_replayed(tmp_path, target, settings):
    call_command("seed_demo", quiet=True, allow_without_debug=True, stdout=StringIO())
    organization = OrganizationFactory()
    nomination = nomination_services.nomination_submit(
        call=NominationCallFactory(organization=organization),
        data={
            "nominee_name": NOMINEE_NAME,
            "nominee_email": NOMINEE_EMAIL,
            "statement": f"{NOMINEE_NAME} runs the photo club.",
            "language": "en",
        },
        nominator=UserFactory(username="nominator"),
    )
    leaver = UserFactory(username="leaver", email=LEAVER_EMAIL)
    MembershipFactory(person=leaver.person, organization=organization, capacity=Capacity.MEMBER)
    leaver_person_id = leaver.person.pk
    manifest_path, manifest = backup(tmp_path)
    target_settings, target_url = target

    # The manifest describes the source: its tables and their rows.
    source_tables = sorted(connection.introspection.table_names())
    assert sorted(manifest["tables"]) == source_tables
    with connection.cursor() as cursor:
        for table, figures in manifest["tables"].items():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - from the schema
            assert (table, figures["rows"]) == (table, cursor.fetchone()[0])
    assert manifest["tables"]["nominations_nomination"]["rows"] == Nomination.objects.count() > 1
    if connection.vendor == "postgresql":
        assert {t: (f.rows, f.checksum) for t, f in database_figures(connection.settings_dict).items()} == {
            t: (f["rows"], f["checksum"]) for t, f in manifest["tables"].items()
        }

    restored = restore(target_url, manifest_path, tmp_path)

    assert restored.returncode == 0, restored.stderr
    assert "every table's row count and checksum match the manifest" in restored.stdout
    assert {t: (f.rows, f.checksum) for t, f in database_figures(target_settings).items()} == {
        t: (f["rows"], f["checksum"]) for t, f in manifest["tables"].items()
    }
    assert rows_holding(target_settings, NOMINEE_EMAIL) != []  # the backup holds the nominee, and the outbox

    # After the backup: the nominee declines (never again), the member deletes their account.
    nomination_services.nomination_consent(nomination=nomination, accept=False, never_again=True)
    account_delete(user=leaver)
    assert rows_holding(connection.settings_dict, NOMINEE_EMAIL) == []

    replayed = restore(target_url, manifest_path, tmp_path, "--overwrite", journal=settings.ERASURE_LOG)

    assert replayed.returncode == 0, replayed.stderr
    # Erasures journaled shortly before the backup (the demo's) are replayed too, and find nothing left to do.
    replay_line = replayed.stdout.splitlines()[-1]
    assert re.findall(r"(\w+): (\d+) erased again", replay_line) == [
        ("account", "1"),
        ("nomination", "1"),
        ("nomination_never_again", "1"),
    ]
    for text in (NOMINEE_EMAIL, NOMINEE_NAME, LEAVER_EMAIL):
        assert (text, rows_holding(target_settings, text)) == (text, [])
    assert count(target_settings, "SELECT COUNT(*) FROM auth_user WHERE id = %s", [leaver.pk]) == 0
    for history in (Person.history.model, Membership.history.model):
        sql = f"SELECT COUNT(*) FROM {history._meta.db_table} WHERE {'id' if history is Person.history.model else 'person_id'} = %s"  # noqa: S608 - our own table names
        assert count(target_settings, sql, [leaver_person_id]) == 0
    opt_out = "SELECT COUNT(*) FROM common_emailoptout WHERE address_hash = %s AND kind = %s"
    assert count(target_settings, opt_out, [address_hash(NOMINEE_EMAIL), "nomination"]) == 1


def test_restore_refuses_a_damaged_dump(tmp_path):
    OrganizationFactory()
    manifest_path, manifest = backup(tmp_path)
    dump = manifest_path.with_name(manifest["dump"]["file"])
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))

    with pytest.raises(CommandError) as refused:
        call_command("restore", manifest_path, quiet=True, overwrite=True)

    assert str(refused.value).startswith(f"The dump {dump.name} is damaged: its sha256 is ")


def test_restore_refuses_a_truncated_dump(tmp_path):
    manifest_path, manifest = backup(tmp_path)
    dump = manifest_path.with_name(manifest["dump"]["file"])
    dump.write_bytes(dump.read_bytes()[:-10])

    with pytest.raises(CommandError) as refused:
        call_command("restore", dump, quiet=True, overwrite=True)

    assert str(refused.value) == (
        f"The dump {dump.name} is damaged: {manifest['dump']['size'] - 10} bytes, "
        f"the manifest says {manifest['dump']['size']}."
    )


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    organization = OrganizationFactory()
    manifest_path, _manifest = backup(tmp_path)
    tables = len(connection.introspection.table_names())

    with pytest.raises(CommandError) as refused:
        call_command("restore", manifest_path, quiet=True)

    assert str(refused.value).startswith(f"The target database is not empty ({tables} tables, e.g. ")
    assert str(refused.value).endswith("pass --overwrite to replace what it holds.")
    assert organization.__class__.objects.filter(pk=organization.pk).exists()
