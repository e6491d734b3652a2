"""Backups of the registry's database and their restore: the shared logic of `manage.py backup` and `restore`.

A backup is two files side by side: the dump and its manifest (JSON).

- PostgreSQL: `pg_dump --format=custom` (compressed), run on a snapshot exported by a REPEATABLE READ
  transaction that stays open while the manifest's figures are computed, so the dump and the figures describe
  the same instant while the site keeps writing.
- SQLite: the online backup API (`sqlite3.Connection.backup`) copies the live database into a file, the
  figures are computed from that copy, and the copy is gzipped.

The manifest holds, for every table, its row count and a checksum of its content (sha256 over its column
names and its rows ordered by primary key, one canonical JSON line each), computed the same way after a
restore: a restore that does not reproduce every table is reported, table by table. Both the figures and the
restore run through a connection of their own, apart from Django's, so that Django's state is not touched.

Personal data erased after the backup was made is erased again after a restore, from the journal in
`leadership.common.privacy`, which lives outside the database.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from tqdm import tqdm

FORMAT = "leadership-backup"
FORMAT_VERSION = 1
CHECKSUM_METHOD = "sha256 of the column names, then one canonical JSON line per row ordered by primary key"
DUMP_SUFFIXES = {"postgresql": ".pgdump", "sqlite": ".sqlite3.gz"}
FETCH_ROWS = 2000
CHUNK_BYTES = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator why and what to do."""


@dataclass(frozen=True)
class TableFigures:
    rows: int
    checksum: str


def progress_bar(*, total: float | None, desc: str, unit: str, show: bool) -> tqdm[Any]:
    """The project's progress bars: on standard error, on a terminal only (`show=False` hides them)."""
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=unit == "B",
        unit_divisor=1024 if unit == "B" else 1000,
        file=sys.stderr,
        disable=None if show else True,
        dynamic_ncols=True,
    )


def app_version() -> str:
    try:
        return importlib.metadata.version("leadership-registry")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def file_sha256(path: Path, *, show_progress: bool = False) -> str:
    digest = hashlib.sha256()
    with (
        path.open("rb") as data,
        progress_bar(
            total=path.stat().st_size, desc=f"Checking {path.name}", unit="B", show=show_progress
        ) as bar,
    ):
        while chunk := data.read(CHUNK_BYTES):
            digest.update(chunk)
            bar.update(len(chunk))
    return digest.hexdigest()


# --- Figures of a database: tables, row counts, checksums -------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _json_default(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)  # Decimal, UUID, timedelta, ranges: their text is exact and stable


def _canonical_row(row: tuple[Any, ...] | list[Any]) -> bytes:
    return json.dumps(list(row), default=_json_default, ensure_ascii=False, sort_keys=True).encode() + b"\n"


class _Catalogue:
    """What the figures need to know of one engine's catalogue, on a DB-API cursor."""

    def tables(self, cursor: Any) -> list[str]:
        raise NotImplementedError

    def key_columns(self, cursor: Any, table: str) -> list[str]:
        """The primary key's columns in order, or every column when the table has no primary key."""
        raise NotImplementedError


class _PostgresCatalogue(_Catalogue):
    def tables(self, cursor: Any) -> list[str]:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = current_schema() "
            "ORDER BY c.relname"
        )
        return [name for (name,) in cursor.fetchall()]

    def key_columns(self, cursor: Any, table: str) -> list[str]:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = %s::regclass AND i.indisprimary "
            "ORDER BY array_position(i.indkey::int2[], a.attnum)",
            [_quote(table)],
        )
        columns = [name for (name,) in cursor.fetchall()]
        if columns:
            return columns
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum",
            [_quote(table)],
        )
        return [name for (name,) in cursor.fetchall()]


class _SqliteCatalogue(_Catalogue):
    def tables(self, cursor: Any) -> list[str]:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        return [name for (name,) in cursor.fetchall()]

    def key_columns(self, cursor: Any, table: str) -> list[str]:
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        info = cursor.fetchall()  # cid, name, type, notnull, default, position in the primary key (0: none)
        keyed = sorted((row[5], row[1]) for row in info if row[5])
        return [name for _position, name in keyed] or [row[1] for row in info]


