"""Fixtures of the training pages: a course of organisation A, one published session of it, a learner."""

import pytest

from roles.models import Person
from tests.factories import UserFactory
from tests.factories.registry import CompetencyFactory
from tests.factories.training import (
    CourseCompetencyFactory,
    CourseFactory,
    EnrollmentFactory,
    TrainingSessionFactory,
)


@pytest.fixture
def facilitation():
    return CompetencyFactory(name="Facilitation", name_en="Facilitation", slug="facilitation")


@pytest.fixture
def course(org_a, facilitation):
    course = CourseFactory(organization=org_a, title="Facilitation basics", title_en="Facilitation basics")
    CourseCompetencyFactory(course=course, competency=facilitation, target_level=3)
    return course


@pytest.fixture
def session(course):
    return TrainingSessionFactory(course=course, capacity=2)


@pytest.fixture
def learner(session):
    """An account holding a confirmed seat in the session."""
    user = UserFactory(username="learner")
    EnrollmentFactory(session=session, person=user.person)
    return user


def person_of(user) -> Person:
    return Person.objects.get(user=user)
