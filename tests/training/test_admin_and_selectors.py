"""The training admin (pages render; actions go through the services) and the selectors' filters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganizationFactory, PersonFactory, region
from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import (
    CourseCompetencyFactory,
    CourseFactory,
    EnrollmentFactory,
    FeedbackFactory,
    TrainingSessionFactory,
)
from training import selectors
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Course

pytestmark = pytest.mark.django_db


def in_days(days):
    return (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)


@pytest.mark.parametrize(
    "name",
    [
        "admin:training_course_changelist",
        "admin:training_course_add",
        "admin:training_trainingsession_changelist",
        "admin:training_trainingsession_add",
        "admin:training_enrollment_changelist",
        "admin:training_feedback_changelist",
    ],
)
def test_admin_pages_render_for_staff(client, staff_user, name):
    FeedbackFactory()
    client.force_login(staff_user)
    assert client.get(reverse(name)).status_code == 200


def test_admin_change_pages_render_for_staff(client, staff_user):
    feedback = FeedbackFactory()
    enrollment = feedback.enrollment
    client.force_login(staff_user)
    for name, pk in [
        ("admin:training_course_change", enrollment.session.course_id),
        ("admin:training_trainingsession_change", enrollment.session_id),
        ("admin:training_enrollment_change", enrollment.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 200


def test_admin_cancel_action_goes_through_the_service(client, staff_user):
    session = TrainingSessionFactory(capacity=1)
    first = EnrollmentFactory(session=session)
    waiting = EnrollmentFactory(session=session, state=EnrollmentState.WAITLISTED, waitlist_position=1)
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:training_enrollment_changelist"),
        {"action": "cancel_enrollments", "_selected_action": [first.pk]},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.state, waiting.waitlist_position) == (EnrollmentState.CONFIRMED, None)


def test_course_catalogue_filters():
    governance = CompetencyFactory(slug="governance")
    south = OrganizationFactory(slug="wm-south", region=region("SA"))
    board = CourseFactory(title_en="Board governance", format=CourseFormat.ONLINE)
    CourseCompetencyFactory(course=board, competency=governance)
    photo = CourseFactory(title_en="Photo walks", format=CourseFormat.IN_PERSON, organization=south)
    photo.languages.set([language("fr")])
    # A session of the board course run in South Asia makes it a South Asian course too.
    TrainingSessionFactory(
        course=board, organization=OrganizationFactory(slug="wm-sa-2", region=region("SA"))
    )

    def titles(**filters):
        return [course.title for course in selectors.course_catalogue(**filters)]

    assert titles() == ["Board governance", "Photo walks"]
    assert titles(competency="governance") == ["Board governance"]
    assert titles(language="fr") == ["Photo walks"]
    assert titles(format=CourseFormat.IN_PERSON) == ["Photo walks"]
    assert titles(region="SA") == ["Board governance", "Photo walks"]
    assert titles(organization="wm-sa-2") == ["Board governance"]
    assert titles(q="walks PHOTO") == ["Photo walks"]
    assert titles(q="nothing") == []


def test_sessions_upcoming_filters_and_hides_drafts_and_past_sessions():
    south = OrganizationFactory(region=region("SA"))
    soon = TrainingSessionFactory(starts_at=in_days(1), ends_at=in_days(1) + datetime.timedelta(hours=2))
    later = TrainingSessionFactory(
        starts_at=in_days(20),
        ends_at=in_days(20) + datetime.timedelta(hours=2),
        organization=south,
        language=language("fr"),
    )
    TrainingSessionFactory(status=SessionStatus.DRAFT)
    TrainingSessionFactory(starts_at=in_days(-3), ends_at=in_days(-3) + datetime.timedelta(hours=2))
    assert list(selectors.sessions_upcoming()) == [soon, later]
    assert list(selectors.sessions_upcoming(region="SA")) == [later]
    assert list(selectors.sessions_upcoming(language="fr")) == [later]
    assert list(selectors.sessions_upcoming(start=in_days(5), end=in_days(30))) == [later]
    assert list(selectors.sessions_upcoming(end=in_days(5))) == [soon]


def test_session_enrollments_lists_seats_then_the_waitlist_in_order():
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session, person=PersonFactory(display_name="Zoe"))
    EnrollmentFactory(
        session=session,
        person=PersonFactory(display_name="Bo"),
        state=EnrollmentState.WAITLISTED,
        waitlist_position=2,
    )
    EnrollmentFactory(
        session=session,
        person=PersonFactory(display_name="Cy"),
        state=EnrollmentState.WAITLISTED,
        waitlist_position=1,
    )
    EnrollmentFactory(
        session=session, person=PersonFactory(display_name="Al"), state=EnrollmentState.CANCELLED
    )
    names = [e.person.display_name for e in selectors.session_enrollments(session=session)]
    assert names == ["Zoe", "Cy", "Bo"]


def test_course_catalogue_counts_its_queries(django_assert_num_queries):
    CourseCompetencyFactory.create_batch(3)
    with django_assert_num_queries(3):  # courses, languages, competencies
        courses = list(selectors.course_catalogue())
        assert [len(course.listed_competencies) for course in courses] == [1, 1, 1]
    assert Course.objects.count() == 3


def admin_session_form(session, **overrides):
    local = "%Y-%m-%d"
    data = {
        "course": session.course_id,
        "organization": session.organization_id,
        "starts_at_0": session.starts_at.strftime(local),
        "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
        "ends_at_0": session.ends_at.strftime(local),
        "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
        "enrollment_deadline_0": session.enrollment_deadline.strftime(local),
        "enrollment_deadline_1": session.enrollment_deadline.strftime("%H:%M:%S"),
        "time_zone": "Asia/Jakarta",
        "format": session.format,
        "venue": "",
        "city": "",
        "online_url": session.online_url,
        "language": session.language_id,
        "capacity": session.capacity,
    }
    return {**data, **overrides}


def test_admin_session_edit_goes_through_the_service_and_keeps_the_counter(client, staff_user):
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session)
    waiting = EnrollmentFactory(session=session, state=EnrollmentState.WAITLISTED, waitlist_position=1)
    client.force_login(staff_user)
    url = reverse("admin:training_trainingsession_change", args=[session.pk])
    response = client.post(url, admin_session_form(session, capacity=2))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.capacity, session.confirmed_count, str(session.time_zone)) == (2, 2, "Asia/Jakarta")
    waiting.refresh_from_db()
    assert waiting.state == EnrollmentState.CONFIRMED


def test_admin_session_edit_refuses_what_the_service_refuses(client, staff_user):
    session = TrainingSessionFactory(capacity=2)
    EnrollmentFactory.create_batch(2, session=session)
    client.force_login(staff_user)
    url = reverse("admin:training_trainingsession_change", args=[session.pk])
    response = client.post(url, admin_session_form(session, capacity=1, format=CourseFormat.IN_PERSON))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "city": ["Give the venue or the city of a session held in person."],
        "capacity": ["2 learners are confirmed: the session needs at least that many seats."],
    }
    session.refresh_from_db()
    assert session.capacity == 2
