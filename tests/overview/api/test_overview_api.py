"""The overview's API: the pages' figures as JSON, with the pages' permissions, in the asked language."""

import datetime

import pytest
import yaml
from django.core.management import call_command
from django.utils import timezone

from leadership.overview import selectors
from leadership.overview.services import overview_refresh
from roles.enums import CompetencySource, Importance
from roles.models import Competency
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, region
from tests.factories.registry import (
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
)
from tests.factories.roles import language
from tests.factories.training import CourseCompetencyFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/overview/"
SUMMARY_FIGURES = (
    "organizations",
    "roles",
    "seats",
    "filled_seats",
    "vacant_seats",
    "terms_ending",
    "over_term_limit",
    "without_successor",
    "burnout_risk",
)


@pytest.fixture(autouse=True)
def _fresh_throttles(fresh_cache):
    """Throttles count requests in the cache: every test starts with none counted."""


@pytest.fixture
def facilitation():
    return CompetencyFactory(
        name="Facilitation", name_en="Facilitation", name_fr="Animation", slug="facilitation"
    )


@pytest.fixture
def world(org_a, facilitation):
    """org_a (NWE): Secretary, 2 vacant seats needing Facilitation (essential, level 3) with a session
    scheduled; Chair, held by Bea until 30 days from today (so soon vacant too), term 3 of at most 2."""
    today = timezone.localdate()
    secretary = RoleFactory(organization=org_a, title="Secretary", title_en="Secretary", seats=2)
    RoleRequirementFactory(
        role=secretary, competency=facilitation, min_level=3, importance=Importance.ESSENTIAL
    )
    chair = RoleFactory(
        organization=org_a, title="Chair", title_en="Chair", title_fr="Présidence", term_limit=2
    )
    bea = PersonFactory(display_name="Bea")
    RoleHolderFactory(
        role=chair,
        person=bea,
        start=today - datetime.timedelta(days=300),
        end=today + datetime.timedelta(days=30),
        term_number=3,
    )
    course = CourseCompetencyFactory(
        competency=facilitation, target_level=3, course__organization=org_a
    ).course
    session = TrainingSessionFactory(course=course)
    return {"secretary": secretary, "chair": chair, "bea": bea, "session": session}


def figures(summary):
    return {name: getattr(summary, name) for name in SUMMARY_FIGURES}


# --- Figures ------------------------------------------------------------------------------------------------


def test_movement_figures_equal_the_selectors(api_client, world):
    overview_refresh()

    response = api_client.get(BASE)

    assert response.status_code == 200
    body = response.json()
    summary = selectors.movement_summary()
    assert {name: body["summary"][name] for name in SUMMARY_FIGURES} == figures(summary)
    assert {name: body["summary"][name] for name in SUMMARY_FIGURES} == {
        "organizations": 1,
        "roles": 2,
        "seats": 3,
        "filled_seats": 1,
        "vacant_seats": 2,
        "terms_ending": 1,
        "over_term_limit": 1,
        "without_successor": 2,
        "burnout_risk": 0,
    }
    assert (body["summary"]["kind"], body["summary"]["key"]) == ("movement", "movement")
    assert body["summary"]["timeline"] == summary.timeline
    assert len(body["summary"]["timeline"]) == 12
    assert body["summary"]["diversity"] == summary.diversity
    assert [region_row["region"]["code"] for region_row in body["regions"]] == ["NWE"]
    assert body["regions"][0]["vacant_seats"] == 2
    [gap] = body["gaps"]
    assert gap == {
        "competency": {
            "url": "http://testserver/api/v1/competencies/facilitation/",
            "slug": "facilitation",
            "name": "Facilitation",
            "category": {
                "slug": world["secretary"].requirements.get().competency.category.slug,
                "name": world["secretary"].requirements.get().competency.category.name,
            },
        },
        "required_level": 3,
        "demand_seats": 2,
        "demand": 2.0,
        "supply_people": 0,
        "supply_learners": 0,
        "gap": 2.0,
        "upcoming_sessions": 1,
        "sessions_scheduled": True,
        "sessions": [
            {
                "url": f"http://testserver/api/v1/training-sessions/{world['session'].pk}/",
                "id": world["session"].pk,
                "course_title": world["session"].course.title,
                "starts_at": world["session"].starts_at.isoformat().replace("+00:00", "Z"),
                "ends_at": world["session"].ends_at.isoformat().replace("+00:00", "Z"),
            }
        ],
    }


