"""Periodic tasks of nominations."""

from __future__ import annotations

import logging

from celery import shared_task

from . import services

logger = logging.getLogger("leadership")


@shared_task(name="nominations.expire_and_erase", ignore_result=True)
def expire_and_erase() -> int:
    """Expire nominations nobody answered within their call's retention period and erase them; erase the
    not selected after it. Idempotent: an erased nomination is never touched again. Returns how many were
    erased."""
    result = services.nominations_expire()
    if result.erased:
        logger.info("nominations_erased", extra={"expired": result.expired, "erased": result.erased})
    return result.erased
