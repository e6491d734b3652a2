"""The learner's own page: enrollments, waitlist places, feedback links and the private calendar address."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.training import CourseFactory, EnrollmentFactory, TrainingSessionFactory
from training.enums import EnrollmentState
from training.models import LearnerFeed

from .conftest import person_of

pytestmark = pytest.mark.django_db


def test_my_trainings_lists_the_learners_enrollments_with_their_place(client, session, learner):
    other = TrainingSessionFactory(course=CourseFactory(title="Budgets", title_en="Budgets"))
    EnrollmentFactory(
        session=other, person=person_of(learner), state=EnrollmentState.WAITLISTED, waitlist_position=3
    )
    EnrollmentFactory(session=session)  # someone else's
    client.force_login(learner)

    response = client.get(reverse("training:my_trainings"))

    assert [(e.session.course.title, e.state) for e in response.context["enrollments"]] == [
        ("Budgets", "waitlisted"),
        ("Facilitation basics", "confirmed"),
    ]
    content = response.content.decode()
    assert "Waitlist, position 3" in content
    assert '<input type="hidden" name="next" value="/en/training/me/">' in content
    assert "Get my calendar address" in content


def test_my_trainings_offers_feedback_after_a_session_ended(client, course, learner):
    ended = timezone.now() - datetime.timedelta(days=1)
    past = TrainingSessionFactory(course=course, starts_at=ended - datetime.timedelta(hours=1), ends_at=ended)
    EnrollmentFactory(session=past, person=person_of(learner), state=EnrollmentState.ATTENDED)
    client.force_login(learner)

    content = client.get(reverse("training:my_trainings")).content.decode()

    assert content.count("Give feedback") == 1
    assert f'href="/en/training/sessions/{past.pk}/feedback/"' in content


def test_feed_address_is_made_then_rotated(client, plain_user):
    client.force_login(plain_user)

    client.post(reverse("training:feed_rotate"))
    first = LearnerFeed.objects.get(person__user=plain_user).token
    page = client.get(reverse("training:my_trainings")).content.decode()
    assert f"http://testserver/en/training/feeds/{first}.ics" in page

    client.post(reverse("training:feed_rotate"))
    second = LearnerFeed.objects.get(person__user=plain_user).token
    assert second != first
    assert client.get(reverse("training:learner_ics", args=[first])).status_code == 404
    assert client.get(reverse("training:learner_ics", args=[second])).status_code == 200


def test_my_page_links_to_my_trainings(client, plain_user):
    client.force_login(plain_user)

    assert 'href="/en/training/me/"' in client.get(reverse("roles:me")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_my_trainings_queries_are_constant(client, django_assert_num_queries, count):
    user = UserFactory(username="busy")
    for n in range(count):
        EnrollmentFactory(
            session=TrainingSessionFactory(course=CourseFactory(title=f"Course {n}")), person=user.person
        )
    client.force_login(user)

    # session, user, person, count, enrollments with sessions and feedback, feed token
    with django_assert_num_queries(6):
        response = client.get(reverse("training:my_trainings"))

    assert len(response.context["enrollments"]) == count
