"""Periodic tasks of the overview: materialise the figures, and send organizers their weekly digest.

Both are idempotent. The refresh replaces every scope's rows in one transaction, so a second run (or two
at once) only recomputes the same figures; a digest is logged per organisation, organizer and week in the
transaction of its email (DigestLog), so an hourly run sends each at most once.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from . import digest, services

logger = logging.getLogger("leadership")


def _moment(text: str | None) -> datetime.datetime | None:
    """An ISO 8601 moment given to a task (UTC when it names no offset), or None for now."""
    if not text:
        return None
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


@shared_task(name="overview.refresh", ignore_result=True)
def refresh() -> int:
    """Recompute the figures of every scope (movement, regions, organisations). Returns how many scopes."""
    scopes = services.overview_refresh()
    logger.info("overview_refreshed", extra={"scopes": scopes})
    return scopes


@shared_task(name="overview.send_weekly_digests", ignore_result=True)
def send_weekly_digests(*, now: str | None = None) -> int:
    """Send the weekly digest to each organizer for whom it is Monday from 06:00 (in their time zone), once
    per organisation, organizer and week; organisations with nothing to report send none. Returns how many.

    `now` (an ISO 8601 date and time with its offset) replays a given hour, for tests and operators.
    """
    sent = digest.weekly_digests_send(now=_moment(now))
    if sent:
        logger.info("overview_digests_sent", extra={"sent": sent})
    return sent
