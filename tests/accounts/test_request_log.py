"""The JSON access log records requests without personal data: no address, password or IP."""

import json
import logging

import pytest
from django.urls import reverse

from leadership.common.logging import JsonFormatter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def request_log():
    """Every line the request logger writes, formatted as in production."""
    handler = _Lines()
    logger = logging.getLogger("leadership.requests")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def test_request_log_of_login_post_has_no_personal_data(client, request_log, password):
    UserFactory(username="grace", email="grace.hopper@example.org")

    client.post(
        reverse("account_login") + "?next=/en/me/",
        {"login": "grace.hopper@example.org", "password": password},
        REMOTE_ADDR="198.51.100.23",
        HTTP_X_REQUEST_ID="login-request",  # a fixed id: a random hex one could contain "ada" by chance
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) GraceBrowser/1",
    )

    assert len(request_log) == 1
    entry = json.loads(request_log[0])
    assert {key: entry[key] for key in ("logger", "message", "method", "route", "view", "status")} == {
        "logger": "leadership.requests",
        "message": "request",
        "method": "POST",
        "route": "en/accounts/login/",
        "view": "account_login",
        "status": 302,
    }
    for secret in ("grace", "example.org", password, "198.51.100.23", "GraceBrowser", "next="):
        assert secret not in request_log[0]


def test_request_log_of_failed_login_has_no_personal_data(client, request_log):
    client.post(
        reverse("account_login"),
        {"login": "ada.lovelace@example.org", "password": "a-wrong-guess-99"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_REQUEST_ID="failed-login-request",
    )

    assert [(json.loads(line)["status"], json.loads(line)["request_id"]) for line in request_log] == [
        (200, "failed-login-request")
    ]
    for secret in ("ada", "lovelace", "a-wrong-guess-99", "203.0.113.9"):
        assert secret not in request_log[0]