def test_region_figures_equal_the_selectors(api_client, world, org_a):
    overview_refresh()

    response = api_client.get(f"{BASE}regions/NWE/")

    assert response.status_code == 200
    body = response.json()
    summary = selectors.region_summary(region=region("NWE"))
    assert {name: body["summary"][name] for name in SUMMARY_FIGURES} == figures(summary)
    assert body["summary"]["region"] == {"code": "NWE", "name": "Northern and Western Europe"}
    assert [row["organization"]["slug"] for row in body["organizations"]] == ["wikimedia-alpha"]
    assert [gap["competency"]["slug"] for gap in body["gaps"]] == ["facilitation"]


def test_region_list(api_client, world):
    OrganizationFactory(region=region("SSA"))
    overview_refresh()

    response = api_client.get(f"{BASE}regions/")

    assert response.status_code == 200
    assert [(row["region"]["code"], row["vacant_seats"]) for row in response.json()] == [
        (summary.region.code, summary.vacant_seats) for summary in selectors.region_table()
    ]
    assert {row["region"]["code"] for row in response.json()} == {"NWE", "SSA"}


def test_organization_figures_and_public_lists(api_client, world, org_a):
    overview_refresh()

    response = api_client.get(f"{BASE}organizations/wikimedia-alpha/")

    assert response.status_code == 200
    body = response.json()
    summary = selectors.organization_summary(organization=org_a)
    assert {name: body["summary"][name] for name in SUMMARY_FIGURES} == figures(summary)
    assert {name: body["summary"][name] for name in SUMMARY_FIGURES} == {
        "organizations": 1,
        "roles": 2,
        "seats": 3,
        "filled_seats": 1,
        "vacant_seats": 2,
        "terms_ending": 1,
        "over_term_limit": 1,
        "without_successor": 2,
        "burnout_risk": 0,
    }
    assert body["summary"]["organization"] == {
        "slug": "wikimedia-alpha",
        "name": "Wikimedia Alpha",
        "region": "NWE",
    }
    assert [
        (row["title"], row["vacant"], row["soon_vacant"], row["open_seats"]) for row in body["vacant_roles"]
    ] == [
        (role.title, role.vacant, role.soon_vacant, role.open_seats)
        for role in selectors.vacant_roles(scope=summary)
    ]
    assert sorted((row["title"], row["vacant"], row["soon_vacant"]) for row in body["vacant_roles"]) == [
        ("Chair", 0, 1),
        ("Secretary", 2, 0),
    ]
    assert sorted(row["title"] for row in body["roles_without_successor"]) == ["Chair", "Secretary"]
    assert (body["organizations"], body["people"]) == ([], None)


@pytest.mark.parametrize(
    ("who", "sees"), [("plain_user", False), ("organizer_b", False), ("organizer_a", True)]
)
def test_organization_named_people_only_for_its_organizers(request, signed_in, world, who, sees):
    response = signed_in(request.getfixturevalue(who)).get(f"{BASE}organizations/wikimedia-alpha/")

    assert response.status_code == 200
    people = response.json()["people"]
    if not sees:
        assert people is None
        return
    assert [(term["role"]["title"], term["person"]["display_name"]) for term in people["terms_ending"]] == [
        ("Chair", "Bea")
    ]
    assert [
        (term["person"]["display_name"], term["term_number"], term["term_limit"])
        for term in people["over_term_limit"]
    ] == [("Bea", 3, 2)]
    assert people["burnout"] == []
    assert people["emerging_leaders"] == []


def test_hub_lists_the_organisations_it_serves(api_client, org_a):
    hub = OrganizationFactory(slug="the-hub", kind="regional_hub")
    org_a.hubs.set([hub])
    RoleFactory(organization=org_a, seats=2)
    overview_refresh()

    response = api_client.get(f"{BASE}organizations/the-hub/")

    assert response.status_code == 200
    assert [
        (row["organization"]["slug"], row["vacant_seats"]) for row in response.json()["organizations"]
    ] == [("wikimedia-alpha", 2)]
    assert response.json()["summary"]["vacant_seats"] == 2


