"""With the broker down a nomination is still accepted; its emails go out once the broker is back.

The broker is a Redis server this test starts on a port of its own (never the shared one) and stops.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections
from post_office.models import STATUS, Email

from leadership.common.emails import schedule_delivery
from nominations import services
from nominations.enums import NominationState
from tests.factories import UserFactory
from tests.factories.nominations import NominationCallFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS_SERVER = shutil.which("redis-server")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server process of this test: started and stopped on one port, with no persistence."""

    def __init__(self, folder):
        self.port = _free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                *("--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("the test's redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path):
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = OwnRedis(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def warnings_logged():
    messages = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("leadership")
    logger.addHandler(handler)
    yield messages
    logger.removeHandler(handler)


@pytest.fixture
def celery_on(settings, own_redis):
    """The project's Celery app pointed at the test's own Redis (restored afterwards)."""
    from leadership.celery import app

    saved = {key: app.conf.changes.get(key) for key in ("broker_url", "task_always_eager")}
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def reset():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.__dict__.pop("amqp", None)

    app.conf.update(
        broker_url=own_redis.url,
        task_always_eager=False,
        worker_hijack_root_logger=False,
        worker_enable_remote_control=False,
        worker_send_task_events=False,
        broker_connection_retry_on_startup=False,
    )
    reset()
    yield app
    for key, value in saved.items():
        if value is None:
            app.conf.changes.pop(key, None)
        else:
            app.conf[key] = value
    reset()


def _close_connections(**_kwargs):
    connections.close_all()


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_nomination_is_accepted_with_the_broker_down_and_its_email_goes_out_when_back(
    own_redis, celery_on, warnings_logged, django_capture_on_commit_callbacks
):
    call = NominationCallFactory()
    nominator = UserFactory(username="nominator")
    # The broker is down (its port answers nothing): the nomination is still taken.
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nomination_submit(
            call=call,
            data={
                "nominee_name": "Ana",
                "nominee_email": "ana@example.org",
                "statement": "Ran the Wiki Loves Monuments jury.",
                "language": "es",
            },
            nominator=nominator,
        )
    elapsed = time.monotonic() - started

    assert nomination.state == NominationState.INVITED
    assert elapsed < 10
    assert "email_delivery_deferred" in warnings_logged
    assert list(Email.objects.values_list("to", "status")) == [(["ana@example.org"], STATUS.queued)]
    assert mail.outbox == []

    # The broker comes back: the next delivery request (a request, or beat's periodic task) reaches a worker.
    own_redis.start()
    task_postrun.connect(_close_connections, weak=False)
    try:
        with start_worker(celery_on, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            schedule_delivery()
            delivered = _wait_for(lambda: len(mail.outbox) == 1)
    finally:
        task_postrun.disconnect(_close_connections)

    assert delivered is True
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.extra_headers["Content-Language"] == "es"
    assert "/es/nominations/consent/" in message.body
    assert list(Email.objects.values_list("status", flat=True)) == [STATUS.sent]
