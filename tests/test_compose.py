"""docker-compose.yml and the Dockerfile describe the production stack (no Docker engine runs here).

The file is validated against the Compose specification, then read for the wiring the design asks for.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
APP_SERVICES = ["migrate", "web", "worker", "beat"]
DEFAULT = re.compile(r"\$\{(\w+):-([^}]*)\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _with_defaults(value: str) -> str:
    """Interpolate ${NAME:-default} with its default, as `docker compose` does when NAME is unset."""
    return DEFAULT.sub(lambda match: match.group(2), value)


def _check_jsonschema() -> str:
    beside = Path(sys.executable).with_name("check-jsonschema")
    found = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    assert found, "check-jsonschema is a development dependency (requirements/dev.lock)"
    return found


def test_compose_file_validates_against_compose_specification():
    result = subprocess.run(
        [_check_jsonschema(), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_compose_services_are_the_whole_stack(compose):
    assert sorted(compose["services"]) == ["beat", "migrate", "postgres", "redis", "web", "worker"]


def test_compose_app_services_are_wired_by_environment(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        environment = service["environment"]

        assert service["env_file"] == [{"path": ".env", "required": True}], name
        assert environment["DATABASE_URL"].startswith("postgres://leadership:"), name
        assert environment["DATABASE_URL"].endswith("@postgres:5432/leadership"), name
        assert (environment["CELERY_BROKER_URL"], environment["CACHE_URL"]) == (
            "redis://redis:6379/0",
            "redis://redis:6379/1",
        ), name
        assert {"ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL"} <= set(environment), name
        assert environment["DEBUG"] == "false", name


def test_compose_env_example_provides_the_required_variables():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    required = set(re.findall(r"\$\{(\w+):\?", COMPOSE.read_text(encoding="utf-8")))

    assert sorted(required) == ["ALLOWED_HOSTS", "EMAIL_URL", "POSTGRES_PASSWORD", "SITE_URL"]
    assert sorted(required - defined) == []
    assert "SECRET_KEY" in defined


def test_compose_web_runs_gunicorn_with_several_workers_and_ready_healthcheck(compose):
    web = compose["services"]["web"]
    workers = int(_with_defaults(web["environment"]["WEB_CONCURRENCY"]))

    assert web["command"] == ["gunicorn", "-c", "gunicorn.conf.py"]
    assert workers >= 2
    assert _with_defaults(web["environment"]["GUNICORN_THREADS"]) == "1"
    assert web["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck.py", "/healthz/ready"]


def test_gunicorn_conf_is_the_one_every_server_uses():
    """The image, compose, the bench and the soak all start gunicorn with the repository's config file."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    soak = (ROOT / "scripts" / "soak" / "run.sh").read_text(encoding="utf-8")
    bench_driver = (ROOT / "leadership" / "bench" / "driver.py").read_text(encoding="utf-8")

    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py"]' in dockerfile
    assert '"$BIN/gunicorn" -c gunicorn.conf.py ' in soak
    assert '"-m", "gunicorn", "-c", str(cwd / CONFIG_FILE)' in bench_driver
    assert 'CONFIG_FILE = "gunicorn.conf.py"' in bench_driver
    for text in (dockerfile, soak, bench_driver):
        assert "leadership.wsgi:application" not in text  # the config file names the application


def _gunicorn_config(monkeypatch, **environment):
    """gunicorn.conf.py's settings as gunicorn reads them, under the given environment."""
    from gunicorn.config import Config

    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND", "GUNICORN_TIMEOUT", "GC_THRESHOLDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    for key, value in namespace.items():
        if key in config.settings:
            config.set(key, value)
    return config, namespace


def test_gunicorn_conf_preloads_and_reads_workers_and_threads_from_the_environment(monkeypatch):
    config, namespace = _gunicorn_config(monkeypatch, WEB_CONCURRENCY="4", GUNICORN_THREADS="2")

    assert config.preload_app is True
    assert config.wsgi_app == "leadership.wsgi:application"
    assert (config.workers, config.threads, config.timeout) == (4, 2, 30)
    assert config.bind == ["0.0.0.0:8000"]
    assert {"when_ready", "pre_fork", "post_fork", "child_exit"} <= set(namespace)

    defaults, _namespace = _gunicorn_config(monkeypatch)
    assert 2 <= defaults.workers <= 8
    assert defaults.threads == 1


def test_gunicorn_conf_freezes_before_forking_and_tunes_the_collector_after(monkeypatch):
    import gc

    _config, namespace = _gunicorn_config(monkeypatch, GC_THRESHOLDS="40000,15,90")
    thresholds = gc.get_threshold()
    frozen = gc.get_freeze_count()
    try:
        namespace["when_ready"](None)
        namespace["pre_fork"](None, None)
        assert gc.get_freeze_count() > frozen
        namespace["post_fork"](None, None)
        assert gc.get_threshold() == (40_000, 15, 90)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@pytest.mark.parametrize("value", ["1,2", "0,10,10", "a,b,c"])
def test_gunicorn_conf_refuses_wrong_gc_thresholds(monkeypatch, value):
    with pytest.raises(ValueError):  # noqa: PT011 - int() and the config raise different messages
        _gunicorn_config(monkeypatch, GC_THRESHOLDS=value)


def test_compose_worker_and_beat_run_celery_with_database_scheduler(compose):
    worker = compose["services"]["worker"]["command"]
    beat = compose["services"]["beat"]["command"]

    assert worker[:4] == ["celery", "-A", "leadership", "worker"]
    assert beat[:4] == ["celery", "-A", "leadership", "beat"]
    assert "--scheduler=django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_compose_migrations_run_once_before_the_app_starts(compose):
    services = compose["services"]

    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    for name in ["web", "worker", "beat"]:
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }, name


def test_compose_postgres_and_redis_keep_data_and_report_health(compose):
    postgres = compose["services"]["postgres"]
    redis = compose["services"]["redis"]

    assert (postgres["image"], redis["image"]) == ("postgres:16", "redis:7")
    assert postgres["volumes"] == ["postgres-data:/var/lib/postgresql/data"]
    assert postgres["healthcheck"]["test"][0] == "CMD-SHELL"
    assert "pg_isready" in postgres["healthcheck"]["test"][1]
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert sorted(compose["volumes"]) == ["media", "metrics", "postgres-data", "redis-data"]


def test_dockerfile_builds_a_non_root_image_from_the_lock():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split(None, 1) for line in dockerfile.splitlines() if re.match(r"^[A-Z]+\s", line)]
    keywords = [keyword for keyword, _rest in instructions]
    user = next(rest for keyword, rest in instructions if keyword == "USER")

    assert instructions[0] == ["FROM", "python:3.11-slim"]
    assert "pip install --requirement requirements/base.lock" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert "compilemessages" in dockerfile
    assert "gettext" in dockerfile
    assert not user.startswith(("root", "0"))
    assert keywords.index("USER") > max(i for i, keyword in enumerate(keywords) if keyword == "RUN")
    assert (
        next(rest for keyword, rest in instructions if keyword == "CMD")
        == '["gunicorn", "-c", "gunicorn.conf.py"]'
    )
    assert "WEB_CONCURRENCY=3" in dockerfile
