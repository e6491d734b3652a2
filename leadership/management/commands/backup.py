"""`manage.py backup`: a consistent, compressed dump of the database with its manifest (see README, "Backups")."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from leadership.common.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database: PostgreSQL with pg_dump (custom format, one snapshot), SQLite with the online "
        "backup API (gzipped), each beside a JSON manifest holding the applied migrations, every table's row "
        "count and checksum, and the dump's size and sha256. Writes to BACKUP_DIR unless --output is given."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="The folder to write to (default: BACKUP_DIR).")
        parser.add_argument("--quiet", action="store_true", help="Show no progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        output_dir = options["output"] or Path(settings.BACKUP_DIR)
        started = time.monotonic()
        try:
            result = create_backup(connection, output_dir=output_dir, show_progress=not options["quiet"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        tables = manifest["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup of {len(tables)} tables, {sum(t['rows'] for t in tables.values()):,} rows "
                f"({manifest['engine_version']}) in {time.monotonic() - started:.1f} s."
            )
        )
        self.stdout.write(f"  dump:     {result.dump_path} ({manifest['dump']['size']:,} bytes)")
        self.stdout.write(f"  manifest: {result.manifest_path}")
