"""A real Celery worker on a real Redis sends the email a sign-up wrote to the outbox."""

import os
import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections
from django.urls import reverse
from post_office.models import STATUS, Email

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# A database number of its own on the shared Redis; the test deletes only the keys of its own queue.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
PASSWORD = "a-long-and-unusual-passphrase-77"


@pytest.fixture
def redis_client():
    """The test's Redis; unreachable skips the test, except in CI (CI=true), where it fails."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis at {REDIS_URL} is unreachable in CI: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {error}")
    yield client
    client.close()


@pytest.fixture
def worker_app(settings, celery_conf, redis_client):
    """The project's Celery app on Redis with a queue unique to this run; its keys are deleted after."""
    queue = f"leadership-test-{uuid.uuid4().hex}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app = celery_conf(
        broker_url=REDIS_URL,
        task_always_eager=False,
        task_default_queue=queue,
        worker_hijack_root_logger=False,
        worker_enable_remote_control=False,
        worker_send_task_events=False,
        broker_connection_retry_on_startup=False,
    )
    yield app
    own_keys = {queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"}
    for pattern in (f"{queue}*", f"_kombu.binding*{queue}*"):
        own_keys.update(key.decode() for key in redis_client.scan_iter(match=pattern))
    redis_client.delete(*own_keys)


def _close_worker_connections(**_kwargs):
    """The worker thread's database connections close after each task, so the test database can go."""
    connections.close_all()


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_celery_worker_sends_signup_email_from_outbox(client, worker_app):
    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(worker_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            response = client.post(
                reverse("account_signup"),
                {"email": "grace@example.org", "password1": PASSWORD, "password2": PASSWORD},
            )
            delivered = _wait_for(lambda: len(mail.outbox) == 1)
    finally:
        task_postrun.disconnect(_close_worker_connections)

    assert (response.status_code, delivered) == (302, True)
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["grace@example.org"], "Please Confirm Your Email Address")
    ]
    assert list(Email.objects.values_list("status", flat=True)) == [STATUS.sent]
