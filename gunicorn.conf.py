"""gunicorn's settings, the same wherever the site is served: the image (Dockerfile), docker-compose.yml,
`make bench` and `make soak` all start `gunicorn -c gunicorn.conf.py` (the bench and the soak add
`--bind 127.0.0.1:PORT`, which the command line may override).

- The application is loaded once in the master (`preload_app`) and the workers are forked from it, so
  they share its memory pages: the code, the URL resolvers, the compiled catalogues.
- Before forking, the master collects its garbage once and freezes what is left (`gc.freeze()`): those
  objects move to a permanent generation that no collection scans, so the workers neither pay for
  scanning them nor copy their pages by touching reference counts in the collector.
- In each worker, the collector runs less often (`gc.set_threshold`): the default (700, 10, 10) runs a
  young collection every 700 allocations, which a page of 50 rows reaches many times, and the older
  generations after that; the tails of the response times were partly the collector (issue 13).

Environment (defaults in brackets): WEB_CONCURRENCY worker processes [2 * CPUs + 1, at most 8];
GUNICORN_THREADS threads per worker [1: sync workers; above 1 gunicorn uses gthread]; GUNICORN_BIND
[0.0.0.0:8000]; GUNICORN_TIMEOUT [30] and GUNICORN_GRACEFUL_TIMEOUT [30] seconds; GC_THRESHOLDS, the three
thresholds of gc.set_threshold [50000,20,100].
"""

from __future__ import annotations

import gc
import os
from typing import Any

DEFAULT_GC_THRESHOLDS = (50_000, 20, 100)


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def gc_thresholds(value: str | None = None) -> tuple[int, int, int]:
    """GC_THRESHOLDS ("50000,20,100") as gc.set_threshold takes them; the defaults when empty."""
    text = (os.environ.get("GC_THRESHOLDS", "") if value is None else value).strip()
    if not text:
        return DEFAULT_GC_THRESHOLDS
    parts = [int(part) for part in text.split(",")]
    if len(parts) != 3 or parts[0] < 1 or min(parts) < 0:
        raise ValueError(f"GC_THRESHOLDS takes three whole numbers, the first above 0, not {text!r}")
    return parts[0], parts[1], parts[2]


wsgi_app = "leadership.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = _int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
preload_app = True
accesslog = None  # the application logs each request itself (leadership.requests)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's heartbeat files

gc_thresholds()  # a wrong GC_THRESHOLDS stops the master at start, not every worker after forking


def when_ready(server: Any) -> None:
    """Once, in the master, after the application was loaded and before the first fork: close the database
    connections loading may have opened (a worker must not share its parent's socket), collect, freeze."""
    from django.db import connections

    connections.close_all()
    gc.collect()
    gc.freeze()


def pre_fork(server: Any, worker: Any) -> None:
    """Before every fork (replacement workers too): freeze what the master allocated since."""
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    """In the new worker: the tuned thresholds of the collector."""
    gc.set_threshold(*gc_thresholds())


def child_exit(server: Any, worker: Any) -> None:
    """With PROMETHEUS_MULTIPROC_DIR, a dead worker's live gauges stop counting (prometheus_client)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
