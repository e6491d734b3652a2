"""The reads the overview makes of training: learners, completions, upcoming learning and sessions per
competency (the catalogue's and the pages' selectors are tested in test_admin_and_selectors.py)."""

import datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from tests.factories import OrganizationFactory, PersonFactory
from tests.factories.registry import CompetencyFactory
from tests.factories.training import (
    CourseCompetencyFactory,
    CourseFactory,
    EnrollmentFactory,
    TrainingSessionFactory,
)
from training import selectors
from training.enums import EnrollmentState, SessionStatus

pytestmark = pytest.mark.django_db

E = EnrollmentState


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def at(now, days):
    return now + datetime.timedelta(days=days)


def session(now, *, days=7, status=SessionStatus.PUBLISHED, **kwargs):
    return TrainingSessionFactory(
        starts_at=at(now, days), ends_at=at(now, days) + datetime.timedelta(hours=2), status=status, **kwargs
    )


def test_learner_states_are_confirmed_attended_and_completed():
    assert E.learner_states() == [E.CONFIRMED, E.ATTENDED, E.COMPLETED]


def _one_per_state(training_session):
    """{state: an enrollment of the session in that state} (the waitlisted one first in line)."""
    return {
        state: EnrollmentFactory(
            session=training_session,
            state=state,
            waitlist_position=1 if state == E.WAITLISTED else None,
        )
        for state in E.values
    }


def test_learners_enrolled_are_the_enrollments_in_a_learner_state(now):
    here, elsewhere = session(now), session(now)
    every = _one_per_state(here)
    EnrollmentFactory(session=elsewhere, state=E.COMPLETED)

    found = selectors.learners_enrolled(where=Q(session=here))

    assert sorted(found.values_list("pk", flat=True)) == sorted(
        every[state].pk for state in E.learner_states()
    )


def test_learners_enrolled_without_where_are_every_sessions(now):
    first = EnrollmentFactory(session=session(now), state=E.ATTENDED)
    second = EnrollmentFactory(session=session(now, days=-30), state=E.COMPLETED)
    EnrollmentFactory(session=session(now), state=E.NO_SHOW)

    assert sorted(selectors.learners_enrolled().values_list("pk", flat=True)) == [first.pk, second.pk]


def test_enrollments_completed_of_a_person(now):
    person = PersonFactory()
    done = EnrollmentFactory(person=person, session=session(now, days=-10), state=E.COMPLETED)
    EnrollmentFactory(person=person, session=session(now, days=-20), state=E.ATTENDED)
    EnrollmentFactory(session=session(now, days=-10), state=E.COMPLETED)  # someone else

    found = selectors.enrollments_completed(where=Q(person=person))

    assert list(found.values_list("pk", flat=True)) == [done.pk]


def test_upcoming_learning_one_row_per_confirmed_learner_and_developed_competency(now):
    budgeting, facilitation = CompetencyFactory(), CompetencyFactory()
    course = CourseFactory()
    CourseCompetencyFactory(course=course, competency=budgeting, target_level=2)
    CourseCompetencyFactory(course=course, competency=facilitation, target_level=3)
    upcoming = session(now, course=course)
    learner, waiting = PersonFactory(), PersonFactory()
    EnrollmentFactory(person=learner, session=upcoming)
    EnrollmentFactory(person=waiting, session=upcoming, state=E.WAITLISTED, waitlist_position=1)
    EnrollmentFactory(session=session(now, days=-1, course=course))  # started already
    EnrollmentFactory(session=session(now, status=SessionStatus.DRAFT, course=course))
    EnrollmentFactory(session=session(now, status=SessionStatus.CANCELLED, course=course), state=E.CANCELLED)
    bare = EnrollmentFactory(session=session(now))  # a course that develops nothing

    rows = selectors.upcoming_learning(now=now)

    assert sorted(rows, key=lambda row: (row["person_id"], row["competency_id"] or 0)) == [
        {"person_id": learner.pk, "competency_id": budgeting.pk, "target_level": 2},
        {"person_id": learner.pk, "competency_id": facilitation.pk, "target_level": 3},
        {"person_id": bare.person_id, "competency_id": None, "target_level": None},
    ]


def test_upcoming_sessions_per_competency_counts_published_future_sessions(now):
    budgeting, facilitation, unused = CompetencyFactory(), CompetencyFactory(), CompetencyFactory()
    both = CourseFactory()
    CourseCompetencyFactory(course=both, competency=budgeting)
    CourseCompetencyFactory(course=both, competency=facilitation)
    only_budgeting = CourseFactory()
    CourseCompetencyFactory(course=only_budgeting, competency=budgeting)
    CourseCompetencyFactory(course=CourseFactory(), competency=unused)
    session(now, course=both)
    session(now, days=30, course=both)
    session(now, course=only_budgeting)
    session(now, days=-1, course=only_budgeting)  # started
    session(now, status=SessionStatus.DRAFT, course=only_budgeting)
    session(now, status=SessionStatus.CANCELLED, course=both)
    session(now)  # a course that develops nothing

    assert selectors.upcoming_sessions_per_competency(now=now) == {budgeting.pk: 3, facilitation.pk: 2}


def test_upcoming_sessions_developing_soonest_per_competency_in_one_query(now, django_assert_num_queries):
    budgeting, facilitation, other = CompetencyFactory(), CompetencyFactory(), CompetencyFactory()
    both = CourseFactory(organization=OrganizationFactory())
    CourseCompetencyFactory(course=both, competency=budgeting)
    CourseCompetencyFactory(course=both, competency=facilitation)
    only_budgeting = CourseFactory()
    CourseCompetencyFactory(course=only_budgeting, competency=budgeting)
    CourseCompetencyFactory(course=CourseFactory(), competency=other)
    soon = session(now, days=2, course=both)
    later = session(now, days=5, course=only_budgeting)
    session(now, days=9, course=only_budgeting)  # budgeting's third: beyond two per competency
    last = session(now, days=9, course=both)
    session(now, days=-1, course=both)  # started
    session(now, days=1, status=SessionStatus.DRAFT, course=both)

    with django_assert_num_queries(1):
        found = [
            (s.developed, s.pk, s.course.pk, s.organization.pk, s.language.code)
            for s in selectors.upcoming_sessions_developing(
                competency_ids=[budgeting.pk, facilitation.pk], now=now, per_competency=2
            )
        ]

    def row(competency, s):
        return (competency.pk, s.pk, s.course_id, s.organization_id, "en")

    assert found == [
        row(budgeting, soon),
        row(budgeting, later),
        row(facilitation, soon),
        row(facilitation, last),
    ]
