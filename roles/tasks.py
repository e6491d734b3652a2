"""Periodic tasks of the roles app."""

from __future__ import annotations

from celery import shared_task

from .services import sessions


@shared_task(name="roles.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Daily: delete expired sessions and forget the accounts' sessions that are gone; safe to run twice."""
    return sessions.sessions_clear_expired()