# --- Unknown objects and bad parameters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("regions/ATLANTIS/", "No region has the code “ATLANTIS”."),
        ("regions/ATLANTIS/gaps/", "No region has the code “ATLANTIS”."),
        ("organizations/nowhere/", "No approved, active organisation has the slug “nowhere”."),
        ("organizations/nowhere/gaps/", "No approved, active organisation has the slug “nowhere”."),
        ("organizations/proposed-one/", "No approved, active organisation has the slug “proposed-one”."),
        ("roles/999999/candidates/", "No role has the id “999999”."),
        ("roles/abc/candidates/", "No role has the id “abc”."),
        ("competencies/nothing/peers/", "No competency has the slug “nothing”."),
    ],
)
def test_unknown_objects_answer_404_naming_them(signed_in, staff_user, path, detail):
    OrganizationFactory(slug="proposed-one", status="proposed")

    response = signed_in(staff_user).get(f"{BASE}{path}")

    assert (response.status_code, response.json()) == (404, {"detail": detail})


@pytest.mark.parametrize("path", ["gaps/", "regions/NWE/gaps/", "organizations/wikimedia-alpha/gaps/"])
def test_unknown_sort_answers_400(api_client, org_a, path):
    response = api_client.get(f"{BASE}{path}?sort=size")

    assert (response.status_code, response.json()) == (
        400,
        {
            "sort": [
                "Unknown sort “size”: use one of gap, -gap, demand, -demand, supply, -supply, name, -name."
            ]
        },
    )


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_not_allowed(signed_in, staff_user, org_a, method):
    response = getattr(signed_in(staff_user), method)(
        f"{BASE}organizations/wikimedia-alpha/", {}, format="json"
    )

    assert response.status_code == 405


# --- Gap lists ----------------------------------------------------------------------------------------------


def _vacant_roles_needing(organization, count):
    """`count` roles of one vacant seat, each needing its own competency (i+1 essential requirements each)."""
    competencies = []
    for index in range(count):
        competency = CompetencyFactory(name=f"Skill {index}", name_en=f"Skill {index}", slug=f"skill-{index}")
        role = RoleFactory(organization=organization, seats=index + 1)
        RoleRequirementFactory(role=role, competency=competency, min_level=2)
        competencies.append(competency)
    return competencies


@pytest.mark.parametrize("count", [1, 3])
def test_organization_gaps_paginated_query_count_constant(
    api_client, org_a, django_assert_num_queries, count
):
    for competency in _vacant_roles_needing(org_a, count):
        TrainingSessionFactory(
            course=CourseCompetencyFactory(competency=competency, course__organization=org_a).course
        )
    overview_refresh()

    with django_assert_num_queries(5):
        response = api_client.get(f"{BASE}organizations/wikimedia-alpha/gaps/?page_size=2")

    body = response.json()
    assert (response.status_code, body["count"]) == (200, count)
    expected = [f"skill-{index}" for index in reversed(range(count))][:2]  # largest gap first
    assert [row["competency"]["slug"] for row in body["results"]] == expected
    assert [len(row["sessions"]) for row in body["results"]] == [1] * len(expected)
    assert body["next"] == (
        "http://testserver/api/v1/overview/organizations/wikimedia-alpha/gaps/?page=2&page_size=2"
        if count == 3
        else None
    )


@pytest.mark.parametrize("count", [1, 3])
def test_movement_gaps_query_count_constant(api_client, org_a, django_assert_num_queries, count):
    _vacant_roles_needing(org_a, count)
    overview_refresh()

    with django_assert_num_queries(4):
        response = api_client.get(f"{BASE}gaps/")

    assert [row["gap"] for row in response.json()["results"]] == [float(n) for n in range(count, 0, -1)]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("gap", ["skill-2", "skill-1", "skill-0"]),
        ("-gap", ["skill-0", "skill-1", "skill-2"]),
        ("name", ["skill-0", "skill-1", "skill-2"]),
        ("-name", ["skill-2", "skill-1", "skill-0"]),
        ("demand", ["skill-2", "skill-1", "skill-0"]),
    ],
)
def test_gaps_sorted(api_client, org_a, sort, expected):
    _vacant_roles_needing(org_a, 3)
    overview_refresh()

    response = api_client.get(f"{BASE}regions/NWE/gaps/?sort={sort}")

    assert [row["competency"]["slug"] for row in response.json()["results"]] == expected


