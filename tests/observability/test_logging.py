"""Every log line of a request, and of the tasks it queued, carries the request's id."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from leadership.common.logging import JsonFormatter, current_request_id
from leadership.common.middleware import RequestLogMiddleware

PASSWORD = "a-long-and-unusual-passphrase-77"


def _logging_view(request):
    logging.getLogger("leadership.tests").info("inside the view", extra={"answer": 42})
    return HttpResponse("ok")


def test_request_id_is_on_every_log_line_of_the_request(log_records):
    records = log_records("leadership.tests", "leadership.requests")
    middleware = RequestLogMiddleware(_logging_view)

    response = middleware(RequestFactory().get("/", headers={"X-Request-ID": "proxy-id-42"}))

    assert [(record.getMessage(), record.request_id) for record in records] == [
        ("inside the view", "proxy-id-42"),
        ("request", "proxy-id-42"),
    ]
    assert response["X-Request-ID"] == "proxy-id-42"
    assert current_request_id() is None  # reset once the request is over
    line = json.loads(JsonFormatter().format(records[0]))
    assert (line["message"], line["request_id"], line["answer"]) == ("inside the view", "proxy-id-42", 42)


@pytest.mark.parametrize("given", ["", "has spaces", "x" * 65, 'quote"and<tag>', "line\nbreak"])
def test_request_id_not_shaped_like_an_id_is_replaced(log_records, given):
    records = log_records("leadership.tests")

    response = RequestLogMiddleware(_logging_view)(RequestFactory().get("/", headers={"X-Request-ID": given}))

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert [record.request_id for record in records] == [response["X-Request-ID"]]


def test_log_line_outside_a_request_has_no_request_id(log_records):
    records = log_records("leadership.tests")

    logging.getLogger("leadership.tests").info("from a command")

    assert [hasattr(record, "request_id") for record in records] == [False]


@pytest.mark.django_db(transaction=True)  # the commit, inside the request, queues the task (eager here)
def test_request_id_is_on_the_log_lines_of_a_task_the_request_queued(client, log_records, eager_tasks):
    """Sign-up writes its email to the outbox and queues the sender; post_office logs inside that task."""
    cache.clear()  # allauth's rate limits live in the cache
    records = log_records("post_office")

    response = client.post(
        reverse("account_signup"),
        {"email": "grace@example.org", "password1": PASSWORD, "password2": PASSWORD},
        headers={"X-Request-ID": "signup-request-7"},
    )

    in_task = [
        record for record in records if getattr(record, "task_name", None) == "common.send_pending_emails"
    ]
    assert response.status_code == 302
    assert [record.getMessage() for record in in_task][:4] == [
        "Started sending 1 emails with 1 processes.",
        "Process started, sending 1 emails",
        "Process finished, 1 attempted, 1 sent, 0 failed, 0 requeued",
        "1 emails attempted, 1 sent, 0 failed, 0 requeued",
    ]
    assert {record.request_id for record in in_task} == {"signup-request-7"}
