"""A session's page (times in every zone, the online link, the learner's place) and its management pages."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from roles.enums import CompetencySource
from roles.models import PersonCompetency
from tests.factories import UserFactory
from tests.factories.roles import language
from tests.factories.training import EnrollmentFactory, FeedbackFactory, TrainingSessionFactory
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Enrollment, TrainingSession

from .conftest import person_of

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 10, 2, 0, tzinfo=datetime.UTC)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def shown_messages(response) -> list[str]:
    """The messages the page after the redirect shows (and so consumes)."""
    return [str(message) for message in response.context["messages"]]


def session_url(session, name="training:session_detail") -> str:
    return reverse(name, args=[session.pk])


@pytest.fixture
def jakarta(course):
    return TrainingSessionFactory(
        course=course,
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=3),
        enrollment_deadline=START - datetime.timedelta(days=1),
        time_zone="Asia/Jakarta",
        format=CourseFormat.HYBRID,
        venue="Gedung Sate",
        city="Bandung",
        online_url="https://meet.example.org/secret-room",
        capacity=2,
    )


# --- The session's page ------------------------------------------------------------------------------


def test_session_page_for_a_visitor_shows_utc_times_for_the_browser_script_and_the_session_zone(
    client, jakarta
):
    content = client.get(session_url(jakarta)).content.decode()

    assert (
        '<time datetime="2027-03-10T02:00:00Z" data-local-time>March 10, 2027 2 a.m. <span class="time-zone">UTC</span></time>'
        in content
    )
    assert "March 10, 2027 9 a.m. – March 10, 2027 noon" in content
    assert '<span class="time-zone">Asia/Jakarta</span>' in content
    assert "/static/js/training.js" in content
    assert "Gedung Sate, Bandung" in content
    assert "secret-room" not in content
    assert "Shown to enrolled learners." in content
    assert "Log in to enroll" in content


def test_session_page_shows_times_in_the_zone_of_the_viewers_profile(client, jakarta, plain_user):
    person = person_of(plain_user)
    person.time_zone = "America/Santiago"
    person.save()
    client.force_login(plain_user)

    content = client.get(session_url(jakarta)).content.decode()

    assert (
        '<time datetime="2027-03-10T02:00:00Z">March 9, 2027 11 p.m. <span class="time-zone">America/Santiago</span></time>'
        in content
    )
    assert "data-local-time" not in content


def test_session_page_shows_the_online_link_to_learners_with_a_seat_and_managers_only(
    client, jakarta, organizer_a, organizer_b
):
    learner = UserFactory(username="seated")
    EnrollmentFactory(session=jakarta, person=learner.person)
    waiting = UserFactory(username="waiting")
    EnrollmentFactory(
        session=jakarta, person=waiting.person, state=EnrollmentState.WAITLISTED, waitlist_position=1
    )

    seen = {}
    for user in (learner, waiting, organizer_a, organizer_b):
        client.force_login(user)
        seen[user.username] = (
            "https://meet.example.org/secret-room" in client.get(session_url(jakarta)).content.decode()
        )

    assert seen == {"seated": True, "waiting": False, "organizer-a": True, "organizer-b": False}


def test_session_page_tells_a_waitlisted_learner_their_position(client, session):
    user = UserFactory(username="third")
    EnrollmentFactory(
        session=session, person=user.person, state=EnrollmentState.WAITLISTED, waitlist_position=2
    )
    client.force_login(user)

    content = client.get(session_url(session)).content.decode()

    assert "You are on the waitlist, at position 2." in content
    assert "Leave the waitlist" in content


def test_session_page_offers_the_managers_their_actions(client, session, hub_coordinator_a, plain_user):
    client.force_login(hub_coordinator_a)
    content = client.get(session_url(session)).content.decode()
    assert f'href="/en/training/sessions/{session.pk}/attendance/"' in content
    assert f'href="/en/training/sessions/{session.pk}/cancel/"' in content

    client.force_login(plain_user)
    content = client.get(session_url(session)).content.decode()
    assert "/attendance/" not in content
    assert "Feedback from learners" not in content


def test_session_page_of_a_draft_is_hidden_from_others(client, course, plain_user):
    draft = TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)
    client.force_login(plain_user)

    assert client.get(session_url(draft)).status_code == 404


def test_session_page_of_an_unknown_session_is_404(client):
    assert client.get(reverse("training:session_detail", args=[999999])).status_code == 404


# --- Enrollment --------------------------------------------------------------------------------------


def test_enroll_confirms_while_seats_remain_then_waitlists_with_a_position(client, session):
    users = [UserFactory(username=f"learner{n}") for n in range(3)]
    states = []
    for user in users:
        client.force_login(user)
        response = client.post(session_url(session, "training:session_enroll"), follow=True)
        assert response.redirect_chain == [(session_url(session), 302)]
        states.append(shown_messages(response))

    assert states == [
        ["You are enrolled. See you there!"],
        ["You are enrolled. See you there!"],
        [
            "The session is full: you are on the waitlist, at position 1. We will email you if a seat frees up."
        ],
    ]
    session.refresh_from_db()
    assert session.confirmed_count == 2


def test_enroll_twice_is_refused_with_a_message_and_changes_nothing(client, session, learner):
    client.force_login(learner)

    response = client.post(session_url(session, "training:session_enroll"))

    assert messages_of(response) == ["You are already enrolled in this session."]
    assert Enrollment.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.confirmed_count == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": SessionStatus.CANCELLED}, "This session was cancelled."),
        ({"status": SessionStatus.FINISHED}, "This session has already taken place."),
        ({"enrollment_deadline": "past"}, "Enrollment for this session has closed."),
    ],
)
def test_enroll_in_a_closed_session_is_refused_with_a_message(client, session, plain_user, changes, message):
    if changes.get("enrollment_deadline") == "past":
        changes = {"enrollment_deadline": timezone.now() - datetime.timedelta(hours=1)}
    TrainingSession.objects.filter(pk=session.pk).update(**changes)
    client.force_login(plain_user)

    response = client.post(session_url(session, "training:session_enroll"))

    assert messages_of(response) == [message]
    assert Enrollment.objects.filter(session=session).count() == 0


def test_enroll_as_a_visitor_goes_to_the_login_page(client, session):
    response = client.post(session_url(session, "training:session_enroll"))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_cancel_enrollment_promotes_the_first_waitlisted_learner_who_is_emailed(client, session, learner):
    other = UserFactory(username="second")
    EnrollmentFactory(session=session, person=other.person)
    waiting = UserFactory(username="waiting", email="waiting@example.org")
    EnrollmentFactory(
        session=session, person=waiting.person, state=EnrollmentState.WAITLISTED, waitlist_position=1
    )
    enrollment = Enrollment.objects.get(session=session, person__user=learner)
    client.force_login(learner)

    response = client.post(reverse("training:enrollment_cancel", args=[enrollment.pk]))

    assert response["Location"] == session_url(session)
    assert messages_of(response) == ["The enrollment was cancelled."]
    promoted = Enrollment.objects.get(person__user=waiting)
    assert (promoted.state, promoted.waitlist_position) == (EnrollmentState.CONFIRMED, None)
    assert Email.objects.filter(to="waiting@example.org").count() == 1


def test_cancel_enrollment_of_someone_else_is_forbidden(client, session, learner, plain_user):
    enrollment = Enrollment.objects.get(session=session, person__user=learner)
    client.force_login(plain_user)

    assert client.post(reverse("training:enrollment_cancel", args=[enrollment.pk])).status_code == 403
    enrollment.refresh_from_db()
    assert enrollment.state == EnrollmentState.CONFIRMED


def test_cancel_enrollment_goes_back_to_a_local_next_page_only(client, session, learner):
    enrollment = Enrollment.objects.get(session=session, person__user=learner)
    client.force_login(learner)

    response = client.post(
        reverse("training:enrollment_cancel", args=[enrollment.pk]), {"next": "https://evil.example.com/"}
    )

    assert response["Location"] == session_url(session)


# --- Scheduling, editing, publishing, cancelling -------------------------------------------------------


def session_data(**fields) -> dict:
    data = {
        "organization": "wikimedia-alpha",
        "time_zone": "Asia/Jakarta",
        "starts_at": "2027-03-10T09:00",
        "ends_at": "2027-03-10T12:00",
        "enrollment_deadline": "2027-03-09T09:00",
        "format": "hybrid",
        "venue": "Gedung Sate",
        "city": "Bandung",
        "online_url": "https://meet.example.org/room",
        "language": "en",
        "capacity": "2",
    }
    data.update(fields)
    return data


def test_session_create_saves_a_draft_with_times_in_the_session_zone(client, course, hub_coordinator_a):
    language("en")
    client.force_login(hub_coordinator_a)

    response = client.post(reverse("training:session_create", args=[course.pk]), session_data())

    session = TrainingSession.objects.get(course=course)
    assert response["Location"] == session_url(session)
    assert session.status == SessionStatus.DRAFT
    assert session.starts_at == START
    assert session.ends_at == START + datetime.timedelta(hours=3)
    assert session.enrollment_deadline == START - datetime.timedelta(days=1)
    assert str(session.time_zone) == "Asia/Jakarta"
    assert session.organization.slug == "wikimedia-alpha"


def test_session_create_form_offers_the_organisations_the_person_manages(client, course, organizer_b):
    client.force_login(organizer_b)

    response = client.get(reverse("training:session_create", args=[course.pk]))

    assert [org.slug for org in response.context["form"].fields["organization"].queryset] == [
        "wikimedia-beta"
    ]


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"ends_at": "2027-03-10T08:00"}, "ends_at", "The session must end after it starts."),
        ({"starts_at": "next tuesday"}, "starts_at", "Enter a valid date/time."),
        ({"capacity": "0"}, "capacity", "Ensure this value is greater than or equal to 1."),
        (
            {"time_zone": "Mars/Olympus"},
            "time_zone",
            "Select a valid choice. Mars/Olympus is not one of the available choices.",
        ),
        (
            {"organization": "wikimedia-beta"},
            "organization",
            "Choose one of the organisations you manage trainings for.",
        ),
        ({"venue": "", "city": ""}, "city", "Give the venue or the city of a session held in person."),
        (
            {"enrollment_deadline": "2027-03-11T09:00"},
            "enrollment_deadline",
            "Enrollment must close before the session ends.",
        ),
        ({"online_url": "not a link"}, "online_url", "Enter a valid URL."),
    ],
)
def test_session_create_with_bad_input_shows_the_error_and_keeps_what_was_typed(
    client, course, organizer_a, fields, field, error
):
    language("en")
    client.force_login(organizer_a)

    response = client.post(reverse("training:session_create", args=[course.pk]), session_data(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert 'value="Gedung Sate"' in response.content.decode() or field == "city"
    assert TrainingSession.objects.count() == 0


def test_session_edit_shows_the_stored_times_in_the_session_zone_and_saves_changes(
    client, jakarta, organizer_a
):
    client.force_login(organizer_a)

    page = client.get(session_url(jakarta, "training:session_edit")).content.decode()
    assert 'value="2027-03-10T09:00"' in page

    response = client.post(
        session_url(jakarta, "training:session_edit"),
        session_data(organization="", capacity="5", city="Jakarta"),
    )

    assert response["Location"] == session_url(jakarta)
    jakarta.refresh_from_db()
    assert (jakarta.capacity, jakarta.city, jakarta.starts_at) == (5, "Jakarta", START)


def test_session_edit_below_the_confirmed_learners_is_refused(client, session, organizer_a):
    EnrollmentFactory(session=session)
    EnrollmentFactory(session=session)
    client.force_login(organizer_a)

    response = client.post(
        session_url(session, "training:session_edit"),
        session_data(capacity="1", starts_at="2027-03-10T09:00", time_zone="UTC"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "2 learners are confirmed: the session needs at least that many seats."
    ]


def test_publish_a_draft_then_publishing_again_is_refused(client, course, organizer_a):
    draft = TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)
    client.force_login(organizer_a)

    first = client.post(session_url(draft, "training:session_publish"), follow=True)
    second = client.post(session_url(draft, "training:session_publish"), follow=True)

    assert shown_messages(first) == ["The session is published: learners can enroll."]
    assert shown_messages(second) == ["Only a draft session can be published."]
    draft.refresh_from_db()
    assert draft.status == SessionStatus.PUBLISHED


def test_cancel_session_needs_the_confirmation_then_tells_every_learner(
    client, session, learner, organizer_a
):
    client.force_login(organizer_a)

    refused = client.post(session_url(session, "training:session_cancel"), {})
    assert refused.status_code == 200
    assert refused.context["form"].errors["confirm"] == ["Tick the box to confirm the cancellation."]

    response = client.post(session_url(session, "training:session_cancel"), {"confirm": "on"})

    assert response["Location"] == session_url(session)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert list(Email.objects.values_list("to", flat=True)) == [["learner@example.org"]]


def test_cancel_an_already_cancelled_session_shows_the_error(client, session, organizer_a):
    TrainingSession.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    client.force_login(organizer_a)

    response = client.post(session_url(session, "training:session_cancel"), {"confirm": "on"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This session is already cancelled or finished."]


# --- Attendance and completion ----------------------------------------------------------------------------


@pytest.fixture
def started(course):
    begun = timezone.now() - datetime.timedelta(hours=1)
    return TrainingSessionFactory(
        course=course,
        starts_at=begun,
        ends_at=begun + datetime.timedelta(hours=2),
        enrollment_deadline=begun,
        capacity=3,
    )


def test_attendance_completion_records_the_course_competency_at_its_target_level(
    client, started, organizer_a, facilitation
):
    user = UserFactory(username="finisher")
    enrollment = EnrollmentFactory(session=started, person=user.person)
    client.force_login(organizer_a)

    response = client.post(
        session_url(started, "training:session_attendance"),
        {
            "prefix": f"e{enrollment.pk}",
            f"e{enrollment.pk}-enrollment": enrollment.pk,
            f"e{enrollment.pk}-state": "completed",
        },
    )

    assert response["Location"] == session_url(started, "training:session_attendance")
    assert messages_of(response) == ["finisher: Completed."]
    enrollment.refresh_from_db()
    assert enrollment.state == EnrollmentState.COMPLETED
    record = PersonCompetency.objects.get(person=user.person, competency=facilitation)
    assert (record.level, record.source) == (3, CompetencySource.TRAINING)


@pytest.mark.parametrize(
    ("state", "error"),
    [("bogus", "Choose attended, completed or did not attend."), ("", "This field is required.")],
)
def test_attendance_with_a_bad_mark_shows_the_error(client, started, organizer_a, state, error):
    enrollment = EnrollmentFactory(session=started)
    client.force_login(organizer_a)

    response = client.post(
        session_url(started, "training:session_attendance"),
        {
            "prefix": f"e{enrollment.pk}",
            f"e{enrollment.pk}-enrollment": enrollment.pk,
            f"e{enrollment.pk}-state": state,
        },
    )

    assert response.status_code == 400
    assert response.context["failed"].errors["state"] == [error]
    enrollment.refresh_from_db()
    assert enrollment.state == EnrollmentState.CONFIRMED


def test_attendance_of_a_learner_of_another_session_is_refused(client, started, session, organizer_a):
    elsewhere = EnrollmentFactory(session=session)
    client.force_login(organizer_a)

    response = client.post(
        session_url(started, "training:session_attendance"),
        {"prefix": "x", "x-enrollment": elsewhere.pk, "x-state": "attended"},
    )

    assert response.status_code == 400
    assert response.context["failed"].errors["enrollment"] == [
        "This learner is not enrolled in this session."
    ]


def test_attendance_before_the_session_started_is_refused_by_the_service(
    client, session, learner, organizer_a
):
    enrollment = Enrollment.objects.get(person__user=learner)
    client.force_login(organizer_a)

    response = client.post(
        session_url(session, "training:session_attendance"),
        {"prefix": "e", "e-enrollment": enrollment.pk, "e-state": "attended"},
    )

    assert response.status_code == 400
    assert response.context["failed"].non_field_errors() == [
        "Attendance can be recorded once the session has started."
    ]


def test_attendance_finish_marks_the_session_finished(client, started, organizer_a):
    client.force_login(organizer_a)

    response = client.post(session_url(started, "training:session_attendance"), {"finish": "1"})

    assert messages_of(response) == ["The session is marked as finished."]
    started.refresh_from_db()
    assert started.status == SessionStatus.FINISHED


def test_attendance_lists_learners_and_the_waitlist_in_order(client, session, organizer_a):
    EnrollmentFactory(session=session, person=UserFactory(username="zoe").person)
    EnrollmentFactory(
        session=session,
        person=UserFactory(username="ann").person,
        state=EnrollmentState.WAITLISTED,
        waitlist_position=1,
    )
    client.force_login(organizer_a)

    response = client.get(session_url(session, "training:session_attendance"))

    assert [(e.person.display_name, e.state) for e in response.context["enrollments"]] == [
        ("zoe", "confirmed"),
        ("ann", "waitlisted"),
    ]
    assert "Waitlist, position 1" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_attendance_queries_are_constant(client, started, organizer_a, django_assert_num_queries, count):
    for n in range(count):
        EnrollmentFactory(session=started, person=UserFactory(username=f"q{n}").person)
    client.force_login(organizer_a)

    # session, user, capacities, session with its joins, competencies, enrollments, feedback, person (header)
    with django_assert_num_queries(8):
        response = client.get(session_url(started, "training:session_attendance"))

    assert len(response.context["enrollments"]) == count


def test_feedback_aggregate_is_shown_to_managers_from_five_answers(client, course, organizer_a):
    ended = timezone.now() - datetime.timedelta(days=1)
    past = TrainingSessionFactory(course=course, starts_at=ended - datetime.timedelta(hours=2), ends_at=ended)
    for rating in (5, 4, 4, 3):
        FeedbackFactory(
            enrollment=EnrollmentFactory(session=past, state=EnrollmentState.ATTENDED), rating=rating
        )
    client.force_login(organizer_a)

    four = client.get(session_url(past)).content.decode()
    assert "Feedback is shown once at least five learners have answered" in four
    FeedbackFactory(
        enrollment=EnrollmentFactory(session=past, state=EnrollmentState.ATTENDED), rating=5, comment="Great"
    )

    five = client.get(session_url(past)).content.decode()
    assert "Average rating 4.2 out of 5, from 5 answers." in five
    assert "<li>Great</li>" in five


# --- Feedback ----------------------------------------------------------------------------------------


@pytest.fixture
def past_learner(course):
    ended = timezone.now() - datetime.timedelta(days=1)
    past = TrainingSessionFactory(course=course, starts_at=ended - datetime.timedelta(hours=2), ends_at=ended)
    user = UserFactory(username="alumna")
    EnrollmentFactory(session=past, person=user.person, state=EnrollmentState.ATTENDED)
    return user, past


def test_feedback_is_saved_once(client, past_learner):
    user, past = past_learner
    client.force_login(user)

    response = client.post(
        session_url(past, "training:session_feedback"), {"rating": "4", "comment": " Useful "}
    )

    assert response["Location"] == reverse("training:my_trainings")
    feedback = Enrollment.objects.get(person__user=user).feedback
    assert (feedback.rating, feedback.comment) == (4, "Useful")
    again = client.get(session_url(past, "training:session_feedback")).content.decode()
    assert "You already gave feedback on this session." in again


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"rating": "9"}, "rating", "Choose a rating from 1 to 5."),
        ({}, "rating", "Choose a rating from 1 to 5."),
        (
            {"rating": "3", "comment": "x" * 2001},
            "comment",
            "Ensure this value has at most 2000 characters (it has 2001).",
        ),
    ],
)
def test_feedback_with_bad_input_shows_the_error(client, past_learner, data, field, error):
    user, past = past_learner
    client.force_login(user)

    response = client.post(session_url(past, "training:session_feedback"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]


def test_feedback_before_the_end_is_refused_by_the_service(client, session, learner):
    client.force_login(learner)

    response = client.post(session_url(session, "training:session_feedback"), {"rating": "5"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Feedback opens when the session has ended."]
