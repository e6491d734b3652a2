"""The course catalogue: filters, search, htmx, the competency page's link, and its query count."""

import pytest
from django.urls import reverse

from roles.enums import OrganizationKind
from tests.factories import OrganizationFactory, region
from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import CourseCompetencyFactory, CourseFactory, TrainingSessionFactory
from training.enums import CourseFormat

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


def test_catalogue_lists_courses_by_title_with_organiser_format_languages_and_competencies(client, course):
    CourseFactory(title="Board governance", title_en="Board governance")

    response = client.get(reverse("training:course_list"))

    assert response.status_code == 200
    assert titles(response) == ["Board governance", "Facilitation basics"]
    content = response.content.decode()
    assert "2 courses" in content
    assert f'<a href="/en/training/courses/{course.pk}/">Facilitation basics</a>' in content
    assert '<a href="/en/training/?organization=wikimedia-alpha">Wikimedia Alpha</a>' in content
    assert 'href="/en/training/?competency=facilitation"' in content
    assert 'Facilitation <span class="chip__level">→ 3</span>' in content
    assert '<span lang="en">English</span>' in content
    assert 'hx-get="/en/training/"' in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"competency": "facilitation"}, ["Facilitation basics"]),
        ({"language": "fr"}, ["Atelier"]),
        ({"format": "in_person"}, ["Atelier"]),
        ({"region": "SSA"}, ["Atelier"]),
        ({"organization": "hub-beta"}, ["Atelier"]),
        ({"q": "BASICS"}, ["Facilitation basics"]),
        ({"q": "atel", "format": "online"}, []),
        ({"format": "bogus"}, ["Atelier", "Facilitation basics"]),  # a bad value widens, never fails
        ({"language": "xx"}, ["Atelier", "Facilitation basics"]),
    ],
)
def test_catalogue_filters(client, course, params, expected):
    hub = OrganizationFactory(slug="hub-beta", kind=OrganizationKind.REGIONAL_HUB, region=region("SSA"))
    CourseFactory(
        organization=hub,
        title="Atelier",
        title_en="Atelier",
        format=CourseFormat.IN_PERSON,
        languages=[language("fr")],
    )

    response = client.get(reverse("training:course_list"), params)

    assert response.status_code == 200
    assert titles(response) == expected


def test_catalogue_pins_the_competency_and_organisation_filters_with_links_to_remove_them(client, course):
    response = client.get(
        reverse("training:course_list"), {"competency": "facilitation", "organization": "wikimedia-alpha"}
    )

    content = response.content.decode()
    assert "Develops: Facilitation" in content
    assert "Organiser: Wikimedia Alpha" in content
    assert 'href="/en/training/?organization=wikimedia-alpha"' in content
    assert 'href="/en/training/?competency=facilitation"' in content


def test_catalogue_htmx_request_gets_only_the_results(client, course):
    response = client.get(reverse("training:course_list"), {"q": "facil"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="course-results"')
    assert "<html" not in content
    assert titles(response) == ["Facilitation basics"]


def test_catalogue_shows_the_new_course_button_only_to_who_manages_trainings(
    client, course, organizer_a, plain_user
):
    client.force_login(plain_user)
    assert (
        'href="/en/training/courses/new/"' not in client.get(reverse("training:course_list")).content.decode()
    )
    client.force_login(organizer_a)
    assert 'href="/en/training/courses/new/"' in client.get(reverse("training:course_list")).content.decode()


def test_competency_page_links_to_the_catalogue_filtered_by_it(client, facilitation):
    content = client.get(reverse("roles:competency_detail", args=["facilitation"])).content.decode()

    assert 'href="/en/training/?competency=facilitation"' in content


def test_navigation_links_to_the_catalogue(client):
    content = client.get(reverse("training:course_list")).content.decode()

    assert '<a href="/en/training/" aria-current="page">Trainings</a>' in content


def make_courses(count: int) -> None:
    for n in range(count):
        course = CourseFactory(title=f"Course {n}", languages=[language("en"), language("fr")])
        CourseCompetencyFactory(course=course, competency=CompetencyFactory())
        TrainingSessionFactory(course=course)


@pytest.mark.parametrize("count", [1, 3])
def test_catalogue_queries_are_constant(client, django_assert_num_queries, count):
    make_courses(count)

    # count, courses with organisation and region, their languages, their competencies, the language choices
    with django_assert_num_queries(5):
        response = client.get(reverse("training:course_list"))

    assert len(response.context["courses"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_catalogue_htmx_queries_are_constant(client, django_assert_num_queries, count):
    make_courses(count)

    with django_assert_num_queries(5):
        response = client.get(
            reverse("training:course_list"), {"q": "course"}, headers={"HX-Request": "true"}
        )

    assert len(response.context["courses"]) == count
