"""Fifty learners enroll at the same moment into ten seats: exactly ten are confirmed, forty waitlisted 1..40.

Runs on PostgreSQL only (SQLite serialises every write, so it proves nothing there): each thread has its own
connection and transaction, released by a barrier so that they collide on the session's row.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import PersonFactory
from tests.factories.training import TrainingSessionFactory
from training import services
from training.enums import EnrollmentState
from training.models import Enrollment, TrainingSession

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks under concurrency need PostgreSQL"),
]

LEARNERS = 50
SEATS = 10


def enroll_all_at_once(session, people):
    """Enroll every person at the same moment, one thread and connection each: ({person id: state}, errors)."""
    barrier = threading.Barrier(len(people))
    results: dict[int, str] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def enroll(person):
        try:
            connection.ensure_connection()  # connected before the start, so that the requests truly collide
            barrier.wait(timeout=30)
            enrollment = services.enrollment_create(session=TrainingSession(pk=session.pk), person=person)
            with lock:
                results[person.pk] = enrollment.state
        except BaseException as error:  # every failure is collected and asserted on below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enroll, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def waitlist_positions(session):
    return sorted(
        Enrollment.objects.filter(session=session, state=EnrollmentState.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    )


def test_fifty_simultaneous_enrollments_fill_ten_seats_and_a_contiguous_waitlist():
    session = TrainingSessionFactory(capacity=SEATS)
    results, errors = enroll_all_at_once(session, [PersonFactory() for _ in range(LEARNERS)])

    assert errors == []
    assert sorted(results.values()).count(EnrollmentState.CONFIRMED) == SEATS
    assert sorted(results.values()).count(EnrollmentState.WAITLISTED) == LEARNERS - SEATS
    session.refresh_from_db()
    assert session.confirmed_count == SEATS
    assert Enrollment.objects.filter(session=session, state=EnrollmentState.CONFIRMED).count() == SEATS
    assert waitlist_positions(session) == list(range(1, LEARNERS - SEATS + 1))


def test_fifty_simultaneous_enrollments_into_a_full_session_queue_one_behind_another():
    """With no seat left the conditional UPDATE changes no row and so locks none: only the session's row lock
    keeps two learners from taking the same waitlist position."""
    session = TrainingSessionFactory(capacity=SEATS)
    for _ in range(SEATS):
        services.enrollment_create(session=session, person=PersonFactory())
    results, errors = enroll_all_at_once(session, [PersonFactory() for _ in range(LEARNERS)])

    assert errors == []
    assert sorted(results.values()) == [EnrollmentState.WAITLISTED] * LEARNERS
    session.refresh_from_db()
    assert session.confirmed_count == SEATS
    assert waitlist_positions(session) == list(range(1, LEARNERS + 1))
