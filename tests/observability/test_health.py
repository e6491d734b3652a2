"""/healthz/ready reports the outbox: its backlog, the oldest waiting email's age and the failed emails."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

pytestmark = pytest.mark.django_db


def _emails(status: int, count: int) -> None:
    Email.objects.bulk_create(
        Email(from_email="noreply@leadership.invalid", to=["someone@example.org"], subject="s", status=status)
        for _ in range(count)
    )


def test_ready_reports_an_empty_outbox(client):
    response = client.get(reverse("health_ready"))

    assert (response.status_code, response.json()) == (
        200,
        {
            "status": "ok",
            "checks": {
                "database": "ok",
                "broker": "eager",
                "outbox": "ok",
                "outbox_backlog": 0,
                "outbox_oldest_queued_seconds": None,
                "outbox_failed": 0,
            },
        },
    )


@pytest.mark.parametrize(("waiting", "outbox"), [(2, "ok"), (3, "ok"), (4, "backlog")])
def test_ready_reports_a_backlog_above_the_threshold_and_stays_200(client, settings, waiting, outbox):
    settings.OUTBOX_BACKLOG_WARN = 3
    _emails(STATUS.queued, waiting - 1)
    _emails(STATUS.requeued, 1)
    _emails(STATUS.failed, 2)
    _emails(STATUS.sent, 5)
    Email.objects.filter(status=STATUS.requeued).update(
        created=timezone.now() - timezone.timedelta(minutes=10)
    )

    response = client.get(reverse("health_ready"))
    checks = response.json()["checks"]

    assert (response.status_code, response.json()["status"]) == (200, "ok")
    assert (checks["outbox"], checks["outbox_backlog"], checks["outbox_failed"]) == (outbox, waiting, 2)
    assert 600 <= checks["outbox_oldest_queued_seconds"] < 660


def test_ready_reads_the_outbox_in_one_query(client, django_assert_num_queries):
    _emails(STATUS.queued, 3)

    with django_assert_num_queries(2):  # SELECT 1, then the outbox's aggregate
        response = client.get(reverse("health_ready"))

    assert response.json()["checks"]["outbox_backlog"] == 3
