"""A broker outage delays an email and never loses it nor breaks the request that caused it."""

import logging

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from post_office.models import STATUS, Email

from leadership.common.emails import email_queue
from leadership.common.enums import EmailKind
from leadership.common.tasks import send_pending_emails

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase-77"
DEAD_BROKER = "redis://127.0.0.1:6/0"  # port 6: nothing listens there


@pytest.fixture
def warnings_logged():
    """The messages the "leadership" logger writes (it does not propagate to pytest's caplog)."""
    messages: list[str] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("leadership")
    logger.addHandler(handler)
    yield messages
    logger.removeHandler(handler)


@pytest.fixture
def broker_down(settings, celery_conf):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = DEAD_BROKER
    return celery_conf(broker_url=DEAD_BROKER, task_always_eager=False)


@pytest.fixture
def publishes(monkeypatch):
    """The options of every attempt to hand the outbox task to the broker (the real call still runs)."""
    attempts: list[dict] = []
    real_apply_async = send_pending_emails.apply_async

    def recording_apply_async(*args, **options):
        attempts.append(options)
        return real_apply_async(*args, **options)

    monkeypatch.setattr(send_pending_emails, "apply_async", recording_apply_async)
    return attempts


def test_signup_with_broker_down_answers_and_keeps_email_queued(
    client, broker_down, warnings_logged, publishes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("account_signup"),
            {"email": "grace@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )

    assert (response.status_code, response.url) == (302, reverse("account_email_verification_sent"))
    # The request waits for one connection attempt (bounded by the broker's connect timeout), never retries.
    assert publishes == [{"retry": False}]
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] <= 2
    assert len(callbacks) == 1
    assert warnings_logged == ["email_delivery_deferred"]
    assert list(Email.objects.values_list("to", "status")) == [(["grace@example.org"], STATUS.queued)]
    assert mail.outbox == []


def test_email_queued_during_outage_is_sent_by_the_periodic_task(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to="ada@example.org", kind=EmailKind.MEMBERSHIP, subject="Welcome", body="Hello")

    sent = send_pending_emails()

    email.refresh_from_db()
    assert (sent, email.status) == (1, STATUS.sent)
    assert [(message.to, message.subject) for message in mail.outbox] == [(["ada@example.org"], "Welcome")]