def _figures(
    connection: Any, catalogue: _Catalogue, *, named_cursor: bool, show_progress: bool
) -> dict[str, TableFigures]:
    """Row count and checksum of every table, read through one DB-API connection (one snapshot)."""
    cursor = connection.cursor()
    tables = catalogue.tables(cursor)
    counts: dict[str, int] = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - a quoted name from the catalogue
        counts[table] = cursor.fetchone()[0]
    figures: dict[str, TableFigures] = {}
    with progress_bar(total=sum(counts.values()), desc="Checksums", unit="row", show=show_progress) as bar:
        for table in tables:
            bar.set_description(table, refresh=False)
            order = ", ".join(_quote(column) for column in catalogue.key_columns(cursor, table))
            # PostgreSQL: a server-side cursor streams a large table instead of loading it whole.
            rows = connection.cursor(name=f"figures_{len(figures)}") if named_cursor else connection.cursor()
            with closing(rows):
                rows.execute(f"SELECT * FROM {_quote(table)} ORDER BY {order}")  # noqa: S608 - quoted names
                digest = hashlib.sha256()
                count = 0
                while batch := rows.fetchmany(FETCH_ROWS):
                    if count == 0:
                        digest.update(_canonical_row([column[0] for column in rows.description]))
                    for row in batch:
                        digest.update(_canonical_row(row))
                    count += len(batch)
                    bar.update(len(batch))
            figures[table] = TableFigures(rows=count, checksum=digest.hexdigest())
    cursor.close()
    return figures


def _applied_migrations(cursor: Any, tables: list[str]) -> dict[str, str]:
    """The latest applied migration of every app, from django_migrations."""
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY applied, id")
    return dict(cursor.fetchall())


def open_connection(settings_dict: dict[str, Any], alias: str) -> BaseDatabaseWrapper:
    """A connection of our own to the database of `settings_dict`, configured as Django configures its own
    (time zone, options), without touching Django's connections."""
    backend = load_backend(settings_dict["ENGINE"])
    wrapper: BaseDatabaseWrapper = backend.DatabaseWrapper(dict(settings_dict), alias)
    wrapper.ensure_connection()
    return wrapper


@contextmanager
def _postgres_snapshot(settings_dict: dict[str, Any]) -> Iterator[Any]:
    """A raw psycopg connection inside a read-only REPEATABLE READ transaction: one instant of the database."""
    wrapper = open_connection(settings_dict, alias="backup")
    raw = wrapper.connection
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield raw
    finally:
        raw.rollback()
        wrapper.close()


def database_figures(
    settings_dict: dict[str, Any], *, show_progress: bool = False
) -> dict[str, TableFigures]:
    """The figures of a database (Django's settings of it), as a manifest holds them."""
    engine = _engine(settings_dict)
    if engine == "postgresql":
        with _postgres_snapshot(settings_dict) as raw:
            return _figures(raw, _PostgresCatalogue(), named_cursor=True, show_progress=show_progress)
    with closing(sqlite3.connect(f"{_sqlite_path(settings_dict).as_uri()}?mode=ro", uri=True)) as raw:
        return _figures(raw, _SqliteCatalogue(), named_cursor=False, show_progress=show_progress)


