"""With SENTRY_DSN set, an error in a view is reported with the request id and without personal data."""

from __future__ import annotations

import io
import json
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from leadership.common.sentry import scrub_event, sentry_init

pytestmark = pytest.mark.django_db

EMAIL = "nominee.private@example.org"
TOKEN = "eyJuIjo0Mn0:1uPzQk:Zx9pQ2mN7vK3bT8rW1yL5sD0fH4jG6cE"  # shaped like a signed consent link


class RecordingTransport(Transport):
    """Sentry's edge: keeps the envelopes it would have sent."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    @property
    def events(self) -> list[dict]:
        return [event for envelope in self.envelopes if (event := envelope.get_event()) is not None]


@pytest.fixture
def sentry_transport():
    scope = sentry_sdk.get_global_scope()
    previous = scope.client
    transport = RecordingTransport()
    sentry_init(
        dsn="https://public@sentry.invalid/1",
        environment="test",
        release="leadership@test",
        traces_sample_rate=0.0,
        transport=transport,
    )
    yield transport
    sentry_sdk.get_client().close()
    scope.set_client(previous)


def _wsgi_post(path: str, query: str, form: dict[str, str], headers: dict[str, str]) -> str:
    """POST through the WSGI application, as gunicorn calls it (Sentry's WSGI middleware included)."""
    body = urlencode(form).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": "testserver",
        **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()},
    }
    setup_testing_defaults(environ)
    statuses: list[str] = []
    # As Django's test client does: closing connections would end the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = get_wsgi_application()(
            environ, lambda status, _headers, _exc_info=None: statuses.append(status)
        )
        response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return statuses[0]


def test_sentry_reports_a_view_error_with_request_id_and_no_personal_data(settings, sentry_transport):
    settings.ROOT_URLCONF = "tests.observability.urls"

    status = _wsgi_post(
        f"/fail/{TOKEN}/",
        f"email={EMAIL}",
        {"nominee_email": EMAIL, "statement": "She leads the Lagos editathons."},
        {
            "X-Request-ID": "report-me-1",
            "Authorization": "Token secret-api-token",
            "Cookie": "sessionid=a-session-cookie-value",
            "X-Forwarded-For": "198.51.100.23",
        },
    )

    assert status == "500 Internal Server Error"
    [event] = sentry_transport.events
    exception = event["exception"]["values"][-1]
    assert (event["tags"]["request_id"], event["environment"], event["release"]) == (
        "report-me-1",
        "test",
        "leadership@test",
    )
    assert (exception["type"], exception["value"]) == (
        "RuntimeError",
        "could not notify [email] about /fail/{token}/",
    )
    assert event["request"] == {"method": "POST", "url": "/fail/{token}/"}
    assert "user" not in event
    sent = json.dumps(event)
    for private in (
        EMAIL,
        "nominee.private",
        TOKEN,
        "Lagos",
        "session-cookie",
        "secret-api-token",
        "198.51.100",
    ):
        assert private not in sent
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])


def test_sentry_scrub_keeps_what_helps_and_drops_addresses_and_tokens():
    event = {
        "transaction": "/nominations/consent/{token}/",
        "transaction_info": {"source": "route"},
        "request": {
            "url": f"http://testserver/en/nominations/consent/{TOKEN}/",
            "method": "GET",
            "query_string": f"email={EMAIL}",
            "headers": {"Cookie": "sessionid=x"},
            "data": {"email": EMAIL},
        },
        "user": {"email": EMAIL},
        "logentry": {"message": "Internal Server Error: %s", "params": [f"/en/nominations/consent/{TOKEN}/"]},
        "breadcrumbs": {"values": [{"message": f"wrote to <{EMAIL}>", "category": "log"}]},
        "exception": {
            "values": [{"type": "IntegrityError", "value": f"Key (email)=({EMAIL}) already exists."}]
        },
    }

    scrubbed = scrub_event(event, {})

    assert scrubbed == {
        "transaction": "/nominations/consent/{token}/",
        "transaction_info": {"source": "route"},
        "request": {"method": "GET", "url": "/nominations/consent/{token}/"},
        "logentry": {"message": "Internal Server Error: %s", "params": ["/nominations/consent/{token}/"]},
        "breadcrumbs": {"values": [{"message": "wrote to <[email]>", "category": "log"}]},
        "exception": {
            "values": [{"type": "IntegrityError", "value": "Key (email)=([email]) already exists."}]
        },
    }


def test_sentry_is_off_without_a_dsn(settings):
    assert settings.SENTRY_DSN == ""
    assert sentry_sdk.get_client().is_active() is False
