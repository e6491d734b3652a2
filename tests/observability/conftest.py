"""Fixtures of the observability tests: a configured scraper and a reader of the exposition format."""

from __future__ import annotations

import logging

import pytest
from celery import shared_task
from kombu import pools
from prometheus_client.parser import text_string_to_metric_families

from leadership.common.logging import RequestIdFilter
from tests.common.conftest import celery_conf  # noqa: F401 - the real-worker test's fixtures
from tests.common.test_celery_worker import redis_client, worker_app  # noqa: F401 - as above

TOKEN = "a-scraper-token-for-tests-only"


@pytest.fixture
def scraper(settings, client):
    """GET /metrics as the configured scraper; returns the body's samples as {(name, labels): value}."""
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []

    def scrape() -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
        response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.content
        return samples(response.content.decode())

    return scrape


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(found: dict, name: str, **labels: str) -> float:
    """A sample's value, 0 when the series does not exist yet (a counter that never moved)."""
    return found.get((name, frozenset(labels.items())), 0.0)


@shared_task(name="tests.observability.fail")
def failing_task() -> None:
    raise RuntimeError("a deliberate task failure")


class ListHandler(logging.Handler):
    """Keeps the records it is given, after the project's request id filter (as the console handler)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.addFilter(RequestIdFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log_records():
    """Records of the named loggers at INFO and above, as the project's handlers would see them."""
    handler = ListHandler()
    attached: list[tuple[logging.Logger, int]] = []

    def capture(*names: str) -> list[logging.LogRecord]:
        for name in names:
            logger = logging.getLogger(name)
            attached.append((logger, logger.level))
            logger.setLevel(logging.INFO)
            logger.addHandler(handler)
        return handler.records

    yield capture
    for logger, level in attached:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture
def eager_tasks(request):
    """Tasks run in the caller, as without a broker, whatever earlier tests left in the Celery app.

    The app copies the Django settings once, when its configuration is first read, so a test that set a
    dead broker and eager mode off at that moment leaves them for the session; and kombu keeps closed
    producer pools per broker address. Eager tasks still take a producer (to serialise their arguments):
    the in-memory transport gives one without a server.
    """
    configure = request.getfixturevalue("celery_conf")  # tests/common's fixture, imported above
    pools.reset()
    yield configure(task_always_eager=True, broker_url="memory://")
    pools.reset()


@pytest.fixture
def fresh_broker_pools():
    """kombu keeps one producer pool per broker address for the process; an earlier real-worker test may
    have closed the pool of the same Redis, so this test starts from new ones."""
    pools.reset()
    yield
    pools.reset()
