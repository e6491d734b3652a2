"""/metrics: only the configured scraper gets it; requests, tasks, the outbox and waitlists are counted."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from leadership.common.tasks import send_pending_emails
from tests.factories.training import EnrollmentFactory, TrainingSessionFactory
from training.enums import EnrollmentState

from .conftest import TOKEN, failing_task, value

pytestmark = pytest.mark.django_db


# --- Access ------------------------------------------------------------------------------------------
def test_metrics_unconfigured_answers_404_even_with_a_token_and_to_post(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []

    statuses = [
        client.get("/metrics").status_code,
        client.get("/metrics", headers={"Authorization": "Bearer anything"}).status_code,
        client.post("/metrics").status_code,
    ]

    assert statuses == [404, 404, 404]


@pytest.mark.parametrize(
    ("authorization", "expected"),
    [
        (None, 401),
        ("Bearer ", 401),
        ("Basic " + TOKEN, 401),
        ("Bearer wrong-token", 403),
        ("Bearer " + TOKEN + "x", 403),
        ("Bearer " + TOKEN, 200),
        ("bearer " + TOKEN, 200),
    ],
)
def test_metrics_token(client, settings, authorization, expected):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get("/metrics", headers=headers)

    assert response.status_code == expected
    if expected == 401:
        assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'


@pytest.mark.parametrize(
    ("allowed", "remote_addr", "expected"),
    [
        (["10.0.0.5"], "10.0.0.5", 200),
        (["10.0.0.5"], "10.0.0.6", 403),
        (["10.0.0.0/24", "::1"], "10.0.0.77", 200),
        (["10.0.0.0/24", "::1"], "::1", 200),
        (["10.0.0.0/24"], "192.168.0.1", 403),
    ],
)
def test_metrics_allowed_addresses(client, settings, allowed, remote_addr, expected):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = allowed

    assert client.get("/metrics", REMOTE_ADDR=remote_addr).status_code == expected


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded_for", "expected"),
    [
        (True, "203.0.113.9, 10.0.0.5", 200),  # the proxy appended the scraper's address
        (True, "10.0.0.5, 203.0.113.9", 403),  # an address a client wrote first is not believed
        (False, "10.0.0.5", 403),  # without a proxy the header is the client's word
    ],
)
def test_metrics_allowed_addresses_behind_proxy(client, settings, behind_proxy, forwarded_for, expected):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    settings.BEHIND_PROXY = behind_proxy

    response = client.get("/metrics", REMOTE_ADDR="172.16.0.2", headers={"X-Forwarded-For": forwarded_for})

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("authorization", "remote_addr", "expected"),
    [
        ("Bearer " + TOKEN, "10.0.0.5", 200),
        ("Bearer " + TOKEN, "10.0.0.6", 403),
        ("Bearer no", "10.0.0.5", 403),
    ],
)
def test_metrics_token_and_addresses_both_required(client, settings, authorization, remote_addr, expected):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]

    response = client.get("/metrics", REMOTE_ADDR=remote_addr, headers={"Authorization": authorization})

    assert response.status_code == expected


def test_metrics_scraper_gets_the_exposition_format_uncached(client, settings):
    settings.METRICS_TOKEN = TOKEN

    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    openmetrics = client.get(
        "/metrics", headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/openmetrics-text"}
    )

    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert b"# TYPE leadership_email_outbox_emails gauge" in response.content
    assert openmetrics["Content-Type"] == "application/openmetrics-text; version=1.0.0; charset=utf-8"
    assert openmetrics.content.endswith(b"# EOF\n")


# --- Requests ----------------------------------------------------------------------------------------
def test_metrics_count_requests_by_view_and_status_with_latency(client, scraper):
    before = scraper()

    assert client.get(reverse("home")).status_code == 200
    assert client.get("/en/no-such-page/").status_code == 404
    after = scraper()

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert (
        moved(
            "django_http_responses_total_by_status_view_method_total", status="200", view="home", method="GET"
        )
        == 1
    )
    assert moved("django_http_responses_total_by_status_total", status="404") == 1
    assert moved("django_http_requests_latency_seconds_by_view_method_count", view="home", method="GET") == 1
    assert (
        moved(
            "django_http_requests_latency_seconds_by_view_method_bucket", view="home", method="GET", le="+Inf"
        )
        == 1
    )


# --- Tasks -------------------------------------------------------------------------------------------
def test_metrics_count_task_successes_and_failures(scraper, eager_tasks):
    before = scraper()

    send_pending_emails.delay()
    send_pending_emails.delay()
    # A worker never raises a task's error to its caller; eager tasks do (CELERY_TASK_EAGER_PROPAGATES),
    # which skips the failure signal, so this one runs as the worker would.
    failed = failing_task.apply(throw=False)
    after = scraper()

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert [
        moved("leadership_celery_tasks_total", task="common.send_pending_emails", outcome="success"),
        moved("leadership_celery_tasks_total", task="common.send_pending_emails", outcome="failure"),
        moved("leadership_celery_tasks_total", task="tests.observability.fail", outcome="failure"),
        moved("leadership_celery_tasks_total", task="tests.observability.fail", outcome="success"),
        moved("leadership_celery_task_duration_seconds_count", task="common.send_pending_emails"),
    ] == [2, 0, 1, 0, 2]
    assert (failed.state, str(failed.result)) == ("FAILURE", "a deliberate task failure")


# --- Outbox and waitlists, read at scrape time -------------------------------------------------------
def _email(status: int, **fields) -> Email:
    return Email.objects.create(
        from_email="noreply@leadership.invalid",
        to=["someone@example.org"],
        subject="s",
        status=status,
        **fields,
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_metrics_outbox_gauges_in_constant_queries(scraper, django_assert_num_queries, rows):
    for _ in range(rows):
        _email(STATUS.queued)
        _email(STATUS.failed)
    _email(STATUS.sent)
    hour_ago = timezone.now() - timezone.timedelta(hours=1)
    Email.objects.filter(pk=_email(STATUS.requeued).pk).update(created=hour_ago)

    with django_assert_num_queries(2):  # the outbox's aggregate and the waitlists' aggregate
        found = scraper()

    assert {
        status: value(found, "leadership_email_outbox_emails", status=status)
        for status in ("sent", "failed", "queued", "requeued")
    } == {"sent": 1, "failed": rows, "queued": rows, "requeued": 1}
    assert 3600 <= value(found, "leadership_email_outbox_oldest_queued_age_seconds") < 3660


@pytest.mark.parametrize("rows", [1, 3])
def test_metrics_waitlist_gauges_in_constant_queries(scraper, django_assert_num_queries, rows):
    full = TrainingSessionFactory(capacity=1)
    other = TrainingSessionFactory(capacity=1)
    ended = TrainingSessionFactory(
        starts_at=timezone.now() - timezone.timedelta(days=2),
        ends_at=timezone.now() - timezone.timedelta(days=1),
    )
    for position in range(1, rows + 1):
        EnrollmentFactory(session=full, state=EnrollmentState.WAITLISTED, waitlist_position=position)
    EnrollmentFactory(session=other, state=EnrollmentState.WAITLISTED, waitlist_position=1)
    EnrollmentFactory(session=ended, state=EnrollmentState.WAITLISTED, waitlist_position=1)
    EnrollmentFactory(session=other)  # confirmed: not waiting

    with django_assert_num_queries(2):
        found = scraper()

    assert [
        value(found, "leadership_training_waitlisted_enrollments"),
        value(found, "leadership_training_sessions_with_waitlist"),
        value(found, "leadership_training_longest_waitlist"),
    ] == [rows + 1, 2, rows]


def test_metrics_empty_database_reports_zeros(scraper):
    found = scraper()

    assert [
        value(found, "leadership_email_outbox_emails", status="queued"),
        value(found, "leadership_email_outbox_oldest_queued_age_seconds"),
        value(found, "leadership_training_waitlisted_enrollments"),
        value(found, "leadership_training_longest_waitlist"),
    ] == [0, 0, 0, 0]
    assert ("leadership_email_outbox_emails", frozenset({("status", "queued")})) in found
