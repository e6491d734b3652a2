"""With PROMETHEUS_MULTIPROC_DIR, a scrape adds up the counters of every process (gunicorn's, Celery's)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import samples, value

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]

# Two forked processes count tasks, as a Celery pool's children do; then a third scrapes, as a web process.
SCRIPT = textwrap.dedent(
    """
    import multiprocessing

    import django

    django.setup()
    from django.test import RequestFactory

    from leadership.common.metrics import TASKS, metrics_response


    def run_tasks(count):
        for _ in range(count):
            TASKS.labels(task="tests.counted", outcome="success").inc()


    processes = [multiprocessing.get_context("fork").Process(target=run_tasks, args=(n,)) for n in (2, 3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print(metrics_response(RequestFactory().get("/metrics"), []).content.decode())
    """
)


def test_metrics_add_up_the_counters_of_several_processes(tmp_path):
    folder = tmp_path / "metrics"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "SENTRY_DSN"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="leadership.settings",
        PROMETHEUS_MULTIPROC_DIR=str(folder),  # the settings create it
        VAR_DIR=str(tmp_path / "var"),
    )

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    found = samples(result.stdout)
    assert value(found, "leadership_celery_tasks_total", task="tests.counted", outcome="success") == 5
    assert len(list(folder.glob("counter_*.db"))) == 2
