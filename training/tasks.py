"""Periodic tasks of the training app: reminders a day before a session, feedback requests after it.

Both are idempotent: each session and each enrollment records when it was reminded or asked, in the same
transaction as the queued email, so a second run (or two workers at once) sends nothing twice.
"""

from __future__ import annotations

from celery import shared_task

from . import services
from .models import TrainingSession


def _session(session_id: int) -> TrainingSession | None:
    return TrainingSession.objects.filter(pk=session_id).select_related("course").first()


@shared_task(name="training.send_session_reminders", ignore_result=True)
def send_session_reminders() -> int:
    """Remind the confirmed learners of every published session that starts within 24 hours."""
    sent = 0
    for session_id in services.sessions_due_for_reminder():
        session = _session(session_id)
        if session is not None:  # deleted meanwhile: nothing to remind of
            sent += services.session_send_reminders(session=session)
    return sent


@shared_task(name="training.send_feedback_requests", ignore_result=True)
def send_feedback_requests() -> int:
    """Ask the learners of every session that ended (in the last two weeks) for their feedback."""
    sent = 0
    for session_id in services.sessions_due_for_feedback():
        session = _session(session_id)
        if session is not None:
            sent += services.session_request_feedback(session=session)
    return sent
