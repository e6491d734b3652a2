"""`make backup-check`: the backup round trip on the demo data, end to end, as an operator runs it.

A fresh database gets the migrations and the demo data; `manage.py backup` dumps it; a demo nomination is
then erased (after the backup); `manage.py restore` brings the backup into a second, empty database, checks
every table against the manifest and replays the erasure journal. The script prints the figures (tables,
rows, dump size, seconds for the backup and the restore), checks that the erased nomination stayed erased,
and drops both databases (KEEP=1 keeps them and the backup).

BACKUP_CHECK_DATABASE_URL picks the source database (PostgreSQL by default; an sqlite:/// URL works too);
the target is the same with "_restored" appended to its name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/leadership_backup_check"
ERASE_ONE = (
    "from nominations.models import Nomination; from nominations.services import nomination_erase; "
    "n = Nomination.objects.filter(erased_at__isnull=True).order_by('pk').first(); "
    "nomination_erase(nomination=n); print(n.pk)"
)
IS_ERASED = (
    "from nominations.models import Nomination; print(Nomination.objects.get(pk={pk}).erased_at is not None)"
)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def target_url(url: str) -> str:
    if url.startswith("sqlite:"):
        stem, dot, suffix = url.rpartition(".")
        return f"{stem}_restored.{suffix}" if dot else f"{url}_restored"
    base, _slash, name = url.rpartition("/")
    return f"{base}/{name}_restored"


def recreate(url: str) -> None:
    """Drop and create the database of a URL (PostgreSQL), or remove its file (SQLite)."""
    config = environ.Env.db_url_config(url)
    if config["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{config['NAME']}{suffix}").unlink(missing_ok=True)
        return
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as maintenance:
        name = sql.Identifier(config["NAME"])
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop(url: str) -> None:
    config = environ.Env.db_url_config(url)
    if config["ENGINE"].endswith("sqlite3"):
        recreate(url)
        return
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as maintenance:
        maintenance.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
        )


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> tuple[str, float]:
    """Run manage.py; its standard error (logs, progress bars) is shown on failure only, unless not quiet."""
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if quiet else None,
        text=True,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr or "")
        raise SystemExit(f"backup-check failed: manage.py {' '.join(args)} exited {done.returncode}")
    return done.stdout, seconds


def main() -> None:
    source = os.environ.get("BACKUP_CHECK_DATABASE_URL") or DEFAULT_URL
    target = target_url(source)
    work = Path(tempfile.mkdtemp(prefix="backup-check-"))
    env = {
        **os.environ,
        "VAR_DIR": str(work / "var"),
        "BACKUP_DIR": str(work / "backups"),
        "ERASURE_LOG": str(work / "backups" / "erasures.jsonl"),
        "DATABASE_URL": source,
    }
    env.pop("CELERY_BROKER_URL", None)  # tasks run eagerly: no broker needed
    keep = os.environ.get("KEEP") == "1"
    try:
        say(f"Source {source}, target {target}, files in {work}")
        recreate(source)
        recreate(target)
        manage(env, "migrate", "--noinput", "--verbosity=0")
        manage(env, "seed_demo", "--quiet", "--verbosity=0")
        backup_out, backup_seconds = manage(env, "backup", quiet=False)
        erased_pk = manage(env, "shell", "--no-imports", "-c", ERASE_ONE)[0].strip()
        manifest_path = next((work / "backups").glob("*.json"))
        restore_out, restore_seconds = manage(
            {**env, "DATABASE_URL": target}, "restore", str(manifest_path), quiet=False
        )
        still_erased = manage(
            {**env, "DATABASE_URL": target}, "shell", "--no-imports", "-c", IS_ERASED.format(pk=erased_pk)
        )
        manifest = json.loads(manifest_path.read_text())
        sys.stdout.write(backup_out + restore_out)
        if still_erased[0].strip() != "True":
            raise SystemExit(
                f"backup-check failed: nomination {erased_pk}, erased after the backup, came back."
            )
        tables = manifest["tables"]
        say(
            "\nbackup-check passed:\n"
            f"  engine            {manifest['engine_version']}\n"
            f"  tables            {len(tables)}\n"
            f"  rows              {sum(t['rows'] for t in tables.values()):,}\n"
            f"  dump size         {manifest['dump']['size']:,} bytes ({manifest['dump']['file']})\n"
            f"  backup            {backup_seconds:.1f} s (manage.py backup, process start included)\n"
            f"  restore           {restore_seconds:.1f} s (load, verification of every table, replay)\n"
            f"  erasure replayed  nomination {erased_pk}, erased after the backup, is erased in the restore"
        )
    finally:
        if keep:
            say(f"KEEP=1: kept {source}, {target} and {work}")
        else:
            drop(source)
            drop(target)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
