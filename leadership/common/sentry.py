"""Optional error reporting through Sentry, with the registry's personal data kept at home.

Nominees, learners and nominators trust us with their names and addresses; an error report must carry
none of them. Sentry is told to collect no user, cookies, headers, bodies, query strings or local variables, and
`scrub_event` then removes what could still hold some: the request's headers, cookies, query string and
body, the user, the URL (its path may carry a signed link's token: the route pattern replaces it), and
any email address or signed token left in messages, exception values and breadcrumbs. It tags every
report with the request id, so a report leads to the JSON log lines of the same request and its tasks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.transport import Transport

from .logging import current_request_id

if TYPE_CHECKING:
    from sentry_sdk._types import Event

EMAIL = re.compile(r"[^\s@<>\"'(),;:/]+@[^\s@<>\"'(),;:/]+\.[^\s@<>\"'(),;:/]+")
# Django's signed values ("payload:timestamp:signature": nomination and unsubscribe links); other tokens
# (calendar feeds) only travel in URL paths, which are replaced by their route.
SIGNED = re.compile(r"\.?[\w-]+:[\w-]+:[\w-]{10,}")
KEPT_REQUEST_KEYS = ("method",)
# The parts of an event that can quote a person's data; ids, timestamps and stack traces are left alone.
SCRUBBED_SECTIONS = ("logentry", "message", "exception", "breadcrumbs", "extra", "threads")
NOT_SCRUBBED_KEYS = frozenset({"stacktrace", "mechanism", "type", "module", "timestamp", "event_id"})


def _scrub_text(text: str, path: str | None, route: str | None) -> str:
    if path and len(path) > 1:
        text = text.replace(path, route or "[path]")
    text = EMAIL.sub("[email]", text)
    return SIGNED.sub("[token]", text)


def _scrub(value: Any, path: str | None, route: str | None) -> Any:
    if isinstance(value, str):
        return _scrub_text(value, path, route)
    if isinstance(value, dict):
        return {
            key: item if key in NOT_SCRUBBED_KEYS else _scrub(item, path, route)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(item, path, route) for item in value]
    return value


def scrub_event(sent: Event, hint: dict[str, Any] | None = None) -> Event:
    """Sentry's before_send (and before_send_transaction): what leaves has no personal data."""
    event = cast("dict[str, Any]", sent)
    route = event.get("transaction") if event.get("transaction_info", {}).get("source") == "route" else None
    request = event.get("request") or {}
    path = urlsplit(request.get("url") or "").path or None
    scrubbed_request = {key: request[key] for key in KEPT_REQUEST_KEYS if key in request}
    if route:
        scrubbed_request["url"] = route
    event["request"] = scrubbed_request
    event.pop("user", None)
    for section in ("exception", "threads"):  # local variables, should any integration add them
        for entry in (event.get(section) or {}).get("values", []):
            for frame in (entry.get("stacktrace") or {}).get("frames", []):
                frame.pop("vars", None)
    for section in SCRUBBED_SECTIONS:
        if section in event:
            event[section] = _scrub(event[section], path, route)
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return cast("Event", event)


def sentry_init(
    *,
    dsn: str,
    environment: str,
    release: str | None,
    traces_sample_rate: float,
    transport: type[Transport] | Transport | None = None,
) -> None:
    """Report errors of the web processes and the workers to Sentry (settings call it when SENTRY_DSN is set)."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(transaction_style="url"), CeleryIntegration()],
        # What send_default_pii=False meant, spelled out per kind of data (the SDK deprecates that flag).
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "off"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
            "gen_ai": {"inputs": False, "outputs": False},
            "graphql": {"document": False, "variables": False},
        },
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        transport=transport,
    )
