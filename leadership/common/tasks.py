"""Periodic tasks of the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.utils import timezone
from post_office import mail
from post_office.lockfile import FileLock, FileLocked
from post_office.models import STATUS, Email

OUTBOX_LOCK_ID = 7_310_001  # an arbitrary, fixed PostgreSQL advisory lock number for the outbox


@contextmanager
def outbox_lock() -> Iterator[bool]:
    """Yield True to the one sender that holds the outbox; others get False and leave the work to it.

    PostgreSQL: an advisory lock, shared by every worker on every host. SQLite (one host): a lock file.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [OUTBOX_LOCK_ID])
            held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [OUTBOX_LOCK_ID])
        return
    try:
        with FileLock(settings.POST_OFFICE["LOCK_FILE_NAME"]):
            yield True
    except FileLocked:
        yield False


@shared_task(name="common.send_pending_emails", ignore_result=True)
def send_pending_emails() -> int:
    """Send every queued email; running it twice or in parallel sends nothing twice."""
    total = 0
    with outbox_lock() as held:
        if not held:
            return 0
        while True:
            sent, failed, _requeued = mail.send_queued(processes=1)
            total += sent
            if sent + failed == 0:
                return total


@shared_task(name="common.purge_old_emails", ignore_result=True)
def purge_old_emails() -> int:
    """Delete sent emails older than the retention period, so the outbox keeps no old personal data."""
    cutoff = timezone.now() - timedelta(days=settings.EMAIL_RETENTION_DAYS)
    _total, per_model = Email.objects.filter(status=STATUS.sent, last_updated__lt=cutoff).delete()
    return per_model.get(Email._meta.label, 0)  # the total also counts the delivery logs deleted with them
