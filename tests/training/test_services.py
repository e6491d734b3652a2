"""The training services: courses, sessions, enrollment and waitlist, attendance, completion, feedback."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from post_office.models import Email

from leadership.common import privacy
from roles.enums import CompetencySource, Level
from roles.models import PersonCompetency
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import (
    CourseCompetencyFactory,
    CourseFactory,
    EnrollmentFactory,
    FeedbackFactory,
    TrainingSessionFactory,
)
from training import selectors, services
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Course, CourseCompetency, Enrollment, Feedback, LearnerFeed, TrainingSession

pytestmark = pytest.mark.django_db


def subjects(address):
    return [email.subject for email in Email.objects.filter(to=address).order_by("id")]


def waitlist(session):
    return list(
        Enrollment.objects.filter(session=session, state=EnrollmentState.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("person__display_name", "waitlist_position")
    )


def snapshot(session):
    """Everything an enrollment could change: the counter and every row's state and position."""
    session.refresh_from_db()
    rows = (
        Enrollment.objects.filter(session=session)
        .order_by("id")
        .values_list("id", "state", "waitlist_position")
    )
    return session.confirmed_count, list(rows), Email.objects.count()


def messages(error):
    return error.value.messages


def in_hours(hours):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours)


# --- Enrollment ----------------------------------------------------------------------------------------------


def test_enrollment_create_confirms_while_seats_remain_then_waitlists_in_order():
    session = TrainingSessionFactory(capacity=2)
    people = [PersonFactory(display_name=name) for name in ("Ana", "Bo", "Cy", "Di")]
    states = [services.enrollment_create(session=session, person=p) for p in people]
    assert [(e.state, e.waitlist_position) for e in states] == [
        (EnrollmentState.CONFIRMED, None),
        (EnrollmentState.CONFIRMED, None),
        (EnrollmentState.WAITLISTED, 1),
        (EnrollmentState.WAITLISTED, 2),
    ]
    session.refresh_from_db()
    assert session.confirmed_count == 2
    assert waitlist(session) == [("Cy", 1), ("Di", 2)]


