"""The training API: courses, sessions (filters), enrollments (own or the organiser's; enroll, cancel)."""

import datetime

import pytest
from django.utils import timezone

from roles.enums import Level
from tests.api.rows import drf_row, list_rows
from tests.factories import OrganizationFactory, PersonFactory, UserFactory, region
from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import (
    CourseCompetencyFactory,
    CourseFactory,
    EnrollmentFactory,
    TrainingSessionFactory,
)
from training.api.serializers import EnrollmentSerializer
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def in_days(days):
    return (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)


def ids(response):
    return [item["id"] for item in response.json()["results"]]


# --- Courses -------------------------------------------------------------------------------------------------


def test_course_list_shows_competencies_and_languages(api_client, org_a):
    course = CourseFactory(organization=org_a, title_en="Board basics", format=CourseFormat.HYBRID)
    course.title_fr = "Bases du conseil"
    course.save()
    CourseCompetencyFactory(
        course=course,
        competency=CompetencyFactory(slug="governance", name_en="Governance"),
        target_level=Level.PROFICIENT,
    )
    response = api_client.get("/api/v1/courses/")
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["title"] == "Board basics"
    assert "translations" not in item
    assert "title_fr" not in item
    assert item["organization"] == "wikimedia-alpha"
    assert item["format"] == "hybrid"
    assert item["languages"] == ["en"]
    assert item["competencies"] == [{"competency": "governance", "name": "Governance", "target_level": 3}]
    assert api_client.get("/api/v1/courses/?lang=fr").json()["results"][0]["title"] == "Bases du conseil"
    every = api_client.get("/api/v1/courses/?all_languages=1").json()["results"][0]
    assert (every["title"], every["translations"]["title"]["fr"], every["translations"]["title"]["en"]) == (
        "Board basics",
        "Bases du conseil",
        "Board basics",
    )


@pytest.mark.parametrize("count", [1, 3])
def test_course_list_query_count_does_not_grow(api_client, django_assert_num_queries, count):
    for _ in range(count):
        course = CourseFactory()
        CourseCompetencyFactory(course=course)
    with django_assert_num_queries(4):  # count, courses, languages, competencies
        response = api_client.get("/api/v1/courses/")
    assert len(response.json()["results"]) == count


def test_course_filters(api_client, org_a, org_b):
    governance = CompetencyFactory(slug="governance")
    wanted = CourseFactory(organization=org_a, title_en="Governance for boards", format=CourseFormat.ONLINE)
    CourseCompetencyFactory(course=wanted, competency=governance)
    other = CourseFactory(organization=org_b, title_en="Photography", format=CourseFormat.IN_PERSON)
    other.languages.set([language("fr")])
    assert ids(api_client.get("/api/v1/courses/?competency=governance")) == [wanted.pk]
    assert ids(api_client.get("/api/v1/courses/?format=in_person")) == [other.pk]
    assert ids(api_client.get("/api/v1/courses/?language=fr")) == [other.pk]
    assert ids(api_client.get("/api/v1/courses/?organization=wikimedia-beta")) == [other.pk]
    assert ids(api_client.get("/api/v1/courses/?q=BOARDS")) == [wanted.pk]


def test_course_filters_refuse_unknown_values(api_client):
    response = api_client.get("/api/v1/courses/?competency=nope&format=radio")
    assert response.status_code == 400
    assert sorted(response.json()) == ["competency", "format"]


def test_course_is_read_only(signed_in, staff_user):
    response = signed_in(staff_user).post("/api/v1/courses/", {"title_en": "x"}, format="json")
    assert response.status_code == 405


# --- Sessions ------------------------------------------------------------------------------------------------


def test_session_list_filters_by_date_range_region_language_format_and_competency(api_client):
    south_asia = OrganizationFactory(slug="wm-sa", region=region("SA"))
    governance = CompetencyFactory(slug="governance")
    course = CourseFactory()
    CourseCompetencyFactory(course=course, competency=governance)
    soon = TrainingSessionFactory(
        course=course,
        starts_at=in_days(2),
        ends_at=in_days(2) + datetime.timedelta(hours=1),
        enrollment_deadline=in_days(2),
    )
    later = TrainingSessionFactory(
        starts_at=in_days(30),
        ends_at=in_days(30) + datetime.timedelta(hours=1),
        enrollment_deadline=in_days(30),
        organization=south_asia,
        language=language("fr"),
        format=CourseFormat.IN_PERSON,
        city="Dhaka",
    )
    assert ids(api_client.get("/api/v1/training-sessions/")) == [soon.pk, later.pk]
    start, end = in_days(10).isoformat(), in_days(40).isoformat()
    assert ids(
        api_client.get("/api/v1/training-sessions/", {"starts_after": start, "starts_before": end})
    ) == [later.pk]
    assert ids(api_client.get("/api/v1/training-sessions/?region=sa")) == [later.pk]
    assert ids(api_client.get("/api/v1/training-sessions/?language=fr")) == [later.pk]
    assert ids(api_client.get("/api/v1/training-sessions/?format=in_person")) == [later.pk]
    assert ids(api_client.get("/api/v1/training-sessions/?competency=governance")) == [soon.pk]


