"""Health checks: /healthz/live touches nothing (the framework floor); /healthz/ready checks dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min, Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from post_office.models import STATUS, Email

BACKLOG = (STATUS.queued, STATUS.requeued)


@dataclass(frozen=True)
class OutboxSummary:
    by_status: dict[str, int]  # post_office's status names: sent, failed, queued, requeued
    oldest_queued_seconds: int | None  # age of the oldest email still waiting to be sent

    @property
    def backlog(self) -> int:
        return self.by_status["queued"] + self.by_status["requeued"]


def outbox_summary() -> OutboxSummary:
    """The outbox's rows by status and the oldest waiting one's age, in one aggregate query.

    The readiness check and the metrics both read it; its cost does not grow with the number of statuses.
    """
    figures = Email.objects.aggregate(
        **{name: Count("id", filter=Q(status=value)) for name, value in STATUS._asdict().items()},
        oldest=Min("created", filter=Q(status__in=BACKLOG)),
    )
    oldest = figures.pop("oldest")
    age = None if oldest is None else max(int((timezone.now() - oldest).total_seconds()), 0)
    return OutboxSummary(by_status=figures, oldest_queued_seconds=age)


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"
    from .celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """200 while the database and broker answer; a long outbox is reported, not failed.

    A backlog means the emails are late, not that this process cannot serve: taking it out of the load
    balancer would not send them sooner. "outbox": "backlog" is for the operator's alerting.
    """
    checks: dict[str, object] = {}
    healthy = True
    for name, check in (("database", _check_database), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure of a dependency means "not ready"
            checks[name] = f"error: {exc.__class__.__name__}"
            healthy = False
    if checks.get("database") == "ok":
        outbox = outbox_summary()
        checks["outbox"] = "backlog" if outbox.backlog > settings.OUTBOX_BACKLOG_WARN else "ok"
        checks["outbox_backlog"] = outbox.backlog
        checks["outbox_oldest_queued_seconds"] = outbox.oldest_queued_seconds
        checks["outbox_failed"] = outbox.by_status["failed"]
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