def test_enrollment_create_twice_is_refused_and_changes_nothing():
    session = TrainingSessionFactory(capacity=1)
    person = PersonFactory()
    services.enrollment_create(session=session, person=person)
    before = snapshot(session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_create(session=session, person=person)
    assert messages(error) == ["You are already enrolled in this session."]
    assert snapshot(session) == before


def test_enrollment_create_twice_while_waitlisted_is_refused():
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session)
    person = PersonFactory()
    services.enrollment_create(session=session, person=person)
    before = snapshot(session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_create(session=session, person=person)
    assert messages(error) == ["You are already enrolled in this session."]
    assert snapshot(session) == before


def test_enrollment_create_after_the_deadline_is_refused():
    session = TrainingSessionFactory(enrollment_deadline=in_hours(-1))
    before = snapshot(session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_create(session=session, person=PersonFactory())
    assert messages(error) == ["Enrollment for this session has closed."]
    assert snapshot(session) == before


def test_enrollment_create_after_the_start_is_refused():
    session = TrainingSessionFactory(starts_at=in_hours(-1), enrollment_deadline=in_hours(1))
    with pytest.raises(ValidationError) as error:
        services.enrollment_create(session=session, person=PersonFactory())
    assert messages(error) == ["Enrollment for this session has closed."]
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (SessionStatus.DRAFT, "This session is not open for enrollment yet."),
        (SessionStatus.CANCELLED, "This session was cancelled."),
        (SessionStatus.FINISHED, "This session has already taken place."),
    ],
)
def test_enrollment_create_in_a_closed_session_is_refused(status, message):
    session = TrainingSessionFactory(status=status)
    before = snapshot(session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_create(session=session, person=PersonFactory())
    assert messages(error) == [message]
    assert snapshot(session) == before


def test_enrollment_create_message_is_translated_lazily():
    session = TrainingSessionFactory(status=SessionStatus.CANCELLED)
    with pytest.raises(ValidationError) as error:
        services.enrollment_create(session=session, person=PersonFactory())
    assert isinstance(error.value.error_list[0].message, Promise)  # read in the language of whoever shows it
    assert error.value.error_list[0].code == "cancelled"


def test_enrollment_create_again_after_cancelling_reuses_the_row():
    session = TrainingSessionFactory(capacity=1)
    person = PersonFactory()
    first = services.enrollment_create(session=session, person=person)
    services.enrollment_cancel(enrollment=first)
    again = services.enrollment_create(session=session, person=person)
    assert (again.pk, again.state) == (first.pk, EnrollmentState.CONFIRMED)
    session.refresh_from_db()
    assert session.confirmed_count == 1


# --- Cancelling an enrollment --------------------------------------------------------------------------------


def test_enrollment_cancel_frees_the_seat_and_promotes_the_first_waitlisted_who_is_told():
    session = TrainingSessionFactory(capacity=1, course__title_en="Facilitation")
    first = services.enrollment_create(session=session, person=PersonFactory(display_name="Ana"))
    second = services.enrollment_create(
        session=session, person=PersonFactory(display_name="Bo", email="bo@example.org")
    )
    services.enrollment_create(session=session, person=PersonFactory(display_name="Cy"))
    cancelled = services.enrollment_cancel(enrollment=first)
    assert cancelled.state == EnrollmentState.CANCELLED
    second.refresh_from_db()
    assert (second.state, second.waitlist_position) == (EnrollmentState.CONFIRMED, None)
    assert waitlist(session) == [("Cy", 1)]
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert subjects("bo@example.org") == ["A seat is yours: Facilitation"]
    email = Email.objects.get(to="bo@example.org")
    assert f"http://testserver/en/training/sessions/{session.pk}/" in email.message


def test_enrollment_cancel_without_a_waitlist_frees_the_seat():
    session = TrainingSessionFactory(capacity=2)
    enrollment = services.enrollment_create(session=session, person=PersonFactory())
    services.enrollment_cancel(enrollment=enrollment)
    session.refresh_from_db()
    assert session.confirmed_count == 0
    assert Email.objects.count() == 0


def test_enrollment_cancel_of_a_waitlisted_learner_closes_the_gap():
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session)
    names = ["Ana", "Bo", "Cy", "Di"]
    enrollments = [
        services.enrollment_create(session=session, person=PersonFactory(display_name=n)) for n in names
    ]
    services.enrollment_cancel(enrollment=enrollments[1])
    assert waitlist(session) == [("Ana", 1), ("Cy", 2), ("Di", 3)]
    session.refresh_from_db()
    assert session.confirmed_count == 1


def test_enrollment_cancel_twice_is_refused_and_changes_nothing():
    session = TrainingSessionFactory(capacity=1)
    enrollment = services.enrollment_create(session=session, person=PersonFactory())
    services.enrollment_cancel(enrollment=enrollment)
    before = snapshot(session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_cancel(enrollment=enrollment)
    assert messages(error) == ["This enrollment is already cancelled or its attendance is recorded."]
    assert snapshot(session) == before


def test_enrollment_cancel_in_a_finished_session_is_refused():
    session = TrainingSessionFactory(status=SessionStatus.FINISHED)
    enrollment = EnrollmentFactory(session=session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_cancel(enrollment=enrollment)
    assert messages(error) == ["This session is already cancelled or finished."]
    enrollment.refresh_from_db()
    assert enrollment.state == EnrollmentState.CONFIRMED


# --- Sessions ------------------------------------------------------------------------------------------------


def session_data(**overrides):
    data = {
        "starts_at": in_hours(48),
        "ends_at": in_hours(50),
        "time_zone": zoneinfo.ZoneInfo("Asia/Jakarta"),
        "format": CourseFormat.HYBRID,
        "venue": "Gedung Sate",
        "city": "Bandung",
        "online_url": "https://meet.example.org/x",
        "language": language("en"),
        "capacity": 2,
        "enrollment_deadline": None,
    }
    return {**data, **overrides}


def test_session_save_creates_a_draft_closing_at_the_start():
    course = CourseFactory()
    session = services.session_save(course=course, organization=course.organization, data=session_data())
    assert session.status == SessionStatus.DRAFT
    assert session.enrollment_deadline == session.starts_at
    assert str(session.time_zone) == "Asia/Jakarta"
    assert session.confirmed_count == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": in_hours(47)}, "ends_at", "The session must end after it starts."),
        ({"venue": "", "city": ""}, "city", "Give the venue or the city of a session held in person."),
        (
            {"enrollment_deadline": in_hours(51)},
            "enrollment_deadline",
            "Enrollment must close before the session ends.",
        ),
        (
            {"starts_at": datetime.datetime(2030, 1, 1, 10, 0)},  # noqa: DTZ001  # a naive time, on purpose
            "starts_at",
            "Give a date and time with its time zone.",
        ),
    ],
)
def test_session_save_refuses_bad_input(overrides, field, message):
    course = CourseFactory()
    with pytest.raises(ValidationError) as error:
        services.session_save(course=course, organization=course.organization, data=session_data(**overrides))
    assert error.value.message_dict[field] == [message]
    assert TrainingSession.objects.count() == 0