def _engine(settings_dict: dict[str, Any]) -> str:
    engine = str(settings_dict["ENGINE"])
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def _sqlite_path(settings_dict: dict[str, Any]) -> Path:
    name = str(settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("This SQLite database lives in memory: a restore needs a database file.")
    return Path(name).resolve()


# --- PostgreSQL's tools ---------------------------------------------------------------------------------------


def _pg_tool(name: str, settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The command line (connection options, never the password) and environment for pg_dump or pg_restore.

    The password, SSL and service settings go through the environment, as Django's `dbshell` passes them.
    """
    executable = shutil.which(name)
    if executable is None:
        raise BackupError(
            f"{name} is missing: install PostgreSQL's client tools (apt-get install postgresql-client)."
        )
    _psql_args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    args = [executable, "--no-password"]  # never wait for a password prompt
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER"), ("--dbname", "NAME")):
        if settings_dict.get(key):
            args.append(f"{flag}={settings_dict[key]}")
    return args, {**os.environ, **(env or {})}


def _run_with_progress(args: list[str], env: dict[str, str], *, bar: tqdm[Any], watch: Path | None) -> None:
    """Run a tool; the bar follows the size of the file it writes, or the lines of its verbose output."""
    with subprocess.Popen(  # noqa: S603 - fixed executables, arguments from our settings
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        errors: list[str] = []
        if watch is None:
            for line in process.stderr or ():
                if line.startswith(
                    ("pg_restore: processing", "pg_restore: creating", "pg_restore: executing")
                ):
                    bar.update(1)
                elif "error" in line.lower() or "warning" in line.lower() or "detail" in line.lower():
                    errors.append(line.rstrip())
        else:
            while process.poll() is None:
                if watch.exists():
                    bar.update(watch.stat().st_size - bar.n)
                time.sleep(0.2)
            errors = process.stderr.read().splitlines() if process.stderr else []
        process.wait()
    if process.returncode != 0:
        tool = Path(args[0]).name
        raise BackupError(f"{tool} failed (exit {process.returncode}):\n" + "\n".join(errors[-20:]))


# --- Backup -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    manifest_path: Path
    dump_path: Path
    manifest: dict[str, Any]


def _stem(output_dir: Path, created_at: datetime.datetime) -> str:
    base = f"leadership-{created_at:%Y%m%dT%H%M%SZ}"
    stem, n = base, 2
    while (output_dir / f"{stem}.json").exists():
        stem, n = f"{base}-{n}", n + 1
    return stem


def create_backup(
    connection: BaseDatabaseWrapper, *, output_dir: Path, show_progress: bool = False
) -> BackupResult:
    """Dump the database behind `connection` into `output_dir` with its manifest; the manifest comes last,
    so that a backup cut short has none and is never taken for a whole one."""
    output_dir.mkdir(parents=True, exist_ok=True)
    # Taken before the snapshot: every erasure journaled after this instant may be missing from the dump.
    created_at = datetime.datetime.now(tz=datetime.UTC)
    stem = _stem(output_dir, created_at)
    engine = connection.vendor
    if engine not in DUMP_SUFFIXES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    dump_path = output_dir / f"{stem}{DUMP_SUFFIXES[engine]}"
    partial = output_dir / f".{stem}.partial"
    try:
        if engine == "postgresql":
            figures, migrations, engine_version = _dump_postgres(connection, partial, show_progress)
        else:
            figures, migrations, engine_version = _dump_sqlite(connection, partial, show_progress)
        partial.replace(dump_path)
    finally:
        partial.unlink(missing_ok=True)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "app_version": app_version(),
        "engine": engine,
        "engine_version": engine_version,
        "migrations": migrations,
        "dump": {"file": dump_path.name, "size": dump_path.stat().st_size, "sha256": file_sha256(dump_path)},
        "checksum_method": CHECKSUM_METHOD,
        "tables": {table: {"rows": f.rows, "checksum": f.checksum} for table, f in sorted(figures.items())},
    }
    manifest_path = output_dir / f"{stem}.json"
    written = manifest_path.with_name(f".{manifest_path.name}.partial")
    written.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    written.replace(manifest_path)
    return BackupResult(manifest_path=manifest_path, dump_path=dump_path, manifest=manifest)


def _dump_postgres(
    connection: BaseDatabaseWrapper, partial: Path, show_progress: bool
) -> tuple[dict[str, TableFigures], dict[str, str], str]:
    with _postgres_snapshot(connection.settings_dict) as raw:
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, version = cursor.fetchone()
        args, env = _pg_tool("pg_dump", connection.settings_dict)
        args += ["--format=custom", f"--snapshot={snapshot}", f"--file={partial}"]
        with progress_bar(total=None, desc="pg_dump", unit="B", show=show_progress) as bar:
            _run_with_progress(args, env, bar=bar, watch=partial)
        figures = _figures(raw, _PostgresCatalogue(), named_cursor=True, show_progress=show_progress)
        with raw.cursor() as cursor:
            migrations = _applied_migrations(cursor, list(figures))
    return figures, migrations, f"PostgreSQL {version}"


def _sqlite_copy(
    source: sqlite3.Connection, target: sqlite3.Connection, *, desc: str, show_progress: bool
) -> None:
    """SQLite's online backup API: a consistent copy of a live database, a batch of pages at a time."""
    with progress_bar(total=None, desc=desc, unit="page", show=show_progress) as bar:

        def progress(_status: int, remaining: int, total: int) -> None:
            bar.total = total
            bar.update(total - remaining - bar.n)

        source.backup(target, pages=1024, progress=progress)


def _dump_sqlite(
    connection: BaseDatabaseWrapper, partial: Path, show_progress: bool
) -> tuple[dict[str, TableFigures], dict[str, str], str]:
    if connection.in_atomic_block:
        # The backup API would wait, forever, for this connection's own transaction to end.
        raise BackupError("SQLite cannot be backed up from inside a transaction of the same connection.")
    copy = partial.with_name(partial.name + ".sqlite3")
    try:
        connection.ensure_connection()
        source = connection.connection  # Django's own: an in-memory database is only reachable through it
        with closing(sqlite3.connect(copy)) as target:
            _sqlite_copy(source, target, desc="SQLite backup", show_progress=show_progress)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file (the source's is WAL)
        with closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as raw:
            figures = _figures(raw, _SqliteCatalogue(), named_cursor=False, show_progress=show_progress)
            migrations = _applied_migrations(raw.cursor(), list(figures))
        with (
            copy.open("rb") as data,
            gzip.open(partial, "wb", compresslevel=6) as compressed,
            progress_bar(total=copy.stat().st_size, desc="gzip", unit="B", show=show_progress) as bar,
        ):
            while chunk := data.read(CHUNK_BYTES):
                compressed.write(chunk)
                bar.update(len(chunk))
    finally:
        copy.unlink(missing_ok=True)
    return figures, migrations, f"SQLite {sqlite3.sqlite_version}"


# --- Restore ----------------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> tuple[dict[str, Any], Path]:
    """The manifest and the dump it describes, from the path of either."""
    manifest_path = path
    if path.suffix != ".json":
        for suffix in DUMP_SUFFIXES.values():
            if path.name.endswith(suffix):
                manifest_path = path.with_name(path.name[: -len(suffix)] + ".json")
    if not manifest_path.is_file():
        raise BackupError(f"No manifest at {manifest_path}: give the backup's .json file or its dump.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"The manifest {manifest_path} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path} is not the manifest of a registry backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The manifest's format version is {manifest.get('format_version')}; "
            f"this code reads version {FORMAT_VERSION}."
        )
    return manifest, manifest_path.with_name(manifest["dump"]["file"])


def check_dump(manifest: dict[str, Any], dump_path: Path, *, show_progress: bool = False) -> None:
    """Refuse a dump that is missing, or whose size or sha256 is not the manifest's (damaged or swapped)."""
    if not dump_path.is_file():
        raise BackupError(f"The dump {dump_path} is missing.")
    expected = manifest["dump"]
    size = dump_path.stat().st_size
    if size != expected["size"]:
        raise BackupError(
            f"The dump {dump_path.name} is damaged: {size} bytes, the manifest says {expected['size']}."
        )
    digest = file_sha256(dump_path, show_progress=show_progress)
    if digest != expected["sha256"]:
        raise BackupError(
            f"The dump {dump_path.name} is damaged: its sha256 is {digest}, the manifest says {expected['sha256']}."
        )


def check_compatible(manifest: dict[str, Any], connection: BaseDatabaseWrapper) -> None:
    """Refuse a backup of another engine, or one that holds migrations this code does not know (a newer
    version's backup: restore it with that version)."""
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['engine']} backup; the target database is {connection.vendor}."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(
        f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "The backup holds migrations this code does not have (restore it with the version that made it, "
            f"{manifest.get('app_version')}): {', '.join(unknown)}"
        )