def test_session_filters_refuse_unknown_values(api_client):
    response = api_client.get("/api/v1/training-sessions/?starts_after=yesterday&region=MARS&language=xx")
    assert response.status_code == 400
    assert sorted(response.json()) == ["language", "region", "starts_after"]


@pytest.mark.parametrize("count", [1, 3])
def test_session_list_query_count_does_not_grow(api_client, django_assert_num_queries, count):
    TrainingSessionFactory.create_batch(count)
    with django_assert_num_queries(2):  # count, sessions (no competencies: the API does not show them)
        response = api_client.get("/api/v1/training-sessions/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_session_list_signed_in_query_count_does_not_grow(
    signed_in, plain_user, django_assert_num_queries, count
):
    client = signed_in(plain_user)
    TrainingSessionFactory.create_batch(count)
    # session, user, memberships, seats held, count, sessions
    with django_assert_num_queries(6):
        response = client.get("/api/v1/training-sessions/")
    assert len(response.json()["results"]) == count


def test_session_drafts_are_seen_by_their_managers_only(
    api_client, signed_in, org_a, organizer_a, organizer_b
):
    draft = TrainingSessionFactory(course__organization=org_a, status=SessionStatus.DRAFT)
    assert api_client.get(f"/api/v1/training-sessions/{draft.pk}/").status_code == 404
    assert signed_in(organizer_b).get(f"/api/v1/training-sessions/{draft.pk}/").status_code == 404
    assert signed_in(organizer_a).get(f"/api/v1/training-sessions/{draft.pk}/").json()["status"] == "draft"


def test_session_online_link_only_for_managers_and_seated_learners(
    api_client, signed_in, org_a, organizer_a, plain_user
):
    session = TrainingSessionFactory(course__organization=org_a, online_url="https://meet.example.org/secret")
    url = f"/api/v1/training-sessions/{session.pk}/"
    assert api_client.get(url).json()["online_url"] == ""
    assert signed_in(plain_user).get(url).json()["online_url"] == ""
    assert signed_in(organizer_a).get(url).json()["online_url"] == "https://meet.example.org/secret"
    EnrollmentFactory(session=session, person=plain_user.person)
    assert signed_in(plain_user).get(url).json()["online_url"] == "https://meet.example.org/secret"


# --- Enrollments ---------------------------------------------------------------------------------------------


def test_enroll_confirms_then_waitlists(signed_in, plain_user):
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session)
    response = signed_in(plain_user).post("/api/v1/enrollments/", {"session": session.pk}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["session"], body["state"], body["waitlist_position"], body["learner"]) == (
        session.pk,
        "waitlisted",
        1,
        "plain",
    )