def test_session_save_refuses_fewer_seats_than_confirmed_learners():
    session = TrainingSessionFactory(capacity=3)
    EnrollmentFactory.create_batch(2, session=session)
    with pytest.raises(ValidationError) as error:
        services.session_save(
            session=session, course=session.course, organization=session.organization, data={"capacity": 1}
        )
    assert error.value.message_dict["capacity"] == [
        "2 learners are confirmed: the session needs at least that many seats."
    ]
    session.refresh_from_db()
    assert session.capacity == 3


def test_session_save_with_more_seats_promotes_the_waitlist():
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session)
    ana = services.enrollment_create(
        session=session, person=PersonFactory(display_name="Ana", email="ana@example.org")
    )
    services.enrollment_create(session=session, person=PersonFactory(display_name="Bo"))
    services.session_save(
        session=session, course=session.course, organization=session.organization, data={"capacity": 2}
    )
    ana.refresh_from_db()
    assert ana.state == EnrollmentState.CONFIRMED
    assert waitlist(session) == [("Bo", 1)]
    assert len(subjects("ana@example.org")) == 1


def test_session_save_of_a_cancelled_session_is_refused():
    session = TrainingSessionFactory(status=SessionStatus.CANCELLED, capacity=4)
    with pytest.raises(ValidationError) as error:
        services.session_save(
            session=session, course=session.course, organization=session.organization, data={"capacity": 5}
        )
    assert messages(error) == ["A cancelled or finished session can no longer be changed."]
    session.refresh_from_db()
    assert session.capacity == 4


def test_session_save_refuses_unknown_fields():
    session = TrainingSessionFactory()
    with pytest.raises(ValidationError) as error:
        services.session_save(
            session=session,
            course=session.course,
            organization=session.organization,
            data={"confirmed_count": 9},
        )
    assert messages(error) == ["confirmed_count cannot be set here."]


