"""The people directory, a person's page, organizers' confirmations, the gap view and my competencies."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roles import services
from roles.enums import CompetencySource, Importance, Level
from roles.models import Competency, PersonCompetency, Region
from roles.views.people import PeopleListView, PeoplePaginator
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
)
from tests.factories.roles import language, region

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def names(response) -> list[str]:
    return [person.display_name for person in response.context["people"]]


@pytest.fixture
def category():
    return CompetencyCategoryFactory(name="Governance", name_en="Governance", slug="governance")


@pytest.fixture
def board(category):
    return CompetencyFactory(
        name="Board governance", name_en="Board governance", slug="board", category=category
    )


@pytest.fixture
def finance(category):
    return CompetencyFactory(name="Finance", name_en="Finance", slug="finance", category=category)


def level(person, competency, value, source=CompetencySource.SELF_ASSESSED):
    return PersonCompetencyFactory(person=person, competency=competency, level=value, source=source)


# --- Directory -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [None, "plain_user", "organizer_a", "staff_user"])
def test_people_list_shows_public_profiles_only_to_everyone(request, client, org_a, organizer_a, actor):
    PersonFactory(display_name="Ada Public", is_public=True)
    PersonFactory(display_name="Bea Private", is_public=False)
    MembershipFactory(
        person=PersonFactory(display_name="Cy Private Member", is_public=False), organization=org_a
    )
    if actor:
        client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:people_list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Ada Public"]
    assert "Private" not in content
    # an organizer's own private profile is not listed either (the header names the signed-in user)
    assert "organizer-a" not in content.split('<main id="content"')[1]
    assert "1 person" in content


def test_people_list_searches_display_name_and_username(client):
    PersonFactory(display_name="Ada Lovelace", wikimedia_username="Countess")
    PersonFactory(display_name="Grace Hopper", wikimedia_username="Amazing Grace")

    by_name = client.get(reverse("roles:people_list"), {"q": "lovelace"})
    by_username = client.get(reverse("roles:people_list"), {"q": "amazing"})

    assert names(by_name) == ["Ada Lovelace"]
    assert names(by_username) == ["Grace Hopper"]


def test_people_list_filters_by_competency_and_minimum_verified_level(client, board, finance):
    verified = PersonFactory(display_name="Ada Verified")
    level(verified, board, 3, CompetencySource.ORGANIZER)
    level(verified, board, 1)
    self_only = PersonFactory(display_name="Bo Self")
    level(self_only, board, 4)
    low = PersonFactory(display_name="Cy Low")
    level(low, board, 1, CompetencySource.TRAINING)
    level(PersonFactory(display_name="Di Finance"), finance, 4, CompetencySource.TRAINING)

    any_level = client.get(reverse("roles:people_list"), {"competency": "board"})
    at_least_2 = client.get(reverse("roles:people_list"), {"competency": "board", "min_level": "2"})

    assert names(any_level) == ["Ada Verified", "Bo Self", "Cy Low"]
    assert [(p.verified_level, p.self_level) for p in any_level.context["people"]] == [
        (3, 1),
        (None, 4),
        (1, None),
    ]
    assert names(at_least_2) == ["Ada Verified"]
    assert '<span class="level-badge level-badge--3">3 · Proficient</span>' in at_least_2.content.decode()


def test_people_list_filters_mentors_of_a_competency(client, board):
    mentor = PersonFactory(display_name="Ada Mentor")
    mentor.can_mentor.add(board)
    level(PersonFactory(display_name="Bo Learner"), board, 2)

    response = client.get(reverse("roles:people_list"), {"competency": "board", "mentors": "on"})

    assert names(response) == ["Ada Mentor"]


def test_people_list_filters_by_organization_region_and_language(client, org_a, org_b):
    member = PersonFactory(display_name="Ada Member", region=region("SSA"))
    member.languages.add(language("sw"))
    MembershipFactory(person=member, organization=org_a)
    holder = PersonFactory(display_name="Bo Holder", region=region("SSA"))
    RoleHolderFactory(person=holder, role=RoleFactory(organization=org_a), start=datetime.date(2025, 1, 1))
    former = PersonFactory(display_name="Cy Former")
    RoleHolderFactory(
        person=former,
        role=RoleFactory(organization=org_a),
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    MembershipFactory(person=PersonFactory(display_name="Di Elsewhere"), organization=org_b)

    by_org = client.get(reverse("roles:people_list"), {"organization": org_a.slug})
    by_region = client.get(reverse("roles:people_list"), {"region": "SSA"})
    by_language = client.get(reverse("roles:people_list"), {"language": "sw"})

    assert names(by_org) == ["Ada Member", "Bo Holder"]
    assert names(by_region) == ["Ada Member", "Bo Holder"]
    assert names(by_language) == ["Ada Member"]


def test_people_list_level_without_a_competency_re_renders_with_the_error(client):
    PersonFactory(display_name="Ada Public")

    response = client.get(reverse("roles:people_list"), {"min_level": "3", "q": "ada"})

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "competency": ["Choose a competency to filter by its level or by mentors."]
    }
    assert '<option value="3" selected>3 · Proficient</option>' in content
    assert 'value="ada"' in content
    assert names(response) == ["Ada Public"]


def test_people_list_unknown_choices_are_errors_not_crashes(client):
    PersonFactory(display_name="Ada Public")

    response = client.get(
        reverse("roles:people_list"), {"competency": "nope", "region": "XX", "min_level": "9"}
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["competency", "min_level", "region"]
    assert names(response) == ["Ada Public"]


def test_people_list_paginates_by_25_keeping_the_filters(client):
    for n in range(26):
        PersonFactory(display_name=f"Person {n:02d}", region=region("CEE"))

    first = client.get(reverse("roles:people_list"), {"region": "CEE"})
    second = client.get(reverse("roles:people_list"), {"region": "CEE", "page": 2})

    assert len(first.context["people"]) == 25
    assert "/en/people/?region=CEE&amp;page=2" in first.content.decode()
    assert names(second) == ["Person 25"]


def test_people_list_count_stops_at_the_cap_and_pages_go_on(client, monkeypatch):
    monkeypatch.setattr(PeoplePaginator, "count_cap", 2)
    monkeypatch.setattr(PeopleListView, "paginate_by", 2)
    for n in range(5):
        PersonFactory(display_name=f"Person {n}")

    first = client.get(reverse("roles:people_list"))
    third = client.get(reverse("roles:people_list"), {"page": 3})
    beyond = client.get(reverse("roles:people_list"), {"page": 9})

    content = first.content.decode()
    assert "More than 2 people" in content
    assert "<span>Page 1</span>" in content
    assert 'rel="next" href="/en/people/?page=2"' in content
    assert names(third) == ["Person 4"]
    assert "<span>Page 3</span>" in third.content.decode()
    assert 'rel="next"' not in third.content.decode()
    # past the end of a capped count: counted exactly, the last page (as with an exact count)
    assert names(beyond) == ["Person 4"]
    assert "5 people" in beyond.content.decode()
    assert "<span>Page 3 of 3</span>" in beyond.content.decode()


def test_people_list_count_under_the_cap_is_exact(client, monkeypatch):
    monkeypatch.setattr(PeoplePaginator, "count_cap", 3)
    monkeypatch.setattr(PeopleListView, "paginate_by", 2)
    for n in range(3):
        PersonFactory(display_name=f"Person {n}")

    content = client.get(reverse("roles:people_list")).content.decode()

    assert "3 people" in content
    assert "<span>Page 1 of 2</span>" in content


def test_people_list_offers_the_languages_of_public_profiles_only(client):
    PersonFactory(display_name="Ada Public").languages.add(language("sw"), language("fr"))
    PersonFactory(display_name="Bo Private", is_public=False).languages.add(language("ar"))
    language("es")  # nobody's

    response = client.get(reverse("roles:people_list"))

    assert response.context["form"].fields["language"].choices == [
        ("", "Any language"),
        ("fr", "French (fr)"),
        ("sw", "Swahili (sw)"),
    ]


def test_people_list_card_shows_what_the_person_made_public(client, org_a, board):
    ada = PersonFactory(display_name="Ada <Public>", wikimedia_username="Ada_W", region=region("SSA"))
    ada.languages.add(language("sw"), language("fr"))
    MembershipFactory(person=ada, organization=org_a)
    level(ada, board, 3, CompetencySource.ORGANIZER)
    level(ada, board, 2)
    PersonFactory(display_name="Bo Bare")

    content = client.get(reverse("roles:people_list"), {"competency": "board"}).content.decode()
    bare = client.get(reverse("roles:people_list"), {"q": "bo bare"}).content.decode()

    assert (
        f'<a class="cdx-card cdx-card--is-link" href="/en/people/{ada.pk}/"><span class="cdx-card__text">'
        '<span class="cdx-card__text__title">Ada &lt;Public&gt;</span>'
        '<span class="cdx-card__text__description">Ada_W · Sub-Saharan Africa</span>'
        '<span class="cdx-card__text__supporting-text">'
        '<span class="person-card__level">Board governance, verified: '
        '<span class="level-badge level-badge--3">3 · Proficient</span> · self-assessed: '
        '<span class="level-badge level-badge--2">2 · Practising</span></span>'
        f'<span class="person-card__line">{org_a.name}</span>'
        '<span class="person-card__line"><span lang="fr">fr</span>, <span lang="sw">sw</span></span>'
        "</span></span></a>"
    ) in content
    assert (
        '<span class="cdx-card__text__title">Bo Bare</span><span class="cdx-card__text__description"></span>'
        '<span class="cdx-card__text__supporting-text"></span>'
    ) in bare


def test_people_list_htmx_returns_only_the_results(client):
    PersonFactory(display_name="Ada Public")

    response = client.get(reverse("roles:people_list"), {"q": "ada"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="people-results"')
    assert "Ada Public" in content


def test_people_list_competency_is_a_lookup_not_a_select_of_2000_competencies(client, category):
    Competency.objects.bulk_create(
        Competency(name=f"Skill {n:04d}", name_en=f"Skill {n:04d}", slug=f"skill-{n:04d}", category=category)
        for n in range(2000)
    )

    response = client.get(reverse("roles:people_list"))

    content = response.content.decode()
    assert 'data-lookup="/en/lookups/competencies/"' in content
    assert "Skill 0" not in content
    assert "<optgroup" not in content
    # the level's, the region's and the "any ..." options; no language has a public person
    assert content.count("<option") == (len(Level) + 1) + (Region.objects.count() + 1) + 1
    assert 'data-lookup="/en/lookups/organizations/"' in content
    assert len(response.content) < 30_000


def test_people_list_bookmarked_slug_shows_the_competency_name_and_keeps_the_slug(client, board):
    content = client.get(reverse("roles:people_list"), {"competency": "board"}).content.decode()

    assert 'value="Board governance"' in content
    assert '<input type="hidden" value="board" data-lookup-value disabled>' in content


def test_people_list_typed_name_without_javascript_is_resolved(client, board, finance):
    alice = PersonFactory(display_name="Alice")
    level(alice, board, 2)
    PersonFactory(display_name="Bob")

    exact = client.get(reverse("roles:people_list"), {"competency": "board GOVERNANCE"})
    partial = client.get(reverse("roles:people_list"), {"competency": "governan"})

    assert exact.context["form"].errors == {}
    assert exact.context["competency"] == board
    assert names(exact) == ["Alice"]
    assert partial.context["competency"] == board


def test_people_list_unknown_competency_re_renders_with_a_clear_error_and_the_input(client, board, finance):
    PersonFactory(display_name="Ada Public")

    unknown = client.get(reverse("roles:people_list"), {"competency": "astrology", "q": "ada"})
    several = client.get(reverse("roles:people_list"), {"competency": "n"})

    assert unknown.context["form"].errors == {
        "competency": ["No competency matches “astrology”. Type part of its name and choose from the list."]
    }
    content = unknown.content.decode()
    assert 'value="astrology"' in content
    assert "cdx-text-input--status-error" in content
    assert names(unknown) == ["Ada Public"]
    assert several.context["form"].errors == {
        "competency": ["Several competencies match “n”: Board governance, Finance. Type more of the name."]
    }


def test_people_list_organization_is_a_lookup_of_listed_organisations(client):
    listed = OrganizationFactory(name="Wikimedia Zanzibar", name_en="Wikimedia Zanzibar", slug="wm-zanzibar")
    OrganizationFactory(
        name="Wikimedia Zambezi", name_en="Wikimedia Zambezi", slug="wm-zambezi", active=False
    )
    member = PersonFactory(display_name="Zara Member")
    MembershipFactory(person=member, organization=listed)
    PersonFactory(display_name="Other Person")

    by_slug = client.get(reverse("roles:people_list"), {"organization": "wm-zanzibar"})
    by_name = client.get(reverse("roles:people_list"), {"organization": "wikimedia z"})
    unlisted = client.get(reverse("roles:people_list"), {"organization": "wm-zambezi"})

    assert names(by_slug) == ["Zara Member"]
    assert 'value="Wikimedia Zanzibar"' in by_slug.content.decode()
    assert by_name.context["form"].errors == {}
    assert names(by_name) == ["Zara Member"]
    assert unlisted.context["form"].errors == {
        "organization": [
            "No organisation matches “wm-zambezi”. Type part of its name and choose from the list."
        ]
    }
    assert names(unlisted) == ["Other Person", "Zara Member"]


def test_people_list_unknown_competency_in_french_is_translated(client, board):
    response = client.get("/fr/people/", {"competency": "astrologie"})

    [error] = response.context["form"].errors["competency"]
    assert "astrologie" in error
    assert error != "No competency matches “astrologie”. Type part of its name and choose from the list."


def test_people_list_htmx_update_carries_the_lookup_error_with_the_results(client):
    PersonFactory(display_name="Ada Public")

    response = client.get(
        reverse("roles:people_list"), {"competency": "astrology"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="people-results"')
    assert (
        "<p>No competency matches “astrology”. Type part of its name and choose from the list.</p>" in content
    )
    assert "Ada Public" in content


def make_people(count, competency, organization):
    for n in range(count):
        person = PersonFactory(display_name=f"Person {n}", region=region("SSA"))
        person.languages.add(language("fr"), language("sw"))
        MembershipFactory(person=person, organization=organization)
        level(person, competency, 2, CompetencySource.TRAINING)


@pytest.mark.parametrize("count", [1, 3])
def test_people_list_queries_are_constant(client, org_a, board, django_assert_num_queries, count):
    make_people(count, board, org_a)

    # choices: regions, languages (the competency and the organisation are lookups: no query until one is
    # given); people count and page, their languages and their memberships
    with django_assert_num_queries(6):
        response = client.get(reverse("roles:people_list"))

    assert len(response.context["people"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_people_list_filtered_queries_are_constant(client, org_a, board, django_assert_num_queries, count):
    make_people(count, board, org_a)

    # the competency's and the organisation's slugs resolved (a query each), then the six of no filter
    with django_assert_num_queries(8):
        response = client.get(
            reverse("roles:people_list"),
            {
                "competency": "board",
                "min_level": "2",
                "organization": org_a.slug,
                "region": "SSA",
                "language": "sw",
            },
        )

    assert len(response.context["people"]) == count


# --- A person's page -------------------------------------------------------------------------------------


@pytest.fixture
def member(org_a, board, finance):
    """A public member of A with every kind of level, interests and a current and a past term."""
    person = PersonFactory(
        display_name="Ada Member", wikimedia_username="Ada Lovelace", email="ada@example.org"
    )
    MembershipFactory(person=person, organization=org_a)
    level(person, board, 2, CompetencySource.TRAINING)
    level(person, board, 3, CompetencySource.ORGANIZER)
    level(person, board, 4)
    level(person, finance, 1, CompetencySource.NOMINATOR)
    person.wants_to_develop.add(finance)
    person.can_mentor.add(board)
    chair = RoleFactory(organization=org_a, title="Chair", title_en="Chair")
    RoleHolderFactory(person=person, role=chair, start=datetime.date(2024, 1, 1))
    secretary = RoleFactory(organization=org_a, title="Secretary", title_en="Secretary")
    RoleHolderFactory(
        person=person,
        role=secretary,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2022, 1, 1),
        term_number=2,
    )
    return person


def test_person_detail_shows_profile_roles_and_levels_by_source(client, member):
    response = client.get(reverse("roles:person_detail", args=[member.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="https://meta.wikimedia.org/wiki/User:Ada_Lovelace" rel="noopener">Ada Lovelace</a>'
        in content
    )
    assert "ada@example.org" not in content
    assert [t.role.title for t in response.context["current_terms"]] == ["Chair"]
    assert [(t.role.title, t.term_number) for t in response.context["past_terms"]] == [("Secretary", 2)]
    levels = {e.competency.slug: e for e in response.context["competency_levels"]}
    assert (levels["board"].verified_level, levels["board"].verified.source, levels["board"].self_level) == (
        3,
        "organizer",
        4,
    )
    assert (levels["finance"].verified_level, [r.level for r in levels["finance"].observed]) == (0, [1])
    assert "Confirmed by an organizer" in content
    assert "observed by a nominator" in content
    assert [c.slug for c in response.context["wants_to_develop"]] == ["finance"]
    assert [c.slug for c in response.context["can_mentor"]] == ["board"]
    assert f'action="/en/people/{member.pk}/gap/"' in content
    assert "Confirm a level" not in content


@pytest.mark.parametrize(
    ("actor", "sees_form"),
    [
        ("plain_user", False),
        ("organizer_a", True),
        ("organizer_b", False),
        ("hub_coordinator_a", False),
        ("staff_user", True),
    ],
)
def test_person_detail_offers_confirmation_to_organizers_of_the_person(
    request, client, member, actor, sees_form
):
    client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:person_detail", args=[member.pk]))

    assert response.context["can_confirm"] is sees_form
    assert ("Confirm this level" in response.content.decode()) is sees_form


def test_person_detail_never_offers_organizers_to_confirm_themselves(client, organizer_a):
    organizer_a.person.is_public = True
    organizer_a.person.save()
    client.force_login(organizer_a)

    response = client.get(reverse("roles:person_detail", args=[organizer_a.person.pk]))

    assert response.context["can_confirm"] is False
    assert response.context["is_self"] is True
    assert 'href="/en/me/competencies/"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_person_detail_queries_are_constant(client, org_a, category, django_assert_num_queries, count):
    person = PersonFactory(display_name="Ada", region=region("SSA"))
    person.languages.add(language("fr"))
    for _n in range(count):
        competency = CompetencyFactory(category=category)
        level(person, competency, 2, CompetencySource.TRAINING)
        level(person, competency, 3)
        person.wants_to_develop.add(competency)
        person.can_mentor.add(competency)
        organization = OrganizationFactory()
        MembershipFactory(person=person, organization=organization)
        RoleHolderFactory(person=person, role=RoleFactory(organization=organization))

    # person, languages, memberships, terms, levels, wants, mentors, roles to compare with
    with django_assert_num_queries(8):
        response = client.get(reverse("roles:person_detail", args=[person.pk]))

    assert len(response.context["competency_levels"]) == count
    assert len(response.context["current_terms"]) == count


# --- Organizers confirm a level ----------------------------------------------------------------------------


def test_person_confirm_by_organizer_records_a_verified_level(client, organizer_a, member, finance):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:person_confirm_competency", args=[member.pk]),
        {"competency": finance.pk, "level": "3", "evidence": "Ran our budget for 2025."},
    )

    record = PersonCompetency.objects.get(
        person=member, competency=finance, source=CompetencySource.ORGANIZER
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/people/{member.pk}/"
    assert (record.level, record.evidence, record.recorded_by) == (
        3,
        "Ran our budget for 2025.",
        organizer_a.person,
    )
    assert messages_of(response) == ["You confirmed Ada Member at level 3 in Finance."]


def test_person_confirm_by_organizer_of_a_role_the_person_holds(client, organizer_b, org_b, finance):
    holder = PersonFactory(display_name="Bo Holder")
    RoleHolderFactory(person=holder, role=RoleFactory(organization=org_b), start=datetime.date(2025, 1, 1))
    client.force_login(organizer_b)

    response = client.post(
        reverse("roles:person_confirm_competency", args=[holder.pk]), {"competency": finance.pk, "level": "2"}
    )

    assert response.status_code == 302
    assert list(PersonCompetency.objects.filter(person=holder).values_list("level", "source")) == [
        (2, "organizer")
    ]


@pytest.mark.parametrize(
    ("actor", "status"),
    [(None, 302), ("plain_user", 403), ("organizer_b", 403), ("hub_coordinator_a", 403)],
)
def test_person_confirm_is_refused_to_others(request, client, member, finance, actor, status):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    response = client.post(
        reverse("roles:person_confirm_competency", args=[member.pk]), {"competency": finance.pk, "level": "3"}
    )

    assert response.status_code == status
    assert PersonCompetency.objects.filter(person=member, competency=finance, source="organizer").count() == 0


def test_person_confirm_of_a_private_person_is_not_found(client, organizer_a, org_a, finance):
    private = PersonFactory(is_public=False)
    MembershipFactory(person=private, organization=org_a)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:person_confirm_competency", args=[private.pk]),
        {"competency": finance.pk, "level": "3"},
    )

    assert response.status_code == 404


def test_person_confirm_with_bad_input_re_renders_with_the_typed_evidence(client, organizer_a, member):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:person_confirm_competency", args=[member.pk]),
        {"competency": "", "level": "7", "evidence": "Saw it at the board retreat."},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["confirm_form"].errors == {
        "competency": ["This field is required."],
        "level": ["Select a valid choice. 7 is not one of the available choices."],
    }
    assert "Saw it at the board retreat.</textarea>" in content
    assert "<h1>Ada Member</h1>" in content


def test_person_confirm_answers_get_with_405(client, organizer_a, member):
    client.force_login(organizer_a)

    assert client.get(reverse("roles:person_confirm_competency", args=[member.pk])).status_code == 405


# --- Gap view --------------------------------------------------------------------------------------------


@pytest.fixture
def treasurer(org_a, board, finance, category):
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    RoleRequirementFactory(role=role, competency=finance, min_level=4, importance=Importance.ESSENTIAL)
    RoleRequirementFactory(role=role, competency=board, min_level=2, importance=Importance.ESSENTIAL)
    outreach = CompetencyFactory(name="Outreach", name_en="Outreach", slug="outreach", category=category)
    RoleRequirementFactory(role=role, competency=outreach, min_level=3, importance=Importance.DESIRABLE)
    return role


def test_person_gap_compares_levels_with_the_requirements(client, member, treasurer):
    response = client.get(reverse("roles:person_gap", args=[member.pk]), {"role": treasurer.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert [
        (
            row["competency"].slug,
            row["requirement"].importance,
            row["requirement"].min_level,
            row["verified_level"],
            row["self_level"],
            row["missing"],
        )
        for row in response.context["rows"]
    ] == [
        ("finance", "essential", 4, 0, 0, 4),
        ("board", "essential", 2, 3, 4, 0),
        ("outreach", "desirable", 3, 0, 0, 3),
    ]
    assert "1 of 3 requirements met by verified levels." in content
    assert "Missing by 4 levels" in content
    assert '<span class="gap-status gap-status--met">Met</span>' in content
    assert '<span class="visually-hidden">Level 3 of 4; 2 required</span>' in content
    assert f'<option value="{treasurer.pk}" selected>Treasurer</option>' in content


def test_person_gap_without_a_role_shows_the_choice_only(client, member, treasurer):
    response = client.get(reverse("roles:person_gap", args=[member.pk]))

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors == {}
    assert f'<option value="{treasurer.pk}">Treasurer</option>' in response.content.decode()


@pytest.mark.parametrize("value", ["999999", "treasurer"])
def test_person_gap_with_an_unknown_role_re_renders_with_the_error(client, member, value):
    response = client.get(reverse("roles:person_gap", args=[member.pk]), {"role": value})

    assert response.status_code == 200
    assert response.context["form"].errors == {"role": ["Choose one of the roles in the registry."]}
    assert response.context["rows"] == []


def test_person_gap_accepts_a_role_outside_the_person_organizations(client, member, org_b, board):
    elsewhere = RoleFactory(organization=org_b, title="Editor", title_en="Editor")
    RoleRequirementFactory(role=elsewhere, competency=board, min_level=4)

    response = client.get(reverse("roles:person_gap", args=[member.pk]), {"role": elsewhere.pk})

    assert [row["missing"] for row in response.context["rows"]] == [1]
    assert f'<option value="{elsewhere.pk}" selected>Editor</option>' in response.content.decode()


@pytest.mark.parametrize(
    ("actor", "status"),
    [(None, 404), ("plain_user", 404), ("organizer_a", 200), ("organizer_b", 404), ("staff_user", 200)],
)
def test_person_gap_of_a_private_person_is_for_who_may_view_it(
    request, client, organizer_a, treasurer, actor, status
):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:person_gap", args=[organizer_a.person.pk]), {"role": treasurer.pk})

    assert response.status_code == status


@pytest.mark.parametrize("count", [1, 3])
def test_person_gap_queries_are_constant(client, member, org_a, category, django_assert_num_queries, count):
    role = RoleFactory(organization=org_a)
    for _n in range(count):
        competency = CompetencyFactory(category=category)
        RoleRequirementFactory(role=role, competency=competency)
        level(member, competency, 1, CompetencySource.TRAINING)

    # person, languages, roles to choose from, the chosen role, requirements, the person's levels
    with django_assert_num_queries(6):
        response = client.get(reverse("roles:person_gap", args=[member.pk]), {"role": role.pk})

    assert len(response.context["rows"]) == count


# --- My competencies -----------------------------------------------------------------------------------


def self_data(rows, *, initial=0, wants=(), mentor=()):
    data = {
        "self-TOTAL_FORMS": str(len(rows)),
        "self-INITIAL_FORMS": str(initial),
        "self-MIN_NUM_FORMS": "0",
        "self-MAX_NUM_FORMS": "500",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"self-{index}-{key}"] = value
    data["wants_to_develop"] = [str(pk) for pk in wants]
    data["can_mentor"] = [str(pk) for pk in mentor]
    return data


def self_levels(person):
    return sorted(
        PersonCompetency.objects.filter(person=person, source=CompetencySource.SELF_ASSESSED).values_list(
            "competency__slug", "level", "evidence"
        )
    )


def test_me_competencies_needs_an_account(client):
    response = client.get(reverse("roles:me_competencies"))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_me_competencies_shows_my_rows_and_blank_ones(client, plain_user, board):
    level(plain_user.person, board, 2)
    client.force_login(plain_user)

    response = client.get(reverse("roles:me_competencies"))

    formset = response.context["formset"]
    assert response.status_code == 200
    assert [form.initial for form in formset.forms] == [
        {"competency": board.pk, "level": 2, "evidence": ""},
        {},
        {},
        {},
    ]
    assert formset.forms[0].title == "Board governance"
    assert '<label class="cdx-label__label" for="id_self-0-level">' in response.content.decode()


def test_me_competencies_adds_changes_and_removes_in_one_submit(client, plain_user, board, finance, category):
    person = plain_user.person
    outreach = CompetencyFactory(name="Outreach", name_en="Outreach", slug="outreach", category=category)
    level(person, board, 2)
    level(person, finance, 1)
    level(person, board, 3, CompetencySource.TRAINING)
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:me_competencies"),
        self_data(
            [
                {"competency": board.pk, "level": "4", "evidence": "Chaired 2025."},
                {"competency": finance.pk, "level": "1", "DELETE": "on"},
                {"competency": outreach.pk, "level": "2"},
                {"competency": "", "level": ""},
            ],
            initial=2,
            wants=[finance.pk],
            mentor=[board.pk],
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/me/competencies/"
    assert self_levels(person) == [("board", 4, "Chaired 2025."), ("outreach", 2, "")]
    assert list(
        PersonCompetency.objects.filter(person=person, source="training").values_list("level", flat=True)
    ) == [3]
    assert list(person.wants_to_develop.values_list("slug", flat=True)) == ["finance"]
    assert list(person.can_mentor.values_list("slug", flat=True)) == ["board"]
    assert messages_of(response) == ["Your competencies were saved."]


def test_me_competencies_twice_the_same_competency_re_renders_with_everything_typed(
    client, plain_user, board, finance
):
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:me_competencies"),
        self_data(
            [
                {"competency": board.pk, "level": "2", "evidence": "First try."},
                {"competency": board.pk, "level": "3", "evidence": "Second try."},
            ],
            wants=[finance.pk],
        ),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "Board governance is listed twice: assess each competency once."
    ]
    assert "First try.</textarea>" in content
    assert "Second try.</textarea>" in content
    assert f'<option value="{finance.pk}" selected>Finance</option>' in content
    assert self_levels(plain_user.person) == []


def test_me_competencies_a_row_without_level_re_renders_with_the_error(client, plain_user, board):
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:me_competencies"),
        self_data([{"competency": board.pk, "level": "", "evidence": "Some evidence."}]),
    )

    assert response.status_code == 200
    assert response.context["formset"].errors == [{"level": ["This field is required."]}]
    assert "Some evidence.</textarea>" in response.content.decode()
    assert self_levels(plain_user.person) == []


def test_me_competencies_an_unknown_competency_is_refused(client, plain_user, board):
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:me_competencies"), self_data([{"competency": "424242", "level": "2"}], wants=["999"])
    )

    assert response.status_code == 200
    assert response.context["formset"].errors == [
        {"competency": ["Select a valid choice. 424242 is not one of the available choices."]}
    ]
    assert response.context["interests_form"].errors == {
        "wants_to_develop": ["Select a valid choice. 999 is not one of the available choices."]
    }


@pytest.mark.parametrize("count", [1, 3])
def test_me_competencies_queries_are_constant(client, plain_user, category, django_assert_num_queries, count):
    for _n in range(count):
        competency = CompetencyFactory(category=category)
        level(plain_user.person, competency, 2)
        level(plain_user.person, competency, 3, CompetencySource.TRAINING)
        plain_user.person.can_mentor.add(competency)
    client.force_login(plain_user)

    # session, user, person; competencies, my self-assessments, wants, mentors, verified levels
    with django_assert_num_queries(8):
        response = client.get(reverse("roles:me_competencies"))

    assert len(response.context["verified"]) == count


def test_me_page_links_to_my_competencies(client, plain_user):
    client.force_login(plain_user)

    content = client.get(reverse("roles:me")).content.decode()

    assert '<a href="/en/me/competencies/">Edit my competencies</a>' in content


def test_self_assessment_never_changes_the_verified_level_shown(client, plain_user, board):
    person = plain_user.person
    person.is_public = True
    person.save()
    level(person, board, 2, CompetencySource.ORGANIZER)
    services.person_competency_self_assess(person=person, competency=board, level=4)

    response = client.get(reverse("roles:person_detail", args=[person.pk]))

    entry = response.context["competency_levels"][0]
    assert (entry.verified_level, entry.self_level) == (2, 4)
