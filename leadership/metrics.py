"""The /metrics view and the figures it reads from the database at scrape time.

It lives in the project package because it names the apps (training's waitlists); the generic parts,
access and exposition, are in leadership/common/metrics.py. Each collector runs one aggregate query, so a
scrape costs the same few queries whatever the size of the outbox or the number of sessions.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client.core import GaugeMetricFamily

from training.enums import EnrollmentState
from training.models import Enrollment

from .common.metrics import metrics_response, scraper_refusal
from .health import outbox_summary


class OutboxCollector:
    """The email outbox by status, and how long the oldest waiting email has waited."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        summary = outbox_summary()
        emails = GaugeMetricFamily(
            "leadership_email_outbox_emails", "Emails in the outbox, by status.", labels=["status"]
        )
        for status, count in summary.by_status.items():
            emails.add_metric([status], count)
        yield emails
        yield GaugeMetricFamily(
            "leadership_email_outbox_oldest_queued_age_seconds",
            "Age of the oldest queued or requeued email (0 when none waits).",
            value=summary.oldest_queued_seconds or 0,
        )


class WaitlistCollector:
    """Learners waiting for a seat in sessions that have not ended yet."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        figures = Enrollment.objects.filter(
            state=EnrollmentState.WAITLISTED, session__ends_at__gt=timezone.now()
        ).aggregate(
            waitlisted=Count("id"),
            sessions=Count("session", distinct=True),
            longest=Max("waitlist_position"),  # positions are 1..n without gaps: the longest list
        )
        yield GaugeMetricFamily(
            "leadership_training_waitlisted_enrollments",
            "Waitlisted enrollments in sessions that have not ended.",
            value=figures["waitlisted"],
        )
        yield GaugeMetricFamily(
            "leadership_training_sessions_with_waitlist",
            "Sessions that have not ended and have a waitlist.",
            value=figures["sessions"],
        )
        yield GaugeMetricFamily(
            "leadership_training_longest_waitlist",
            "Length of the longest waitlist of a session that has not ended.",
            value=figures["longest"] or 0,
        )


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's scrape target; only the configured scraper gets an answer (see scraper_refusal)."""
    refusal = scraper_refusal(request)
    if refusal is not None:
        return refusal  # before the method check: an unknown caller learns nothing, not even a 405
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return metrics_response(request, [OutboxCollector(), WaitlistCollector()])