def test_session_publish_opens_a_draft_and_only_a_draft():
    session = TrainingSessionFactory(status=SessionStatus.DRAFT)
    services.session_publish(session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.PUBLISHED
    with pytest.raises(ValidationError) as error:
        services.session_publish(session=session)
    assert messages(error) == ["Only a draft session can be published."]


def test_session_cancel_tells_every_confirmed_and_waitlisted_learner():
    session = TrainingSessionFactory(capacity=1, course__title_en="Budgets")
    services.enrollment_create(session=session, person=PersonFactory(email="ana@example.org"))
    services.enrollment_create(session=session, person=PersonFactory(email="bo@example.org"))
    gone = services.enrollment_create(session=session, person=PersonFactory(email="cy@example.org"))
    services.enrollment_cancel(enrollment=gone)
    services.session_cancel(session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert subjects("ana@example.org") == ["Cancelled: Budgets"]
    assert subjects("bo@example.org") == ["Cancelled: Budgets"]
    assert subjects("cy@example.org") == []


def test_session_cancel_twice_is_refused_and_sends_nothing_more():
    session = TrainingSessionFactory()
    EnrollmentFactory(session=session, person=PersonFactory(email="ana@example.org"))
    services.session_cancel(session=session)
    with pytest.raises(ValidationError) as error:
        services.session_cancel(session=session)
    assert messages(error) == ["This session is already cancelled or finished."]
    assert len(subjects("ana@example.org")) == 1


def test_session_cancel_email_gives_the_start_in_the_session_zone():
    session = TrainingSessionFactory(
        starts_at=datetime.datetime(2031, 3, 4, 2, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 3, 4, 4, 0, tzinfo=datetime.UTC),
        enrollment_deadline=datetime.datetime(2031, 3, 4, 2, 0, tzinfo=datetime.UTC),
        time_zone="Asia/Jakarta",
    )
    EnrollmentFactory(session=session, person=PersonFactory(email="ana@example.org"))
    services.session_cancel(session=session)
    message = Email.objects.get(to="ana@example.org").message
    assert "March 4, 2031, 9 a.m. (Asia/Jakarta)" in message


def test_session_finish_needs_a_started_published_session():
    upcoming = TrainingSessionFactory()
    with pytest.raises(ValidationError) as error:
        services.session_finish(session=upcoming)
    assert messages(error) == ["A session can be finished only after it has started."]
    started = TrainingSessionFactory(
        starts_at=in_hours(-2), ends_at=in_hours(-1), enrollment_deadline=in_hours(-2)
    )
    services.session_finish(session=started)
    started.refresh_from_db()
    assert started.status == SessionStatus.FINISHED
    with pytest.raises(ValidationError) as error:
        services.session_finish(session=started)
    assert messages(error) == ["Only a published session can be finished."]


# --- Attendance and completion -------------------------------------------------------------------------------


def past_session(**kwargs):
    return TrainingSessionFactory(
        starts_at=in_hours(-3), ends_at=in_hours(-1), enrollment_deadline=in_hours(-3), **kwargs
    )


def test_enrollment_mark_completed_records_the_course_competencies_from_training():
    session = past_session(course__title_en="Running a board")
    governance = CompetencyFactory(name_en="Governance", slug="governance")
    finance = CompetencyFactory(name_en="Finance", slug="finance")
    CourseCompetencyFactory(course=session.course, competency=governance, target_level=Level.PROFICIENT)
    CourseCompetencyFactory(course=session.course, competency=finance, target_level=Level.AWARE)
    learner = PersonFactory()
    enrollment = EnrollmentFactory(session=session, person=learner)
    services.enrollment_mark(enrollment=enrollment, state=EnrollmentState.COMPLETED)
    enrollment.refresh_from_db()
    assert enrollment.state == EnrollmentState.COMPLETED
    records = PersonCompetency.objects.filter(person=learner).order_by("competency__slug")
    assert [(r.competency.slug, r.level, r.source) for r in records] == [
        ("finance", Level.AWARE, CompetencySource.TRAINING),
        ("governance", Level.PROFICIENT, CompetencySource.TRAINING),
    ]
    assert records[0].evidence.startswith("Completed the training “Running a board” on ")
    # Marking it again records nothing twice.
    services.enrollment_mark(enrollment=enrollment, state=EnrollmentState.COMPLETED)
    assert PersonCompetency.objects.filter(person=learner).count() == 2


def test_enrollment_mark_attended_and_no_show_record_no_competency():
    session = past_session()
    CourseCompetencyFactory(course=session.course)
    attended = EnrollmentFactory(session=session)
    absent = EnrollmentFactory(session=session)
    services.enrollment_mark(enrollment=attended, state=EnrollmentState.ATTENDED)
    services.enrollment_mark(enrollment=absent, state=EnrollmentState.NO_SHOW)
    assert list(Enrollment.objects.order_by("id").values_list("state", flat=True)) == ["attended", "no_show"]
    assert PersonCompetency.objects.count() == 0
    session.refresh_from_db()
    assert session.confirmed_count == 2


def test_enrollment_mark_refuses_bad_input_and_changes_nothing():
    session = past_session()
    waitlisted = EnrollmentFactory(session=session, state=EnrollmentState.WAITLISTED, waitlist_position=1)
    confirmed = EnrollmentFactory(session=session)
    with pytest.raises(ValidationError) as error:
        services.enrollment_mark(enrollment=waitlisted, state=EnrollmentState.ATTENDED)
    assert messages(error) == ["Only learners with a confirmed seat can be marked."]
    with pytest.raises(ValidationError) as error:
        services.enrollment_mark(enrollment=confirmed, state=EnrollmentState.CANCELLED)
    assert messages(error) == ["Choose attended, did not attend or completed."]
    services.enrollment_mark(enrollment=confirmed, state=EnrollmentState.COMPLETED)
    with pytest.raises(ValidationError) as error:
        services.enrollment_mark(enrollment=confirmed, state=EnrollmentState.NO_SHOW)
    assert messages(error) == ["Completion is recorded, with the competencies it gave: it cannot be changed."]
    assert list(Enrollment.objects.order_by("id").values_list("state", flat=True)) == [
        "waitlisted",
        "completed",
    ]


def test_enrollment_mark_before_the_start_is_refused():
    enrollment = EnrollmentFactory()
    with pytest.raises(ValidationError) as error:
        services.enrollment_mark(enrollment=enrollment, state=EnrollmentState.ATTENDED)
    assert messages(error) == ["Attendance can be recorded once the session has started."]
    enrollment.refresh_from_db()
    assert enrollment.state == EnrollmentState.CONFIRMED


def test_enrollment_mark_in_a_cancelled_session_is_refused():
    enrollment = EnrollmentFactory(session=past_session(status=SessionStatus.CANCELLED))
    with pytest.raises(ValidationError) as error:
        services.enrollment_mark(enrollment=enrollment, state=EnrollmentState.ATTENDED)
    assert messages(error) == ["Attendance is recorded for published or finished sessions only."]


# --- Feedback ------------------------------------------------------------------------------------------------


def test_feedback_submit_once_after_the_end():
    enrollment = EnrollmentFactory(session=past_session(), state=EnrollmentState.ATTENDED)
    feedback = services.feedback_submit(enrollment=enrollment, rating=5, comment="  Clear and useful.  ")
    assert (feedback.rating, feedback.comment) == (5, "Clear and useful.")
    with pytest.raises(ValidationError) as error:
        services.feedback_submit(enrollment=enrollment, rating=1)
    assert messages(error) == ["You already gave feedback on this session."]
    assert list(Feedback.objects.values_list("rating", flat=True)) == [5]


@pytest.mark.parametrize("rating", [0, 6, True, "5", None])
def test_feedback_submit_refuses_a_bad_rating(rating):
    enrollment = EnrollmentFactory(session=past_session())
    with pytest.raises(ValidationError) as error:
        services.feedback_submit(enrollment=enrollment, rating=rating)
    assert error.value.message_dict == {"rating": ["Choose a rating from 1 to 5."]}
    assert Feedback.objects.count() == 0


def test_feedback_submit_before_the_end_or_without_a_seat_is_refused():
    upcoming = EnrollmentFactory()
    with pytest.raises(ValidationError) as error:
        services.feedback_submit(enrollment=upcoming, rating=4)
    assert messages(error) == ["Feedback opens when the session has ended."]
    absent = EnrollmentFactory(session=past_session(), state=EnrollmentState.NO_SHOW)
    with pytest.raises(ValidationError) as error:
        services.feedback_submit(enrollment=absent, rating=4)
    assert messages(error) == ["Only learners who took part can give feedback."]
    assert Feedback.objects.count() == 0


def test_feedback_summary_shows_nothing_below_five_answers():
    session = past_session()
    for rating in (5, 4, 3, 4):
        FeedbackFactory(enrollment__session=session, rating=rating, comment=f"rated {rating}")
    assert selectors.feedback_summary(session=session) is None
    FeedbackFactory(enrollment__session=session, rating=2, comment="")
    assert selectors.feedback_summary(session=session) == {
        "count": 5,
        "average": 3.6,
        "comments": ["rated 3", "rated 4", "rated 4", "rated 5"],
    }


# --- Courses -------------------------------------------------------------------------------------------------


def test_course_save_creates_a_course_with_its_competencies_and_languages():
    organization = OrganizationFactory()
    governance = CompetencyFactory(slug="governance")
    course = services.course_save(
        organization=organization,
        data={
            "title_fr": "Gouvernance",
            "format": CourseFormat.ONLINE,
            "duration_minutes": 120,
            "languages": [language("fr")],
        },
        competencies=[(governance, Level.PRACTISING)],
    )
    assert course.search_text == "gouvernance"
    assert list(course.languages.values_list("code", flat=True)) == ["fr"]
    assert list(CourseCompetency.objects.values_list("competency__slug", "target_level")) == [
        ("governance", 2)
    ]
    services.course_save(course=course, organization=organization, data={}, competencies=[])
    assert CourseCompetency.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "competencies", "message"),
    [
        (
            {"format": "online", "duration_minutes": 60},
            [],
            {"title": ["Give the course a title in at least one language."]},
        ),
        (
            {"title_en": "T", "format": "online", "duration_minutes": 0},
            [],
            {"duration_minutes": ["Ensure this value is greater than or equal to 1."]},
        ),
        (
            {"title_en": "T", "format": "radio", "duration_minutes": 60},
            [],
            {"format": ["Value 'radio' is not a valid choice."]},
        ),
    ],
)
def test_course_save_refuses_bad_input(data, competencies, message):
    with pytest.raises(ValidationError) as error:
        services.course_save(organization=OrganizationFactory(), data=data, competencies=competencies)
    assert error.value.message_dict == message
    assert Course.objects.count() == 0