def test_enroll_twice_answers_400_with_the_reason_and_changes_nothing(signed_in, plain_user):
    session = TrainingSessionFactory()
    client = signed_in(plain_user)
    assert client.post("/api/v1/enrollments/", {"session": session.pk}, format="json").status_code == 201
    response = client.post("/api/v1/enrollments/", {"session": session.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["You are already enrolled in this session."]}
    assert Enrollment.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"status": SessionStatus.CANCELLED}, "This session was cancelled."),
        ({"status": SessionStatus.FINISHED}, "This session has already taken place."),
        ({"enrollment_deadline": in_days(-1)}, "Enrollment for this session has closed."),
    ],
)
def test_enroll_in_a_closed_session_answers_400(signed_in, plain_user, overrides, message):
    session = TrainingSessionFactory(**overrides)
    response = signed_in(plain_user).post("/api/v1/enrollments/", {"session": session.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [message]}
    assert Enrollment.objects.count() == 0


def test_enroll_in_a_draft_one_cannot_see_answers_400(signed_in, plain_user, organizer_a, org_a):
    draft = TrainingSessionFactory(course__organization=org_a, status=SessionStatus.DRAFT)
    response = signed_in(plain_user).post("/api/v1/enrollments/", {"session": draft.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"session": [f'Invalid pk "{draft.pk}" - object does not exist.']}
    response = signed_in(organizer_a).post("/api/v1/enrollments/", {"session": draft.pk}, format="json")
    assert response.json() == {"non_field_errors": ["This session is not open for enrollment yet."]}
    assert Enrollment.objects.count() == 0


def test_enroll_without_a_session_or_signed_out(api_client, signed_in, plain_user):
    response = signed_in(plain_user).post("/api/v1/enrollments/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"session": ["This field is required."]}
    response = signed_in(plain_user).post("/api/v1/enrollments/", {"session": "abc"}, format="json")
    assert response.json() == {"session": ["Incorrect type. Expected pk value, received str."]}
    assert api_client.post("/api/v1/enrollments/", {"session": 1}, format="json").status_code in (401, 403)


def test_enrollment_list_own_and_the_organisers(signed_in, org_a, organizer_a, organizer_b, plain_user):
    session = TrainingSessionFactory(course__organization=org_a)
    mine = EnrollmentFactory(session=session, person=plain_user.person)
    theirs = EnrollmentFactory(session=session, person=PersonFactory(display_name="Someone"))
    elsewhere = EnrollmentFactory(person=plain_user.person)
    assert sorted(ids(signed_in(plain_user).get("/api/v1/enrollments/"))) == sorted([mine.pk, elsewhere.pk])
    assert sorted(ids(signed_in(organizer_a).get("/api/v1/enrollments/"))) == sorted([mine.pk, theirs.pk])
    assert ids(signed_in(organizer_b).get("/api/v1/enrollments/")) == []
    assert signed_in(organizer_b).get(f"/api/v1/enrollments/{mine.pk}/").status_code == 404
    assert ids(signed_in(organizer_a).get(f"/api/v1/enrollments/?session={session.pk}&state=confirmed")) == [
        theirs.pk,
        mine.pk,
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_enrollment_list_query_count_does_not_grow(signed_in, plain_user, django_assert_num_queries, count):
    client = signed_in(plain_user)
    for _ in range(count):
        EnrollmentFactory(person=plain_user.person)
    with django_assert_num_queries(5):  # session, user, memberships, count, enrollments
        response = client.get("/api/v1/enrollments/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_enrollment_list_of_an_organiser_query_count_does_not_grow(
    signed_in, org_a, organizer_a, django_assert_num_queries, count
):
    client = signed_in(organizer_a)
    for _ in range(count):
        EnrollmentFactory(session=TrainingSessionFactory(course__organization=org_a))
        EnrollmentFactory(person=organizer_a.person)
    with django_assert_num_queries(
        5
    ):  # session, user, memberships, count, enrollments (theirs and the org's)
        response = client.get("/api/v1/enrollments/")
    assert len(response.json()["results"]) == 2 * count


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_enrollment_list_rows_equal_the_declared_fields(signed_in, org_a, organizer_a, lang):
    course = CourseFactory(organization=org_a, title_en="Board basics")
    course.title_fr = "Bases du conseil"
    course.save()
    waiting = EnrollmentFactory(
        session=TrainingSessionFactory(course=course, organization=org_a, capacity=1),
        state=EnrollmentState.WAITLISTED,
        waitlist_position=1,
    )
    own = EnrollmentFactory(person=organizer_a.person)
    path = f"/api/v1/enrollments/?lang={lang}"

    rows = list_rows(signed_in(organizer_a).get(path))

    full = Enrollment.objects.select_related("session__course", "person")  # every column of each
    assert rows == [
        drf_row(EnrollmentSerializer, full.get(pk=pk), path=path, lang=lang, user=organizer_a)
        for pk in (own.pk, waiting.pk)
    ]


def test_enrollment_cancel_by_the_learner_promotes_the_waitlist(signed_in, plain_user):
    session = TrainingSessionFactory(capacity=1)
    mine = EnrollmentFactory(session=session, person=plain_user.person)
    waiting = EnrollmentFactory(session=session, state=EnrollmentState.WAITLISTED, waitlist_position=1)
    response = signed_in(plain_user).post(f"/api/v1/enrollments/{mine.pk}/cancel/")
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.state == EnrollmentState.CONFIRMED
    again = signed_in(plain_user).post(f"/api/v1/enrollments/{mine.pk}/cancel/")
    assert again.status_code == 400
    assert again.json() == {
        "non_field_errors": ["This enrollment is already cancelled or its attendance is recorded."]
    }


def test_enrollment_cancel_by_someone_else_is_refused(signed_in, org_a, organizer_a, organizer_b):
    learner = UserFactory(username="learner")
    session = TrainingSessionFactory(course__organization=org_a)
    enrollment = EnrollmentFactory(session=session, person=learner.person)
    assert signed_in(organizer_b).post(f"/api/v1/enrollments/{enrollment.pk}/cancel/").status_code == 404
    member = UserFactory(username="other-learner")
    EnrollmentFactory(session=session, person=member.person)
    assert signed_in(member).post(f"/api/v1/enrollments/{enrollment.pk}/cancel/").status_code == 404
    assert signed_in(organizer_a).post(f"/api/v1/enrollments/{enrollment.pk}/cancel/").status_code == 200


def test_schema_documents_the_training_endpoints(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    assert {
        "/api/v1/courses/",
        "/api/v1/training-sessions/",
        "/api/v1/enrollments/",
        "/api/v1/enrollments/{id}/cancel/",
    } <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/training-sessions/"]["get"]["parameters"]}
    assert {"starts_after", "starts_before", "region", "language", "format", "competency"} <= parameters