def test_competency_names_in_the_asked_language(api_client, world):
    overview_refresh()

    french = api_client.get(f"{BASE}gaps/?lang=fr").json()["results"]
    header = api_client.get(f"{BASE}organizations/wikimedia-alpha/", HTTP_ACCEPT_LANGUAGE="fr").json()
    english = api_client.get(f"{BASE}gaps/").json()["results"]

    assert [row["competency"]["name"] for row in french] == ["Animation"]
    assert [row["competency"]["name"] for row in header["gaps"]] == ["Animation"]
    assert sorted(row["title"] for row in header["vacant_roles"]) == ["Présidence", "Secretary"]
    assert [row["competency"]["name"] for row in english] == ["Facilitation"]


# --- Candidates ---------------------------------------------------------------------------------------------


def test_candidates_anonymous_401(api_client, world):
    response = api_client.get(f"{BASE}roles/{world['secretary'].pk}/candidates/")

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )


@pytest.mark.parametrize("who", ["plain_user", "organizer_b", "hub_coordinator_a"])
def test_candidates_forbidden_to_others(request, signed_in, world, who):
    response = signed_in(request.getfixturevalue(who)).get(f"{BASE}roles/{world['secretary'].pk}/candidates/")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only the organizers of the role's organisation see its candidates."},
    )


def _candidate(org, name, level):
    person = PersonFactory(display_name=name)
    MembershipFactory(person=person, organization=org)
    PersonCompetencyFactory(
        person=person,
        competency=Competency.objects.get(slug="facilitation"),
        level=level,
        source=CompetencySource.ORGANIZER,
    )
    return person


def test_candidates_ranked_for_the_organizer(signed_in, organizer_a, world, org_a):
    ready = _candidate(org_a, "Dana", 3)
    close = _candidate(org_a, "Eli", 2)

    response = signed_in(organizer_a).get(f"{BASE}roles/{world['secretary'].pk}/candidates/")

    assert response.status_code == 200
    body = response.json()
    expected = selectors.role_candidates(role=world["secretary"])
    assert [(row["name"], row["essential_unmet"], row["level_distance"]) for row in body] == [
        (candidate.name, candidate.essential_unmet, candidate.level_distance) for candidate in expected
    ]
    assert [
        (row["kind"], row["person"], row["nomination"], row["essential_unmet"], row["level_distance"])
        for row in body
    ] == [
        ("person", {"id": ready.pk, "display_name": "Dana"}, None, 0, 0),
        ("person", {"id": close.pk, "display_name": "Eli"}, None, 1, 1),
    ]
    assert body[1]["gap"] == [
        {
            "competency": {
                "url": "http://testserver/api/v1/competencies/facilitation/",
                "slug": "facilitation",
                "name": "Facilitation",
                "category": body[1]["gap"][0]["competency"]["category"],
            },
            "min_level": 3,
            "importance": "essential",
            "level": 2,
            "self_level": None,
            "missing": 1,
        }
    ]
    assert body[1]["invited_on"] is None


@pytest.mark.parametrize("count", [1, 3])
def test_candidates_query_count_constant(
    signed_in, organizer_a, world, org_a, django_assert_num_queries, count
):
    for index in range(count):
        _candidate(org_a, f"Candidate {index}", 3)
    client = signed_in(organizer_a)

    with django_assert_num_queries(9):
        response = client.get(f"{BASE}roles/{world['secretary'].pk}/candidates/")

    assert len(response.json()) == count


def test_candidates_for_staff(signed_in, staff_user, world):
    response = signed_in(staff_user).get(f"{BASE}roles/{world['secretary'].pk}/candidates/")

    assert (response.status_code, response.json()) == (200, [])


# --- Peer learning and my development -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["competencies/", "competencies/facilitation/peers/", "me/"])
def test_signed_in_only(api_client, facilitation, path):
    response = api_client.get(f"{BASE}{path}")

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )


