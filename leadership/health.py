"""Health checks: /healthz/live touches nothing (the framework floor); /healthz/ready checks dependencies."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from post_office.models import STATUS, Email


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
    checks: dict[str, object] = {}
    healthy = True
    for name, check in (("database", _check_database), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure of a dependency means "not ready"
            checks[name] = f"error: {exc.__class__.__name__}"
            healthy = False
    if checks.get("database") == "ok":
        checks["outbox_backlog"] = Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
