"""Reminders a day before a session and feedback requests after it: each sent once, whatever the runs."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from post_office.models import Email

from tests.factories import PersonFactory
from tests.factories.training import EnrollmentFactory, TrainingSessionFactory
from training.enums import EnrollmentState, SessionStatus
from training.models import Enrollment, TrainingSession
from training.tasks import send_feedback_requests, send_session_reminders

pytestmark = pytest.mark.django_db


def in_hours(hours):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours)


def session_at(start_in_hours, **kwargs):
    return TrainingSessionFactory(
        starts_at=in_hours(start_in_hours),
        ends_at=in_hours(start_in_hours + 2),
        enrollment_deadline=in_hours(start_in_hours),
        **kwargs,
    )


def subjects(address):
    return [email.subject for email in Email.objects.filter(to=address).order_by("id")]


def test_send_session_reminders_reminds_confirmed_learners_once():
    session = session_at(20, course__title_en="Facilitation")
    EnrollmentFactory(session=session, person=PersonFactory(email="ana@example.org"))
    EnrollmentFactory(
        session=session,
        person=PersonFactory(email="wait@example.org"),
        state=EnrollmentState.WAITLISTED,
        waitlist_position=1,
    )
    EnrollmentFactory(
        session=session, person=PersonFactory(email="gone@example.org"), state=EnrollmentState.CANCELLED
    )
    assert send_session_reminders() == 1
    assert subjects("ana@example.org") == ["Tomorrow: Facilitation"]
    assert subjects("wait@example.org") == []
    assert subjects("gone@example.org") == []
    message = Email.objects.get(to="ana@example.org").message
    assert "Online: https://meet.example.org/training" in message
    assert f"http://testserver/en/training/sessions/{session.pk}/" in message
    session.refresh_from_db()
    assert session.reminder_sent_at is not None
    assert send_session_reminders() == 0
    assert Email.objects.count() == 1


def test_send_session_reminders_skips_sessions_too_far_past_or_not_published():
    for hours in (30, -1):
        EnrollmentFactory(session=session_at(hours), person=PersonFactory(email=f"at{hours}@example.org"))
    for status in (SessionStatus.DRAFT, SessionStatus.CANCELLED):
        EnrollmentFactory(
            session=session_at(5, status=status), person=PersonFactory(email=f"{status}@example.org")
        )
    assert send_session_reminders() == 0
    assert Email.objects.count() == 0


def test_send_session_reminders_after_a_new_learner_joins_sends_nothing_more():
    """The session is marked as reminded: a learner who enrolls later gets no second wave for the others."""
    session = session_at(10)
    EnrollmentFactory(session=session, person=PersonFactory(email="ana@example.org"))
    assert send_session_reminders() == 1
    EnrollmentFactory(session=session, person=PersonFactory(email="bo@example.org"))
    assert send_session_reminders() == 0
    assert subjects("ana@example.org") == ["Tomorrow: " + session.course.title]


def test_send_feedback_requests_asks_participants_once_after_the_end():
    session = session_at(-3, course__title_en="Budgets")
    EnrollmentFactory(
        session=session, person=PersonFactory(email="ana@example.org"), state=EnrollmentState.ATTENDED
    )
    EnrollmentFactory(session=session, person=PersonFactory(email="bo@example.org"))
    EnrollmentFactory(
        session=session, person=PersonFactory(email="absent@example.org"), state=EnrollmentState.NO_SHOW
    )
    assert send_feedback_requests() == 2
    assert subjects("ana@example.org") == ["How was “Budgets”?"]
    assert subjects("bo@example.org") == ["How was “Budgets”?"]
    assert subjects("absent@example.org") == []
    assert f"http://testserver/en/training/sessions/{session.pk}/feedback/" in (
        Email.objects.get(to="ana@example.org").message
    )
    assert sorted(
        Enrollment.objects.exclude(feedback_requested_at=None).values_list("person__email", flat=True)
    ) == [
        "ana@example.org",
        "bo@example.org",
    ]
    assert send_feedback_requests() == 0
    assert Email.objects.count() == 2


def test_send_feedback_requests_skips_running_cancelled_and_old_sessions():
    running = TrainingSessionFactory(
        starts_at=in_hours(-1), ends_at=in_hours(1), enrollment_deadline=in_hours(-1)
    )
    cancelled = session_at(-5, status=SessionStatus.CANCELLED)
    old = session_at(-24 * 20)
    for session in (running, cancelled, old):
        EnrollmentFactory(session=session)
    assert send_feedback_requests() == 0
    assert Email.objects.count() == 0
    assert TrainingSession.objects.exclude(feedback_requested_at=None).count() == 0


def test_learners_without_an_email_are_skipped_but_counted_as_done():
    session = session_at(-3)
    EnrollmentFactory(session=session, person=PersonFactory(email=""))
    assert send_feedback_requests() == 1
    assert Email.objects.count() == 0
    assert send_feedback_requests() == 0


def test_beat_schedule_runs_both_tasks():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"training.send_session_reminders", "training.send_feedback_requests"} <= tasks
