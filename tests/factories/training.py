"""Factories of the training app: courses and their competencies, sessions, enrollments and feedback.

Tests of seats and waitlists enroll through training.services.enrollment_create; EnrollmentFactory keeps the
session's counter right for the seat-holding states it creates.
"""

import datetime

import factory
from django.db.models import F
from django.utils import timezone

from roles.enums import Level
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Course, CourseCompetency, Enrollment, Feedback, TrainingSession
from training.services import course_search_text

from .registry import CompetencyFactory
from .roles import OrganizationFactory, PersonFactory, language


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    title_en = factory.SelfAttribute("title")
    description = "A fictional course for tests."
    description_en = factory.SelfAttribute("description")
    format = CourseFormat.ONLINE
    duration_minutes = 90
    materials_url = ""

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.languages.set(extracted if extracted is not None else [language("en")])

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            Course.objects.filter(pk=self.pk).update(search_text=course_search_text(self))


class CourseCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseCompetency

    course = factory.SubFactory(CourseFactory)
    competency = factory.SubFactory(CompetencyFactory)
    target_level = Level.PRACTISING


def _in_a_week() -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A published online session a week from now, two hours long, ten seats, in English."""

    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    organization = factory.SelfAttribute("course.organization")
    starts_at = factory.LazyFunction(_in_a_week)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    time_zone = "UTC"
    format = CourseFormat.ONLINE
    venue = ""
    city = ""
    online_url = "https://meet.example.org/training"
    language = factory.LazyFunction(lambda: language("en"))
    capacity = 10
    enrollment_deadline = factory.SelfAttribute("starts_at")
    status = SessionStatus.PUBLISHED


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A confirmed enrollment (the session's counter follows); pass state and waitlist_position for others."""

    class Meta:
        model = Enrollment
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    session = factory.SubFactory(TrainingSessionFactory)
    state = EnrollmentState.CONFIRMED
    waitlist_position = None

    @factory.post_generation
    def count_seat(self, create, extracted, **kwargs):
        if create and self.state in EnrollmentState.seat_holding():
            TrainingSession.objects.filter(pk=self.session_id).update(
                confirmed_count=F("confirmed_count") + 1
            )
            self.session.refresh_from_db(fields=["confirmed_count"])


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    enrollment = factory.SubFactory(EnrollmentFactory, state=EnrollmentState.ATTENDED)
    rating = 4
    comment = ""
