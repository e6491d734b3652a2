"""A course's page with its upcoming sessions, and creating and editing courses through the service."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import CourseFactory, TrainingSessionFactory
from training.enums import SessionStatus
from training.models import Course, CourseCompetency

pytestmark = pytest.mark.django_db


def course_data(*rows, **fields) -> dict:
    data = {
        "organization": "wikimedia-alpha",
        "title_en": "Running a meeting",
        "title_fr": "Animer une réunion",
        "description_en": "Agendas, minutes and decisions.",
        "format": "online",
        "duration_minutes": "120",
        "languages": ["en", "fr"],
        "materials_url": "https://meta.wikimedia.org/wiki/Meetings",
        "competencies-TOTAL_FORMS": str(max(len(rows), 1)),
        "competencies-INITIAL_FORMS": "0",
    }
    for index, (competency, level) in enumerate(rows):
        data[f"competencies-{index}-competency"] = str(competency.pk) if competency else ""
        data[f"competencies-{index}-target_level"] = str(level)
    data.update(fields)
    return data


@pytest.fixture
def languages():
    return [language("en"), language("fr")]


def test_course_page_shows_competencies_and_upcoming_published_sessions(client, course, session):
    TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)
    ended = timezone.now() - datetime.timedelta(days=3)
    TrainingSessionFactory(course=course, starts_at=ended - datetime.timedelta(hours=1), ends_at=ended)

    response = client.get(reverse("training:course_detail", args=[course.pk]))

    assert [s.pk for s in response.context["sessions"]] == [session.pk]
    content = response.content.decode()
    assert "<h1>Facilitation basics</h1>" in content
    assert '<a href="/en/competencies/facilitation/">Facilitation</a>' in content
    assert '<span class="level-badge level-badge--3">3 · Proficient</span>' in content
    assert "2 seats left" in content
    assert "Schedule a session" not in content


def test_course_page_shows_drafts_and_actions_to_its_managers(client, course, hub_coordinator_a):
    draft = TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)
    client.force_login(hub_coordinator_a)

    response = client.get(reverse("training:course_detail", args=[course.pk]))

    assert [s.pk for s in response.context["sessions"]] == [draft.pk]
    content = response.content.decode()
    assert f'href="/en/training/courses/{course.pk}/edit/"' in content
    assert f'href="/en/training/courses/{course.pk}/sessions/new/"' in content


def test_course_page_of_an_unknown_course_is_404(client):
    assert client.get(reverse("training:course_detail", args=[999999])).status_code == 404


def test_course_create_saves_the_course_with_its_competencies(client, organizer_a, languages):
    budgeting = CompetencyFactory(slug="budgeting")
    client.force_login(organizer_a)

    response = client.post(reverse("training:course_create"), course_data((budgeting, 2)))

    course = Course.objects.get()
    assert response["Location"] == reverse("training:course_detail", args=[course.pk])
    assert (course.title_en, course.title_fr, course.organization.slug) == (
        "Running a meeting",
        "Animer une réunion",
        "wikimedia-alpha",
    )
    assert sorted(course.languages.values_list("code", flat=True)) == ["en", "fr"]
    assert list(CourseCompetency.objects.values_list("competency__slug", "target_level")) == [
        ("budgeting", 2)
    ]


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"title_en": "", "title_fr": ""}, None, "Give the course a title in at least one language."),
        ({"duration_minutes": "0"}, "duration_minutes", "Ensure this value is greater than or equal to 1."),
        (
            {"format": "telepathy"},
            "format",
            "Select a valid choice. telepathy is not one of the available choices.",
        ),
        ({"materials_url": "not a link"}, "materials_url", "Enter a valid URL."),
        (
            {"organization": "wikimedia-beta"},
            "organization",
            "Choose one of the organisations you manage trainings for.",
        ),
    ],
)
def test_course_create_with_bad_input_shows_the_error_and_keeps_what_was_typed(
    client, organizer_a, org_b, languages, fields, field, error
):
    client.force_login(organizer_a)

    response = client.post(reverse("training:course_create"), course_data(**fields))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[field or "__all__"] == [error]
    assert "Agendas, minutes and decisions." in response.content.decode()
    assert Course.objects.count() == 0


def test_course_create_with_a_competency_twice_is_refused(client, organizer_a, languages):
    budgeting = CompetencyFactory(slug="budgeting", name="Budgeting", name_en="Budgeting")
    client.force_login(organizer_a)

    response = client.post(reverse("training:course_create"), course_data((budgeting, 2), (budgeting, 3)))

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.forms[1].errors["competency"] == [
        "Budgeting is listed twice: a course develops a competency only once."
    ]
    assert formset.non_form_errors() == ["Correct the competencies marked below."]
    assert Course.objects.count() == 0


def test_course_create_with_an_unknown_competency_is_refused(client, organizer_a, languages):
    client.force_login(organizer_a)

    data = course_data()
    data.update({"competencies-0-competency": "999999", "competencies-0-target_level": "2"})
    response = client.post(reverse("training:course_create"), data)

    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["competency"] == [
        "Select a valid choice. 999999 is not one of the available choices."
    ]


def test_course_edit_changes_texts_and_competencies(client, course, organizer_a, facilitation, languages):
    client.force_login(organizer_a)
    page = client.get(reverse("training:course_edit", args=[course.pk]))
    assert "organization" not in page.context["form"].fields

    data = course_data(
        (facilitation, 4),
        title_en="Facilitation in depth",
        **{"competencies-INITIAL_FORMS": "0"},
    )
    response = client.post(reverse("training:course_edit", args=[course.pk]), data)

    assert response["Location"] == reverse("training:course_detail", args=[course.pk])
    course.refresh_from_db()
    assert course.title_en == "Facilitation in depth"
    assert list(course.course_competencies.values_list("target_level", flat=True)) == [4]


def test_course_edit_by_another_organisation_is_forbidden(client, course, organizer_b):
    client.force_login(organizer_b)

    assert client.post(reverse("training:course_edit", args=[course.pk]), course_data()).status_code == 403
    course.refresh_from_db()
    assert course.title_en == "Facilitation basics"


def test_course_create_by_someone_who_manages_no_organisation_is_forbidden(client, plain_user):
    client.force_login(plain_user)

    assert client.get(reverse("training:course_create")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_course_page_queries_are_constant(client, course, django_assert_num_queries, count):
    for _n in range(count):
        TrainingSessionFactory(course=course)
    CourseFactory()

    # course, languages, competencies, sessions
    with django_assert_num_queries(4):
        response = client.get(reverse("training:course_detail", args=[course.pk]))

    assert len(response.context["sessions"]) == count
