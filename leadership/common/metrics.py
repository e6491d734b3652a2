"""Prometheus metrics: who may scrape them, the Celery task counters, and one exposition of everything.

django-prometheus counts requests by view and status and times them (its middlewares); this module adds
what belongs to every app: Celery tasks by name and outcome. Figures that live in the database (the
outbox, waitlists) are collected at scrape time by the collectors that `leadership/metrics.py` passes to
`metrics_response`, each one aggregate query, so a scrape costs the same whatever the data.

Under gunicorn's several workers and the Celery worker's processes, every process counts on its own;
with PROMETHEUS_MULTIPROC_DIR set (prometheus_client's multiprocess mode) each one writes its counters to
a file in that folder, and a scrape of any web worker adds up all the files.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Iterable
from functools import cache
from typing import Any, Protocol

from celery import signals
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

TASKS = Counter(
    "leadership_celery_tasks",
    "Celery tasks that finished, by task name and outcome (success, failure, retry).",
    ["task", "outcome"],
)
TASK_DURATION = Histogram(
    "leadership_celery_task_duration_seconds",
    "Run time of the Celery tasks that succeeded, by task name.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, float("inf")),
)


def _task_name(sender: Any) -> str:
    return getattr(sender, "name", None) or str(sender)


@signals.task_success.connect(weak=False)
def _count_success(sender: Any = None, runtime: float | None = None, **_kwargs: Any) -> None:
    name = _task_name(sender)
    TASKS.labels(task=name, outcome="success").inc()
    if runtime is not None:
        TASK_DURATION.labels(task=name).observe(runtime)


@signals.task_failure.connect(weak=False)
def _count_failure(sender: Any = None, **_kwargs: Any) -> None:
    TASKS.labels(task=_task_name(sender), outcome="failure").inc()


@signals.task_retry.connect(weak=False)
def _count_retry(sender: Any = None, **_kwargs: Any) -> None:
    TASKS.labels(task=_task_name(sender), outcome="retry").inc()


# --- Access ------------------------------------------------------------------------------------------
@cache
def _allowed_networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {error}") from error


def client_address(request: HttpRequest) -> str:
    """The scraper's address: REMOTE_ADDR, or behind our proxy the address that proxy saw.

    Behind a proxy only the last X-Forwarded-For entry is the proxy's own; earlier ones are the client's
    word and could be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def _address_allowed(request: HttpRequest) -> bool:
    networks = _allowed_networks(tuple(settings.METRICS_ALLOWED_IPS))
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in network for network in networks)


def scraper_refusal(request: HttpRequest) -> HttpResponse | None:
    """None when the request comes from the configured scraper, else the response that refuses it.

    Nothing configured: 404, as if there were no metrics (they tell an attacker how busy we are and
    which views exist). A token is sent as `Authorization: Bearer <token>`: missing, 401; wrong, 403.
    An address outside METRICS_ALLOWED_IPS: 403. When both are configured, both must match.
    """
    token = settings.METRICS_TOKEN
    if not token and not settings.METRICS_ALLOWED_IPS:
        return HttpResponse(status=404)
    if token:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            return HttpResponse(status=401, headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            return HttpResponse(status=403)
    if settings.METRICS_ALLOWED_IPS and not _address_allowed(request):
        return HttpResponse(status=403)
    return None


# --- Exposition --------------------------------------------------------------------------------------
class ScrapeCollector(Protocol):
    def collect(self) -> Iterable[Any]: ...


def multiprocess_mode() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def metrics_response(request: HttpRequest, collectors: Iterable[ScrapeCollector]) -> HttpResponse:
    """Every process's counters (the sum of their files in multiprocess mode) plus the scrape-time ones."""
    registry = CollectorRegistry(auto_describe=False)  # registering must not run the collectors' queries
    if multiprocess_mode():
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)  # a registry collects like a collector
    for collector in collectors:
        registry.register(collector)
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    return HttpResponse(encoder(registry), content_type=content_type)