def test_peers_of_a_competency(signed_in, plain_user, facilitation):
    plain_user.person.languages.set([language("fr")])
    learner = PersonFactory(display_name="Lou", region=region("NWE"))
    learner.wants_to_develop.set([facilitation])
    mentor_fr = PersonFactory(display_name="Zoé")
    mentor_fr.languages.set([language("fr")])
    mentor_fr.can_mentor.set([facilitation])
    mentor = PersonFactory(display_name="Abe")
    mentor.can_mentor.set([facilitation])
    hidden = PersonFactory(display_name="Hidden", is_public=False)
    hidden.can_mentor.set([facilitation])

    response = signed_in(plain_user).get(f"{BASE}competencies/facilitation/peers/")

    assert response.status_code == 200
    body = response.json()
    assert body["competency"]["slug"] == "facilitation"
    assert body["learners"] == [
        {
            "id": learner.pk,
            "display_name": "Lou",
            "region": "NWE",
            "languages": [],
            "verified_level": 0,
            "same_language": False,
            "same_region": False,
        }
    ]
    assert [(row["display_name"], row["same_language"]) for row in body["mentors"]] == [
        ("Zoé", True),
        ("Abe", False),
    ]


def test_peer_competencies_list(signed_in, plain_user, facilitation):
    PersonFactory().wants_to_develop.set([facilitation])

    response = signed_in(plain_user).get(f"{BASE}competencies/?lang=fr")

    assert response.status_code == 200
    assert [
        (row["slug"], row["name"], row["wanting"], row["mentoring"]) for row in response.json()["results"]
    ] == [("facilitation", "Animation", 1, 0)]


def test_my_development(signed_in, plain_user, world, facilitation):
    person = plain_user.person
    person.wants_to_develop.set([facilitation])
    mentor = PersonFactory(display_name="Mo")
    mentor.can_mentor.set([facilitation])

    response = signed_in(plain_user).get(f"{BASE}me/")

    assert response.status_code == 200
    body = response.json()
    assert [
        (row["competency"]["slug"], [mentor_row["display_name"] for mentor_row in row["mentors"]])
        for row in body["wanted"]
    ] == [("facilitation", ["Mo"])]
    assert body["engagement"] == {
        "trainings_completed": 0,
        "mentoring": 0,
        "endorsements": 0,
        "nominations_accepted": 0,
        "past_terms": 0,
        "score": 0,
    }
    expected = selectors.my_development(person=person)
    assert [(row["role"]["id"], row["essential_unmet"]) for row in body["roles"]] == [
        (entry["role"].pk, entry["essential_unmet"]) for entry in expected["roles"]
    ]


# --- Schema -------------------------------------------------------------------------------------------------


def test_schema_documents_the_overview_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert sorted(path for path in schema["paths"] if path.startswith(BASE)) == [
        "/api/v1/overview/",
        "/api/v1/overview/competencies/",
        "/api/v1/overview/competencies/{slug}/peers/",
        "/api/v1/overview/gaps/",
        "/api/v1/overview/me/",
        "/api/v1/overview/organizations/{slug}/",
        "/api/v1/overview/organizations/{slug}/gaps/",
        "/api/v1/overview/regions/",
        "/api/v1/overview/regions/{code}/",
        "/api/v1/overview/regions/{code}/gaps/",
        "/api/v1/overview/roles/{id}/candidates/",
    ]
    gaps = schema["paths"]["/api/v1/overview/regions/{code}/gaps/"]["get"]
    assert [parameter["name"] for parameter in gaps["parameters"]] == [
        "code",
        "page",
        "page_size",
        "sort",
        "lang",
        "Accept-Language",
    ]
    assert sorted(gaps["responses"]) == ["200", "400", "401", "404", "429"]
    movement = schema["paths"]["/api/v1/overview/"]["get"]
    assert movement["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MovementOverview"
    }
    assert schema["paths"]["/api/v1/overview/roles/{id}/candidates/"]["get"]["security"] == [
        {"tokenAuth": []},
        {"cookieAuth": []},
    ]


@pytest.mark.parametrize(
    "path",
    ["overview.json", "overview/gaps.json", "overview/regions.json", "overview/regions/NWE.json"],
)
def test_format_suffix(api_client, org_a, path):
    response = api_client.get(f"/api/v1/{path}")

    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
