"""The training part of `manage.py seed_demo`: courses, sessions in many zones, waitlists, completions."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from post_office.models import Email

from roles import demo as roles_demo
from roles import demo_registry
from roles.enums import CompetencySource, OrganizationKind
from roles.models import PersonCompetency
from training import demo
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Course, Enrollment, Feedback, TrainingSession
from training.selectors import feedback_summary

User = get_user_model()
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
E = EnrollmentState


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", quiet=True, allow_without_debug=True, stdout=out, stderr=StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("training").get_models(), Email]
    return {model._meta.label: model._default_manager.count() for model in models}


# --- The data, checked without a database ----------------------------------------------------------


def test_demo_training_data_refers_only_to_what_the_registry_defines():
    accounts = {person.email for person in roles_demo.PEOPLE}
    organizations = {organization.slug for organization in roles_demo.ORGANIZATIONS}
    competencies = {competency.slug for competency in demo_registry.COMPETENCIES}
    courses = {course.key: course for course in demo.COURSES}
    assert len(courses) == len(demo.COURSES) == 9
    for course in demo.COURSES:
        assert course.organization in organizations, course.key
        assert all(course.title.values()), course.key
        assert all(course.description.values()), course.key
        assert {slug for slug, _level in course.competencies} <= competencies, course.key
        assert all(1 <= level <= 4 for _slug, level in course.competencies), course.key
    keys = [(session.course, session.organization, session.time_zone) for session in demo.SESSIONS]
    assert len(set(keys)) == len(keys)  # each session is found again by its own key
    for session in demo.SESSIONS:
        assert session.course in courses, session
        assert session.organization in organizations, session
        people = [learner.person for learner in session.learners]
        assert len(set(people)) == len(people), session
        assert {demo._email(person) for person in people} <= accounts, session
        assert {learner.outcome for learner in session.learners} <= set(E.values), session
        if session.is_past:
            assert session.marked_by, session
        else:
            assert not {learner.outcome for learner in session.learners} & set(E.marks()), session


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 3, 29), datetime.date(2026, 10, 25), timezone.localdate()]
)
def test_demo_session_times_are_in_the_sessions_own_zone_whatever_the_day(today):
    jakarta = next(session for session in demo.SESSIONS if session.time_zone == "Asia/Jakarta")
    santiago = next(session for session in demo.SESSIONS if session.time_zone == "America/Santiago")

    times = demo.session_times(jakarta, today)
    local = times["starts_at"].astimezone(datetime.timezone(datetime.timedelta(hours=7)))

    assert (local.date(), local.hour, local.minute) == (today + datetime.timedelta(days=12), 19, 0)
    assert times["ends_at"] - times["starts_at"] == datetime.timedelta(minutes=120)
    assert times["enrollment_deadline"] == times["starts_at"] - datetime.timedelta(days=1)
    assert demo.session_times(santiago, today)["starts_at"].tzinfo == datetime.UTC


# --- The seeded data (one seeding shared by the tests below) ---------------------------------------


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the module, in a transaction rolled back after it (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        output = seed()
        yield output
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestSeededTraining:
    def test_demo_training_is_created_then_a_rerun_creates_nothing_and_no_email(self, seeded_once):
        before = row_counts()

        output = seed()

        assert "9 courses, 13 training sessions, 41 enrollments" in seeded_once.splitlines()[0]
        assert output.splitlines()[0] == "Demo data ready (nothing was missing)."
        assert row_counts() == before
        assert before["post_office.Email"] == 0
        assert (before["training.Course"], before["training.TrainingSession"]) == (9, 13)

    def test_demo_rerun_remakes_a_deleted_session_with_its_story_and_keeps_the_others(self):
        TrainingSession.objects.filter(time_zone="Asia/Jakarta").delete()
        paris = TrainingSession.objects.get(time_zone="Europe/Paris")
        paris.venue = "Another room (demo)"
        paris.save()

        output = seed()

        assert output.splitlines()[0] == "Demo data ready (created 1 training sessions, 7 enrollments)."
        jakarta = TrainingSession.objects.get(time_zone="Asia/Jakarta")
        assert (jakarta.status, jakarta.confirmed_count) == (SessionStatus.PUBLISHED, 4)
        assert TrainingSession.objects.get(time_zone="Europe/Paris").venue == "Another room (demo)"
        assert Email.objects.count() == 0

    def test_demo_courses_of_hubs_and_chapters_in_six_languages(self):
        courses = Course.objects.select_related("organization").prefetch_related("course_competencies")

        assert set(courses.values_list("organization__kind", flat=True)) == {
            OrganizationKind.REGIONAL_HUB,
            OrganizationKind.THEMATIC_HUB,
            OrganizationKind.CHAPTER,
        }
        for course in courses:
            for field in ("title", "description"):
                for code in settings.MODELTRANSLATION_LANGUAGES:
                    assert getattr(course, build_localized_fieldname(field, code)), (course, field, code)
            assert course.course_competencies.count() >= 1
        bookkeeping = courses.get(title_en="Bookkeeping for small non-profits")
        assert bookkeeping.title_ind == "Pembukuan untuk organisasi nirlaba kecil"
        assert set(bookkeeping.course_competencies.values_list("competency__slug", "target_level")) == {
            ("bookkeeping", 2),
            ("financial-management", 2),
        }
        assert set(bookkeeping.languages.values_list("code", flat=True)) == {"sw", "en"}

    def test_demo_sessions_in_many_zones_every_format_and_status(self):
        sessions = TrainingSession.objects.select_related("course", "organization")
        now = timezone.now()

        assert {str(zone) for zone in sessions.values_list("time_zone", flat=True)} >= {
            "Asia/Jakarta",
            "America/Santiago",
            "Africa/Lagos",
            "Europe/Paris",
            "Asia/Kolkata",
        }
        assert set(sessions.values_list("format", flat=True)) == set(CourseFormat.values)
        assert dict(Counter(sessions.values_list("status", flat=True))) == {
            SessionStatus.PUBLISHED: 8,
            SessionStatus.FINISHED: 3,
            SessionStatus.CANCELLED: 1,
            SessionStatus.DRAFT: 1,
        }
        assert sessions.filter(starts_at__lt=now).count() == 4
        assert sessions.filter(starts_at__gt=now, status=SessionStatus.PUBLISHED).count() == 7
        # Two sessions are organised by a chapter for a hub's course.
        assert {
            (session.course.organization.slug, session.organization.slug)
            for session in sessions
            if session.course.organization_id != session.organization_id
        } == {
            ("sub-saharan-africa-demo-hub", "wikimedia-kilimarani"),
            ("open-heritage-demo-hub", "wikimedia-nordlandia"),
        }
        jakarta = sessions.get(time_zone="Asia/Jakarta")
        local = timezone.localtime(jakarta.starts_at, jakarta.time_zone)
        assert (local.hour, local.minute, jakarta.starts_at.hour) == (19, 0, 12)
        for session in sessions:
            seats = session.enrollments.filter(state__in=E.seat_holding()).count()
            assert session.confirmed_count == seats, session

    def test_demo_full_sessions_have_waitlists_with_contiguous_positions(self):
        jakarta = TrainingSession.objects.get(time_zone="Asia/Jakarta")
        waitlist = jakarta.enrollments.filter(state=E.WAITLISTED).order_by("waitlist_position")

        assert (jakarta.capacity, jakarta.confirmed_count, jakarta.is_full) == (4, 4, True)
        assert list(waitlist.values_list("person__display_name", "waitlist_position")) == [
            ("Mele Fifita", 1),
            ("Priya Raman", 2),
        ]
        assert jakarta.enrollments.get(state=E.CANCELLED).person.display_name == "Chen Wei"
        nairobi = TrainingSession.objects.get(time_zone="Africa/Nairobi")
        assert (nairobi.is_full, nairobi.enrollments.filter(state=E.WAITLISTED).count()) == (True, 2)

    def test_demo_enrollments_in_every_state(self):
        assert dict(Counter(Enrollment.objects.values_list("state", flat=True))) == {
            E.CONFIRMED: 21,
            E.WAITLISTED: 4,
            E.CANCELLED: 2,
            E.ATTENDED: 3,
            E.COMPLETED: 8,
            E.NO_SHOW: 3,
        }
        assert not Enrollment.objects.filter(session__status=SessionStatus.DRAFT).exists()

    def test_demo_completions_recorded_the_courses_competencies_with_source_training(self):
        completed = Enrollment.objects.filter(state=E.COMPLETED).select_related("session__course", "person")
        from_demo = PersonCompetency.objects.filter(
            source=CompetencySource.TRAINING, evidence__startswith="Completed the training"
        )

        assert from_demo.count() == 16  # 8 completions of courses that develop 2 competencies each
        for enrollment in completed:
            for link in enrollment.session.course.course_competencies.all():
                assert from_demo.filter(
                    person=enrollment.person, competency=link.competency, level=link.target_level
                ).exists(), (enrollment, link.competency)
        lagos = TrainingSession.objects.get(time_zone="Africa/Lagos")
        amara = from_demo.get(person__display_name="Amara Nwosu", competency__slug="grant-writing")
        assert (amara.level, amara.recorded_by.display_name, amara.assessed_on) == (
            2,
            "Kwame Mensah",
            lagos.ends_at.date(),
        )
        assert amara.evidence == (
            f"Completed the training “Writing your first grant proposal” on {lagos.starts_at.date().isoformat()}."
        )

    def test_demo_feedback_shows_on_the_finished_session_with_six_answers(self):
        lagos = TrainingSession.objects.get(time_zone="Africa/Lagos")

        summary = feedback_summary(session=lagos)

        assert (summary["count"], summary["average"]) == (6, 4.2)
        assert Feedback.objects.count() == 8
        below_five = [session for session in TrainingSession.objects.all() if session.pk != lagos.pk]
        assert [feedback_summary(session=session) for session in below_five] == [None] * 12

    def test_demo_organizer_manages_the_hubs_session_and_learners_see_their_own(self):
        organizer = User.objects.get(email=roles_demo.ORGANIZER_EMAIL)
        amara = User.objects.get(email="amara.nwosu@demo.example.org")
        lagos = TrainingSession.objects.get(time_zone="Africa/Lagos")
        jakarta = TrainingSession.objects.get(time_zone="Asia/Jakarta")

        assert organizer.has_perm("training.manage_session", lagos) is True
        assert organizer.has_perm("training.manage_session", jakarta) is False
        assert amara.has_perm("training.give_feedback", lagos.enrollments.get(person__user=amara)) is True
