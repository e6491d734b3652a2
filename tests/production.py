"""A production environment for tests that need the settings as a deployment reads them.

The settings module derives its values from the environment once, at import, so these tests run Django in
a fresh Python process with the environment built here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "registry.example.org"
# Variables that change what production means; a developer's shell must not leak them into these tests.
TUNING = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "BEHIND_PROXY",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' fixture in this process; never in production
}


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The environment of a deployment at https://registry.example.org, with its var/ in tmp_path."""
    env = {name: value for name, value in os.environ.items() if name not in TUNING}
    env.update(
        DJANGO_SETTINGS_MODULE="leadership.settings",
        DEBUG="false",
        SECRET_KEY="k3Jx9-production-like-secret-for-tests-0f8a1c2e7b6d5a4c3b2a1f0e9d8c7b6a",
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        VAR_DIR=str(tmp_path / "var"),
    )
    env.update(overrides)
    return env


def run_python(
    args: list[str], env: dict[str, str], *, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run this project's Python with args in a process of its own, from the project's folder."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
