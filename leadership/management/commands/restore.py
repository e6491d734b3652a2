"""`manage.py restore <backup>`: bring a backup back into an empty database, verify it table by table and
erase again what was erased since the backup was made (see README, "Backups")."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from leadership.common import privacy
from leadership.common.backup import (
    BackupError,
    check_compatible,
    check_dump,
    compare_figures,
    database_figures,
    existing_tables,
    load_dump,
    read_manifest,
)

# Erasures are journaled by the web and worker machines' clocks, the backup's time by the backup machine's:
# entries from a little before the backup are replayed too (replaying is idempotent).
CLOCK_MARGIN = datetime.timedelta(minutes=5)


class Command(BaseCommand):
    help = (
        "Restore a backup (its manifest or its dump) into an empty database: check the dump's sha256, load "
        "it, compare every table's row count and checksum with the manifest, apply this code's newer "
        "migrations, then replay the erasure journal (ERASURE_LOG) from the backup's time on."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="The backup's manifest (.json) or its dump.")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Restore even though the target database has tables: what the backup holds replaces them.",
        )
        parser.add_argument("--quiet", action="store_true", help="Show no progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        show = not options["quiet"]
        try:
            self.restore(options["backup"], overwrite=options["overwrite"], show=show)
        except BackupError as error:
            raise CommandError(str(error)) from error

    def restore(self, path: Path, *, overwrite: bool, show: bool) -> None:
        manifest, dump_path = read_manifest(path)
        check_dump(manifest, dump_path, show_progress=show)
        check_compatible(manifest, connection)
        tables = existing_tables(connection)
        if tables and not overwrite:
            raise BackupError(
                f"The target database is not empty ({len(tables)} tables, e.g. {', '.join(tables[:3])}). "
                "Restore into an empty database, or pass --overwrite to replace what it holds."
            )
        started = time.monotonic()
        load_dump(manifest, dump_path, connection, overwrite=overwrite, show_progress=show)
        loaded = time.monotonic() - started
        figures = database_figures(connection.settings_dict, show_progress=show)
        problems, extra = compare_figures(manifest["tables"], figures)
        if problems:
            raise BackupError(
                "The restored database differs from the backup's manifest; do not use it:\n  "
                + "\n  ".join(problems)
            )
        expected = manifest["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(expected)} tables, {sum(t['rows'] for t in expected.values()):,} rows, from "
                f"{dump_path.name} (made {manifest['created_at']}) in {loaded:.1f} s; every table's row count "
                "and checksum match the manifest."
            )
        )
        if extra:
            self.stdout.write(f"  Tables the backup did not have, left as they were: {', '.join(extra)}")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("  The backup predates this code's migrations: migrating.")
            call_command("migrate", interactive=False, verbosity=0)
        self.replay(datetime.datetime.fromisoformat(manifest["created_at"]), show=show)

    def replay(self, created_at: datetime.datetime, *, show: bool) -> None:
        since = created_at - CLOCK_MARGIN
        result = privacy.replay_erasures(since=since)
        kinds = sorted(set(result.erased) | set(result.already))
        detail = "; ".join(
            f"{kind}: {result.erased[kind]} erased again, {result.already[kind]} already erased or gone"
            for kind in kinds
        )
        self.stdout.write(
            f"Replayed {result.replayed} erasures journaled since {since.isoformat()} "
            f"in {privacy.erasure_log_path()}" + (f" ({detail})." if detail else ".")
        )
        if result.unknown:
            unknown = ", ".join(f"{count} {kind}" for kind, count in sorted(result.unknown.items()))
            self.stderr.write(f"Skipped journal entries of kinds no app replays: {unknown}.")
