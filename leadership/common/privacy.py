"""Each app declares the personal data it holds about an account, so that one place can export and erase it.

Apps register in their AppConfig.ready(); this module imports none of them.

Erasures are also written to a journal outside the database (`settings.ERASURE_LOG`, an append-only file of
JSON lines), because the database is what a disaster takes: a backup restored from before an erasure would
bring the erased data back. `manage.py restore` replays the entries made after the backup through the
replayers that the apps register. An entry names only what was erased, never whose data it was:
`{"at": "2026-11-26T10:00:00.123456+00:00", "kind": "nomination", "id": 123}`.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]
# Erases one object again, by primary key; True when something was erased, False when it already was (or the
# object is gone). Replaying twice must change nothing the second time.
Replayer = Callable[[int], bool]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_replayers: dict[str, Replayer] = {}
# While the journal is replayed, the erasures it causes are already in the journal: they are not written again.
_replaying: ContextVar[bool] = ContextVar("erasure_replaying", default=False)


def register(section: str, *, exporter: Exporter | None = None, eraser: Eraser | None = None) -> None:
    """Declare how an app exports (to JSON-ready data) and erases what it holds about a user."""
    if exporter is not None:
        _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def export_sections(user: Any) -> dict[str, Any]:
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}


def erase_sections(user: Any) -> None:
    for _section, eraser in sorted(_erasers.items()):
        eraser(user)


# --- The erasure journal --------------------------------------------------------------------------------------


def register_replayer(kind: str, replayer: Replayer) -> None:
    """Declare how an erasure of this kind is done again after a restore (see `replay_erasures`)."""
    _replayers[kind] = replayer


def erasure_log_path() -> Path:
    return Path(settings.ERASURE_LOG)


def record_erasure(kind: str, pk: int) -> None:
    """Journal an erasure once its transaction commits (a rolled back erasure never happened).

    Call it inside the transaction that erases. Nothing is written while the journal is being replayed.
    """
    if _replaying.get():
        return
    transaction.on_commit(lambda: _append(kind, pk))


def _append(kind: str, pk: int) -> None:
    entry = {"at": datetime.datetime.now(tz=datetime.UTC).isoformat(), "kind": kind, "id": pk}
    line = (json.dumps(entry, separators=(", ", ": ")) + "\n").encode()
    path = erasure_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One write of a short line with O_APPEND, under an exclusive lock: web processes and workers append
        # to the same file without interleaving; fsync, so that a committed erasure survives a crash.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        # The erasure is committed; losing its journal entry only matters after a restore. Operators must hear.
        logger.exception("erasure_log_write_failed", extra={"kind": kind, "id": pk, "path": str(path)})


@dataclass(frozen=True)
class Erasure:
    at: datetime.datetime
    kind: str
    pk: int


def read_erasures(*, since: datetime.datetime | None = None) -> Iterator[Erasure]:
    """The journal's entries in the order they were written, those made after `since` when given.

    A line that cannot be read (a write cut short by a crash) is logged and skipped.
    """
    path = erasure_log_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                entry = Erasure(
                    at=datetime.datetime.fromisoformat(data["at"]), kind=str(data["kind"]), pk=int(data["id"])
                )
            except (ValueError, KeyError, TypeError):
                logger.warning("erasure_log_bad_line", extra={"path": str(path), "line": number})
                continue
            if since is None or entry.at >= since:
                yield entry


@dataclass
class ReplayResult:
    replayed: int = 0  # entries replayed
    erased: Counter[str] = field(default_factory=Counter)  # per kind: erased again
    already: Counter[str] = field(default_factory=Counter)  # per kind: already erased, or gone
    unknown: Counter[str] = field(default_factory=Counter)  # kinds no app replays (entries skipped)


@contextlib.contextmanager
def replaying() -> Iterator[None]:
    token = _replaying.set(True)
    try:
        yield
    finally:
        _replaying.reset(token)


def replay_erasures(
    *, since: datetime.datetime, progress: Callable[[Erasure], None] | None = None
) -> ReplayResult:
    """Erase again everything the journal says was erased after `since` (the backup's time), entry by entry.

    Each entry runs in its own transaction, so that one failing entry stops the replay with the earlier ones
    kept; running the replay again redoes nothing that is done.
    """
    result = ReplayResult()
    with replaying():
        for entry in read_erasures(since=since):
            replayer = _replayers.get(entry.kind)
            if replayer is None:
                result.unknown[entry.kind] += 1
            else:
                with transaction.atomic():
                    erased = replayer(entry.pk)
                (result.erased if erased else result.already)[entry.kind] += 1
                result.replayed += 1
            if progress is not None:
                progress(entry)
    return result
