"""A real Celery worker on Redis: the request id travels in the task's headers; failures are counted."""

from __future__ import annotations

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core.cache import cache
from django.urls import reverse
from prometheus_client import REGISTRY

from tests.common.test_celery_worker import PASSWORD, _close_worker_connections, _wait_for

from .conftest import failing_task

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _failures() -> float:
    labels = {"task": "tests.observability.fail", "outcome": "failure"}
    return REGISTRY.get_sample_value("leadership_celery_tasks_total", labels) or 0.0


@pytest.mark.usefixtures("fresh_broker_pools")
def test_worker_task_logs_carry_the_id_of_the_request_that_queued_it(client, worker_app, log_records):
    cache.clear()  # allauth's rate limits live in the cache
    failures_before = _failures()
    records: list = []

    def in_task() -> list:
        return [r for r in records if getattr(r, "task_name", None) == "common.send_pending_emails"]

    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(worker_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            records = log_records("post_office")  # after the worker's start, which applies LOGGING again
            response = client.post(
                reverse("account_signup"),
                {"email": "grace@example.org", "password1": PASSWORD, "password2": PASSWORD},
                headers={"X-Request-ID": "queued-by-signup-9"},
            )
            sent = _wait_for(lambda: any("1 sent" in r.getMessage() for r in in_task()))
            failing_task.delay()  # outside any request: its message carries no request id
            failed = _wait_for(lambda: _failures() == failures_before + 1)
    finally:
        task_postrun.disconnect(_close_worker_connections)

    assert (response.status_code, sent, failed) == (302, True, True)
    assert {r.request_id for r in in_task()} == {"queued-by-signup-9"}
    assert {r.task_id for r in in_task()} != {None}
