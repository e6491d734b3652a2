"""The competency catalogue, one competency's page, the registry's template tags and the registry's admin."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from roles import services
from roles.enums import Importance, OrganizationStatus
from roles.models import Competency, CompetencyLevelDescriptor, Role, RoleHolder
from roles.selectors import role_search_q
from tests.factories import OrganizationFactory, PersonFactory
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def governance():
    return CompetencyCategoryFactory(
        name="Governance", name_en="Governance", slug="governance", order=1, description="Boards and rules."
    )


@pytest.fixture
def facilitation():
    return CompetencyCategoryFactory(
        name="Facilitation", name_en="Facilitation", slug="facilitation", order=2, description="Meetings."
    )


def competency(category, name, slug, **extra):
    return CompetencyFactory(name=name, name_en=name, slug=slug, category=category, **extra)


# --- Catalogue -------------------------------------------------------------------------------------------


def test_competency_list_groups_active_competencies_by_category(client, governance, facilitation):
    competency(facilitation, "Running meetings", "running-meetings", description="Agendas, minutes.")
    competency(governance, "Financial oversight", "financial-oversight")
    competency(governance, "Board governance", "board-governance")
    competency(governance, "Retired skill", "retired-skill", active=False)

    response = client.get(reverse("roles:competency_list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert [
        (group["category"].name, [c.name for c in group["competencies"]])
        for group in response.context["groups"]
    ] == [
        ("Governance", ["Board governance", "Financial oversight"]),
        ("Facilitation", ["Running meetings"]),
    ]
    assert "3 competencies" in content
    assert '<h2 id="category-governance">Governance</h2>' in content
    assert "Boards and rules." in content
    assert '<a href="/en/competencies/running-meetings/">Running meetings</a>' in content
    assert "Agendas, minutes." in content
    assert "Retired skill" not in content


def test_competency_list_search_finds_a_name_in_any_language(client, governance):
    board = competency(governance, "Board governance", "board-governance")
    board.name_fr = "Gouvernance associative"
    board.name_ar = "حوكمة المجلس"
    board.save()
    competency(governance, "Financial oversight", "financial-oversight")

    by_french = client.get(reverse("roles:competency_list"), {"q": " ASSOCIATIVE "})
    by_arabic = client.get(reverse("roles:competency_list"), {"q": "المجلس"})
    nothing = client.get(reverse("roles:competency_list"), {"q": "astronomy"})

    assert [c.slug for g in by_french.context["groups"] for c in g["competencies"]] == ["board-governance"]
    assert [c.slug for g in by_arabic.context["groups"] for c in g["competencies"]] == ["board-governance"]
    assert nothing.context["groups"] == []
    assert "No competency matches this search." in nothing.content.decode()


def test_competency_list_filters_by_category(client, governance, facilitation):
    competency(governance, "Board governance", "board-governance")
    competency(facilitation, "Running meetings", "running-meetings")

    response = client.get(reverse("roles:competency_list"), {"category": "facilitation"})

    assert [c.slug for g in response.context["groups"] for c in g["competencies"]] == ["running-meetings"]
    assert '<option value="facilitation" selected>Facilitation</option>' in response.content.decode()


def test_competency_list_with_an_unknown_category_shows_the_error_and_everything(client, governance):
    competency(governance, "Board governance", "board-governance")

    response = client.get(reverse("roles:competency_list"), {"category": "castles", "q": "board"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "category": ["Select a valid choice. castles is not one of the available choices."]
    }
    assert [c.slug for g in response.context["groups"] for c in g["competencies"]] == ["board-governance"]
    assert 'value="board"' in response.content.decode()


def test_competency_list_names_follow_the_interface_language(client, governance):
    board = competency(governance, "Board governance", "board-governance")
    board.name_fr = "Gouvernance associative"
    board.save()

    with translation.override("fr"):
        response = client.get(reverse("roles:competency_list"))

    assert response.request["PATH_INFO"] == "/fr/competencies/"
    assert "Gouvernance associative" in response.content.decode()


def test_competency_list_form_works_without_javascript(client):
    content = client.get(reverse("roles:competency_list")).content.decode()

    assert '<form method="get" action="/en/competencies/"' in content
    assert 'hx-get="/en/competencies/"' in content
    assert 'hx-target="#competency-results"' in content
    assert '<label class="cdx-label__label" for="id_q">' in content
    assert '<label class="cdx-label__label" for="id_category">' in content


def test_competency_list_htmx_returns_only_the_results(client, governance):
    competency(governance, "Board governance", "board-governance")

    response = client.get(reverse("roles:competency_list"), {"q": "board"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="competency-results"')
    assert "<html" not in content
    assert "Board governance" in content


def test_competency_list_paginates_by_100_keeping_the_search(client, governance):
    Competency.objects.bulk_create(
        Competency(
            name=f"Skill {n:03d}", name_en=f"Skill {n:03d}", slug=f"skill-{n:03d}", category=governance
        )
        for n in range(101)
    )

    first = client.get(reverse("roles:competency_list"), {"q": "skill"})
    second = client.get(reverse("roles:competency_list"), {"q": "skill", "page": 2})

    assert sum(len(g["competencies"]) for g in first.context["groups"]) == 100
    assert "/en/competencies/?q=skill&amp;page=2" in first.content.decode()
    assert [c.name for g in second.context["groups"] for c in g["competencies"]] == ["Skill 100"]


@pytest.mark.parametrize("count", [1, 3])
def test_competency_list_queries_are_constant(client, django_assert_num_queries, count):
    for n in range(count):
        category = CompetencyCategoryFactory(name=f"Category {n}", slug=f"cat-{n}")
        competency(category, f"Skill {n}", f"skill-{n}")

    # categories (filter and groups), count, the page of competencies with their categories
    with django_assert_num_queries(3):
        response = client.get(reverse("roles:competency_list"))

    assert len(response.context["groups"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_competency_list_signed_in_queries_are_constant(client, plain_user, django_assert_num_queries, count):
    for n in range(count):
        competency(CompetencyCategoryFactory(), f"Skill {n}", f"skill-{n}")
    client.force_login(plain_user)

    # session, user, the person in the header, then the 3 queries of the catalogue
    with django_assert_num_queries(6):
        response = client.get(reverse("roles:competency_list"), {"q": "skill"})

    assert sum(len(g["competencies"]) for g in response.context["groups"]) == count


# --- One competency --------------------------------------------------------------------------------------


@pytest.fixture
def board(governance):
    parent = competency(governance, "Governance basics", "governance-basics")
    board = competency(
        governance,
        "Board governance",
        "board-governance",
        description="Running a board well.",
        parent=parent,
        wikidata_qid="Q1046243",
        esco_uri="http://data.europa.eu/esco/skill/abc-123",
    )
    competency(governance, "Board elections", "board-elections", parent=board)
    competency(governance, "Old narrower", "old-narrower", parent=board, active=False)
    CompetencyLevelDescriptor.objects.create(
        competency=board,
        level=3,
        descriptor="Chairs a board meeting alone.",
        descriptor_en="Chairs a board meeting alone.",
    )
    return board


def test_competency_detail_shows_what_it_is_and_its_levels(client, board):
    response = client.get(reverse("roles:competency_detail", args=["board-governance"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Board governance</h1>" in content
    assert "Running a board well." in content
    assert '<a href="/en/competencies/governance-basics/">Governance basics</a>' in content
    assert '<a href="/en/competencies/board-elections/">Board elections</a>' in content
    assert "Old narrower" not in content
    assert 'href="https://www.wikidata.org/wiki/Q1046243"' in content
    assert 'href="http://data.europa.eu/esco/skill/abc-123"' in content
    assert [
        (item["level"].level, item["own"] and item["own"].descriptor) for item in response.context["levels"]
    ] == [
        (1, None),
        (2, None),
        (3, "Chairs a board meeting alone."),
        (4, None),
    ]
    assert '<span class="level-badge level-badge--4">4 · Expert / mentor</span>' in content
    assert "Applies it independently and reliably" in content  # the shared descriptor of level 3


def test_competency_detail_lists_roles_of_listed_organizations(client, board, org_a):
    treasurer = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    chair = RoleFactory(organization=org_a, title="Chair", title_en="Chair")
    RoleRequirementFactory(role=treasurer, competency=board, min_level=2, importance=Importance.DESIRABLE)
    RoleRequirementFactory(role=chair, competency=board, min_level=4)
    RoleRequirementFactory(role=RoleFactory(title="Dormant", active=False), competency=board)
    hidden = OrganizationFactory(status=OrganizationStatus.PROPOSED)
    RoleRequirementFactory(role=RoleFactory(organization=hidden, title="Unlisted"), competency=board)

    response = client.get(reverse("roles:competency_detail", args=["board-governance"]))

    content = response.content.decode()
    assert [(r.role.title, r.min_level, r.importance) for r in response.context["requirements"]] == [
        ("Chair", 4, "essential"),
        ("Treasurer", 2, "desirable"),
    ]
    assert "2 roles require it." in content
    assert '<a href="/en/organizations/wikimedia-alpha/">Wikimedia Alpha</a>' in content
    assert "Dormant" not in content
    assert "Unlisted" not in content


def test_competency_detail_lists_public_mentors_only(client, board):
    public = PersonFactory(display_name="Ada Mentor", is_public=True)
    private = PersonFactory(display_name="Hidden Mentor", is_public=False)
    public.can_mentor.add(board)
    private.can_mentor.add(board)

    response = client.get(reverse("roles:competency_detail", args=["board-governance"]))

    content = response.content.decode()
    assert [p.display_name for p in response.context["mentors"]] == ["Ada Mentor"]
    assert f'<a href="/en/people/{public.pk}/">Ada Mentor</a>' in content
    assert "Hidden Mentor" not in content


def test_competency_detail_links_to_the_training_catalogue_filtered_by_it(client, board):
    response = client.get(reverse("roles:competency_detail", args=["board-governance"]))

    content = response.content.decode()
    assert (
        '<a class="cdx-button cdx-button--fake-button cdx-button--fake-button--enabled cdx-button--action-progressive" href="/en/training/?competency=board-governance">Trainings that develop it</a>'
        in content
    )


@pytest.mark.parametrize("slug", ["no-such-skill", "retired-skill"])
def test_competency_detail_of_an_unknown_or_inactive_competency_is_not_found(client, governance, slug):
    competency(governance, "Retired skill", "retired-skill", active=False)

    response = client.get(reverse("roles:competency_detail", args=[slug]))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_competency_detail_queries_are_constant(client, board, django_assert_num_queries, count):
    for n in range(count):
        RoleRequirementFactory(role=RoleFactory(title=f"Role {n}"), competency=board)
        PersonFactory(display_name=f"Mentor {n}").can_mentor.add(board)

    # competency, its narrower competencies, its descriptors, the scale, requirements count and page,
    # mentors and their count
    with django_assert_num_queries(8):
        response = client.get(reverse("roles:competency_detail", args=["board-governance"]))

    assert len(response.context["requirements"]) == count
    assert len(response.context["mentors"]) == count


# --- Template tags ---------------------------------------------------------------------------------------


def render(source, **context):
    return Template("{% load registry %}" + source).render(Context(context))


def test_optional_url_renders_a_route_that_exists():
    assert render("{% optional_url 'roles:competency_detail' 'board' %}") == "/en/competencies/board/"
    assert render("{% optional_url 'roles:competency_list' as url %}[{{ url }}]") == "[/en/competencies/]"


def test_optional_url_renders_nothing_for_a_route_not_built_yet():
    assert render("{% optional_url 'overview:not_built_yet' %}") == ""
    assert render("{% optional_url 'overview:not_built_yet' as url %}[{{ url }}]") == "[]"


def test_level_badge_and_meter_say_the_level_in_words():
    assert render("{% level_badge 2 %}") == '<span class="level-badge level-badge--2">2 · Practising</span>'
    assert render("{% level_badge 0 %}") == (
        '<span class="level-badge level-badge--none"><span aria-hidden="true">–</span>'
        '<span class="visually-hidden">no level</span></span>'
    )
    assert render("{% level_meter 1 3 %}") == (
        '<span class="level-meter"><span class="level-meter__steps" aria-hidden="true">'
        '<span class="level-meter__step level-meter__step--filled"></span>'
        '<span class="level-meter__step"></span>'
        '<span class="level-meter__step level-meter__step--required"></span>'
        '<span class="level-meter__step"></span></span>'
        '<span class="visually-hidden">Level 1 of 4; 3 required</span></span>'
    )


def test_meta_user_url_links_the_user_page_on_meta():
    assert render("{{ name|meta_user_url }}", name="Ada Lovelace/x") == (
        "https://meta.wikimedia.org/wiki/User:Ada_Lovelace%2Fx"
    )


# --- Admin -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        "competencycategory",
        "competency",
        "proficiencylevel",
        "roletemplate",
        "role",
        "roleholder",
        "personcompetency",
    ],
)
def test_admin_registry_changelists_render(client, staff_user, board, org_a, model):
    role = RoleFactory(organization=org_a)
    RoleRequirementFactory(role=role, competency=board)
    TemplateRequirementFactory(template=RoleTemplateFactory(), competency=board)
    client.force_login(staff_user)

    response = client.get(reverse(f"admin:roles_{model}_changelist"))

    assert response.status_code == 200


def test_admin_competency_change_page_has_every_language_and_level_descriptors(client, staff_user, board):
    client.force_login(staff_user)

    content = client.get(reverse("admin:roles_competency_change", args=[board.pk])).content.decode()

    for field in ("name_en", "name_fr", "name_es", "name_pt_br", "name_ind", "name_ar"):
        assert f'name="{field}"' in content
    assert 'name="level_descriptors-0-descriptor_fr"' in content


def test_admin_role_save_writes_the_search_text(client, staff_user, org_a):
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    client.force_login(staff_user)
    url = reverse("admin:roles_role_change", args=[role.pk])
    data = {
        "organization": org_a.pk,
        "title_en": "Treasurer",
        "title_fr": "Trésorière",
        "kind": "board",
        "seats": 1,
        "selection": "appointed",
        "requirements-TOTAL_FORMS": 0,
        "requirements-INITIAL_FORMS": 0,
        "active": "on",
    }

    response = client.post(url, data)

    role.refresh_from_db()
    assert response.status_code == 302
    assert role.search_text == "treasurer\ntresoriere"
    assert list(Role.objects.filter(role_search_q("trésorières")).values_list("pk", flat=True)) == [role.pk]


def test_admin_holder_refuses_an_overlapping_term(client, staff_user, org_a):
    role = RoleFactory(organization=org_a)
    services.holder_add(role=role, person=PersonFactory(), start=datetime.date(2025, 1, 1), seat=1)
    other = PersonFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:roles_roleholder_add"),
        {"person": other.pk, "role": role.pk, "seat": 1, "start": "2025-06-01", "term_number": 1},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "start": ["Another term on this seat overlaps these dates: end it first or choose another seat."]
    }
    assert RoleHolder.objects.filter(role=role).count() == 1


def test_admin_holder_add_goes_through_the_service_and_fills_the_seat(client, staff_user, org_a):
    role = RoleFactory(organization=org_a)
    person = PersonFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:roles_roleholder_add"),
        {"person": person.pk, "role": role.pk, "seat": 1, "start": "2025-06-01", "term_number": 1},
    )

    role.refresh_from_db()
    assert response.status_code == 302
    assert list(RoleHolder.objects.filter(role=role).values_list("person_id", "seat")) == [(person.pk, 1)]
    assert role.filled_seats == 1
