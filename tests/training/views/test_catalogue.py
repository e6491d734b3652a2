"""The course catalogue: filters, search, htmx, the competency page's link, and its query count."""

import pytest
from django.db.models import Prefetch
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from roles.enums import OrganizationKind
from tests.factories import OrganizationFactory, region
from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import CourseCompetencyFactory, CourseFactory, TrainingSessionFactory
from training import selectors
from training.enums import CourseFormat
from training.models import Course, CourseCompetency
from training.templatetags.catalogue import catalogue_rows

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


# The rows are written in Python ({% catalogue_rows %}); they must be what the template's loop wrote.
ROWS_AS_THE_TEMPLATE_WROTE_THEM = """{% load i18n %}{% for course in courses %}
            <tr>
              <th scope="row"><a href="{% url 'training:course_detail' course.pk %}">{{ course.title }}</a></th>
              <td><a href="{{ list_url }}?organization={{ course.organization.slug|urlencode }}">{{ course.organization.name }}</a></td>
              <td>{{ course.get_format_display }}</td>
              <td>{% for language in course.languages.all %}<span lang="{{ language.code }}">{{ language.name_local }}</span>{% if not forloop.last %}, {% endif %}{% empty %}<span class="help-text">{% translate "None listed" %}</span>{% endfor %}</td>
              <td>
                {% if course.course_competencies.all %}
                  <ul class="chip-list">
                    {% for link in course.course_competencies.all %}
                      <li><a class="chip" href="{{ list_url }}?competency={{ link.competency.slug|urlencode }}" title="{% blocktranslate trimmed with name=link.competency.name %}Courses that develop {{ name }}{% endblocktranslate %}">{{ link.competency.name }} <span class="chip__level">→ {{ link.target_level }}</span></a></li>
                    {% endfor %}
                  </ul>
                {% else %}<span class="help-text">{% translate "None listed" %}</span>{% endif %}
              </td>
            </tr>
          {% endfor %}"""


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_catalogue_rows_are_what_the_template_wrote(code):
    quoted = OrganizationFactory(name='Wikimedia "Q" & <Co>', name_en="", name_fr="Wikimédia « Q » & <Co>")
    workshop = CourseFactory(
        organization=quoted,
        title="x",
        title_en="",
        title_fr="Atelier d'écriture <b>",
        format=CourseFormat.HYBRID,
    )
    workshop.languages.set([language("fr"), language("pt-br"), language("en")])
    for name, level in (("O'Brien & <sons>", 2), ("Budgets", 4)):
        competency = CompetencyFactory(name=name, name_en=name, name_ar="ميزانيات" if level == 4 else "")
        CourseCompetencyFactory(course=workshop, competency=competency, target_level=level)
    CourseFactory(title="Bare", title_en="Bare")  # no language, no competency
    reference = Course.objects.select_related("organization").prefetch_related(
        "languages",
        Prefetch(
            "course_competencies",
            queryset=CourseCompetency.objects.select_related("competency").order_by(
                "competency__name_en", "id"
            ),
        ),
    )

    with translation.override(code):
        list_url = reverse("training:course_list")
        ours = catalogue_rows(list(selectors.course_catalogue()), list_url)
        theirs = Template(ROWS_AS_THE_TEMPLATE_WROTE_THEM).render(
            Context({"courses": list(reference.order_by("title_en", "id")), "list_url": list_url})
        )

    assert "Atelier d&#x27;écriture &lt;b&gt;" in ours
    assert ours == theirs
