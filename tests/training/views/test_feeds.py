"""iCalendar feeds, parsed back with the icalendar library: per session, per organisation, per learner."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import UserFactory
from tests.factories.training import EnrollmentFactory, TrainingSessionFactory
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.services import learner_feed_token

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 10, 2, 0, tzinfo=datetime.UTC)


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
    )


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_session_feed_holds_the_session_in_utc(client, jakarta):
    (event,) = events(client.get(reverse("training:session_ics", args=[jakarta.pk])))

    assert event.decoded("dtstart") == START
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    assert event.decoded("dtend") == datetime.datetime(2027, 3, 10, 5, 0, tzinfo=datetime.UTC)
    assert event["dtstart"].to_ical() == b"20270310T020000Z"
    assert str(event["summary"]) == "Facilitation basics"
    assert str(event["location"]) == "Gedung Sate, Bandung, Online"
    assert str(event["url"]) == f"http://testserver/en/training/sessions/{jakarta.pk}/"
    assert str(event["uid"]) == f"training-session-{jakarta.pk}@testserver"
    assert str(event["status"]) == "CONFIRMED"
    assert "secret-room" not in str(event["description"])


def test_session_feed_gives_the_online_link_to_a_learner_with_a_seat(client, jakarta):
    user = UserFactory(username="seated")
    EnrollmentFactory(session=jakarta, person=user.person)
    client.force_login(user)

    (event,) = events(client.get(reverse("training:session_ics", args=[jakarta.pk])))

    assert "Online link: https://meet.example.org/secret-room" in str(event["description"])


def test_session_feed_of_a_draft_is_hidden(client, course):
    draft = TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)

    assert client.get(reverse("training:session_ics", args=[draft.pk])).status_code == 404


def test_organization_feed_holds_its_public_sessions_with_cancelled_ones_marked(
    client, org_a, course, jakarta
):
    cancelled = TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)
    TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)

    found = events(client.get(reverse("training:organization_ics", args=[org_a.slug])))

    assert sorted((str(e["uid"]), str(e["status"])) for e in found) == sorted(
        [
            (f"training-session-{jakarta.pk}@testserver", "CONFIRMED"),
            (f"training-session-{cancelled.pk}@testserver", "CANCELLED"),
        ]
    )


def test_organization_feed_of_an_unknown_organisation_is_404(client):
    assert client.get(reverse("training:organization_ics", args=["nowhere"])).status_code == 404


def test_learner_feed_holds_their_seats_and_waitlist_places_with_utc_times(client, jakarta, course):
    user = UserFactory(username="feeder")
    EnrollmentFactory(session=jakarta, person=user.person)
    waiting = TrainingSessionFactory(course=course)
    EnrollmentFactory(
        session=waiting, person=user.person, state=EnrollmentState.WAITLISTED, waitlist_position=1
    )
    given_up = TrainingSessionFactory(course=course)
    EnrollmentFactory(session=given_up, person=user.person, state=EnrollmentState.CANCELLED)
    token = learner_feed_token(person=user.person)

    found = events(client.get(reverse("training:learner_ics", args=[token])))

    by_uid = {str(e["uid"]): e for e in found}
    assert sorted(by_uid) == sorted(
        [f"training-session-{jakarta.pk}@testserver", f"training-session-{waiting.pk}@testserver"]
    )
    seat = by_uid[f"training-session-{jakarta.pk}@testserver"]
    assert seat.decoded("dtstart") == START
    assert "Online link: https://meet.example.org/secret-room" in str(seat["description"])
    place = by_uid[f"training-session-{waiting.pk}@testserver"]
    assert str(place["summary"]) == "Facilitation basics (waitlist)"
    assert "Online link" not in str(place["description"])


def test_learner_feed_with_an_unknown_token_is_404(client):
    assert client.get(reverse("training:learner_ics", args=["nope"])).status_code == 404
