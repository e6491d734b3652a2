"""docker-compose.yml: web and worker count into one shared, in-memory folder (multiprocess metrics)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.unit

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def test_compose_web_and_worker_share_the_multiprocess_metrics_folder():
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    services = compose["services"]
    folder = services["web"]["environment"]["PROMETHEUS_MULTIPROC_DIR"]

    assert folder == "/app/var/metrics"
    for name in ("web", "worker"):
        assert services[name]["environment"]["PROMETHEUS_MULTIPROC_DIR"] == folder, name
        assert f"metrics:{folder}" in services[name]["volumes"], name
    assert compose["volumes"]["metrics"] == {
        "driver_opts": {"type": "tmpfs", "device": "tmpfs", "o": "uid=10001,gid=10001,mode=0700"}
    }