def existing_tables(connection: BaseDatabaseWrapper) -> list[str]:
    return sorted(connection.introspection.table_names())


def load_dump(
    manifest: dict[str, Any],
    dump_path: Path,
    connection: BaseDatabaseWrapper,
    *,
    overwrite: bool = False,
    show_progress: bool = False,
) -> None:
    """Bring the dump into the database behind `connection` (which `check_compatible` accepted)."""
    connection.close()  # Django's connection must not hold the database while it is replaced
    if connection.vendor == "postgresql":
        list_args, env = _pg_tool("pg_restore", connection.settings_dict)
        entries = subprocess.run(  # noqa: S603 - fixed executable, our own file
            [list_args[0], "--list", str(dump_path)], env=env, capture_output=True, text=True, check=True
        ).stdout
        total = sum(1 for line in entries.splitlines() if line and not line.startswith(";"))
        args, env = _pg_tool("pg_restore", connection.settings_dict)
        args += ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", "--verbose"]
        if overwrite:
            args += ["--clean", "--if-exists"]
        args.append(str(dump_path))
        with progress_bar(total=total, desc="pg_restore", unit="item", show=show_progress) as bar:
            _run_with_progress(args, env, bar=bar, watch=None)
        return
    target = _sqlite_path(connection.settings_dict)
    copy = target.with_name(f".{target.name}.restoring")
    try:
        with (
            gzip.open(dump_path, "rb") as compressed,
            copy.open("wb") as data,
            progress_bar(total=None, desc="gunzip", unit="B", show=show_progress) as bar,
        ):
            while chunk := compressed.read(CHUNK_BYTES):
                data.write(chunk)
                bar.update(len(chunk))
        # The online backup API, backwards: the copy replaces the target's every page, in one transaction,
        # also when the target is open elsewhere in WAL mode.
        with closing(sqlite3.connect(copy)) as source, closing(sqlite3.connect(target, timeout=20)) as dest:
            _sqlite_copy(source, dest, desc="SQLite restore", show_progress=show_progress)
    finally:
        copy.unlink(missing_ok=True)


def compare_figures(expected: dict[str, Any], actual: dict[str, TableFigures]) -> tuple[list[str], list[str]]:
    """Differences between the manifest's tables and the database's: problems, and tables the backup did not
    have (left by an overwrite, or made by a newer migration)."""
    problems = []
    for table, figures in sorted(expected.items()):
        found = actual.get(table)
        if found is None:
            problems.append(f"{table}: missing")
        elif found.rows != figures["rows"]:
            problems.append(f"{table}: {found.rows} rows, the backup had {figures['rows']}")
        elif found.checksum != figures["checksum"]:
            problems.append(f"{table}: same {found.rows} rows, different content")
    extra = sorted(set(actual) - set(expected))
    return problems, extra