def test_course_save_refuses_a_competency_twice_or_a_bad_level():
    competency = CompetencyFactory(name_en="Governance")
    data = {"title_en": "T", "format": "online", "duration_minutes": 60}
    with pytest.raises(ValidationError) as error:
        services.course_save(
            organization=OrganizationFactory(), data=data, competencies=[(competency, 1), (competency, 2)]
        )
    assert error.value.message_dict == {
        "competencies": ["Governance is listed twice: a course develops a competency once."]
    }
    with pytest.raises(ValidationError) as error:
        services.course_save(organization=OrganizationFactory(), data=data, competencies=[(competency, 5)])
    assert error.value.message_dict == {"competencies": ["Choose a target level between 1 and 4."]}
    assert Course.objects.count() == 0


# --- The learner's feed and personal data --------------------------------------------------------------------


def test_learner_feed_token_is_made_once_and_rotates():
    person = PersonFactory()
    token = services.learner_feed_token(person=person)
    assert len(token) >= 40
    assert services.learner_feed_token(person=person) == token
    rotated = services.learner_feed_rotate(person=person)
    assert rotated != token
    assert LearnerFeed.objects.get(person=person).token == rotated


def test_privacy_export_lists_enrollments_and_feedback():
    user = UserFactory(username="learner")
    session = past_session(course__title_en="Budgets", course__organization__slug="wm-x")
    enrollment = EnrollmentFactory(session=session, person=user.person, state=EnrollmentState.ATTENDED)
    FeedbackFactory(enrollment=enrollment, rating=5, comment="Great")
    exported = privacy.export_sections(user)["learning"]
    assert exported["calendar_feed"] is False
    assert [(e["course"], e["organization"], e["state"], e["feedback"]) for e in exported["enrollments"]] == [
        ("Budgets", "wm-x", "attended", {"rating": 5, "comment": "Great"})
    ]


def test_account_erase_releases_the_seat_and_promotes_the_waitlist():
    from roles.services import account_delete

    user = UserFactory(username="leaving")
    session = TrainingSessionFactory(capacity=1)
    services.enrollment_create(session=session, person=user.person)
    next_one = services.enrollment_create(session=session, person=PersonFactory(email="next@example.org"))
    services.learner_feed_token(person=user.person)
    account_delete(user=user)
    next_one.refresh_from_db()
    assert next_one.state == EnrollmentState.CONFIRMED
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert Enrollment.objects.count() == 1
    assert LearnerFeed.objects.count() == 0
