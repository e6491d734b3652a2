"""People: public profiles for everyone, one's own profile too, every profile for staff; email kept private."""

import datetime

import pytest

from roles import selectors, services
from roles.api.serializers_registry import PersonSerializer
from roles.enums import CompetencySource
from tests.api.rows import drf_row, list_rows
from tests.factories import MembershipFactory, PersonFactory, region
from tests.factories.registry import CompetencyFactory, PersonCompetencyFactory, RoleFactory
from tests.factories.roles import language

pytestmark = pytest.mark.django_db

LIST = "/api/v1/people/"


def names(response) -> list[str]:
    return [item["display_name"] for item in response.json()["results"]]


@pytest.fixture
def skills():
    return {slug: CompetencyFactory(slug=slug) for slug in ("budgeting", "coding", "facilitation")}


@pytest.fixture
def ada(skills):
    """A public person with every field filled in and levels from several sources."""
    person = PersonFactory(
        display_name="Ada Lovelace",
        wikimedia_username="Ada L",
        email="ada@example.org",
        region=region("NWE"),
        is_public=True,
    )
    person.languages.set([language("fr"), language("en")])
    budgeting, coding = skills["budgeting"], skills["coding"]
    PersonCompetencyFactory(person=person, competency=budgeting, level=2, source=CompetencySource.TRAINING)
    PersonCompetencyFactory(person=person, competency=budgeting, level=3, source=CompetencySource.ORGANIZER)
    PersonCompetencyFactory(
        person=person, competency=budgeting, level=4, source=CompetencySource.SELF_ASSESSED
    )
    PersonCompetencyFactory(person=person, competency=coding, level=1, source=CompetencySource.SELF_ASSESSED)
    PersonCompetencyFactory(
        person=person, competency=skills["facilitation"], level=4, source=CompetencySource.NOMINATOR
    )
    services.person_interests_set(person=person, wants_to_develop=[coding], can_mentor=[budgeting])
    return person


def test_person_list_anonymous_exact_json(api_client, ada):
    PersonFactory(display_name="Hidden", is_public=False)

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "next": None,
        "previous": None,
        "results": [
            {
                "url": f"http://testserver/api/v1/people/{ada.pk}/",
                "id": ada.pk,
                "display_name": "Ada Lovelace",
                "wikimedia_username": "Ada L",
                "email": None,
                "is_public": True,
                "region": "NWE",
                "languages": ["en", "fr"],
                "competencies": [
                    {"competency": "budgeting", "verified_level": 3, "self_assessed_level": 4},
                    {"competency": "coding", "verified_level": None, "self_assessed_level": 1},
                ],
                "wants_to_develop": ["coding"],
                "can_mentor": ["budgeting"],
            }
        ],
    }


@pytest.mark.parametrize(
    ("actor", "visible"),
    [
        (None, ["Ada Lovelace"]),
        ("plain_user", ["Ada Lovelace", "plain"]),
        ("organizer_a", ["Ada Lovelace", "organizer-a"]),
        ("staff_user", ["Ada Lovelace", "Hidden", "staff"]),
    ],
)
def test_person_list_public_profiles_plus_own(request, api_client, signed_in, ada, actor, visible):
    PersonFactory(display_name="Hidden", is_public=False)
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.get(LIST, {"ordering": "name"})

    assert names(response) == visible


def test_person_email_only_for_self_and_staff(signed_in, plain_user, staff_user, organizer_a, ada):
    own = signed_in(plain_user).get(f"{LIST}{plain_user.person.pk}/")
    as_staff = signed_in(staff_user).get(f"{LIST}{ada.pk}/")
    as_organizer = signed_in(organizer_a).get(f"{LIST}{ada.pk}/")

    assert (own.status_code, own.json()["email"], own.json()["is_public"]) == (
        200,
        "plain@example.org",
        False,
    )
    assert as_staff.json()["email"] == "ada@example.org"
    assert as_organizer.json()["email"] is None


@pytest.mark.parametrize(
    ("actor", "status"), [(None, 404), ("plain_user", 404), ("organizer_a", 404), ("staff_user", 200)]
)
def test_person_detail_private_profile(request, api_client, signed_in, actor, status):
    hidden = PersonFactory(display_name="Hidden", is_public=False)
    MembershipFactory(person=hidden, organization=request.getfixturevalue("org_a"))
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.get(f"{LIST}{hidden.pk}/")

    assert response.status_code == status


def test_person_write_methods_not_allowed(signed_in, plain_user):
    client = signed_in(plain_user)
    url = f"{LIST}{plain_user.person.pk}/"

    statuses = [
        client.post(LIST, {"display_name": "x"}, format="json").status_code,
        client.patch(url, {"display_name": "x"}, format="json").status_code,
        client.delete(url).status_code,
    ]

    assert statuses == [405, 405, 405]


@pytest.fixture
def crowd(ada, skills, org_a):
    bob = PersonFactory(display_name="Bob Builder", region=region("LAC"), is_public=True)
    bob.languages.set([language("es")])
    PersonCompetencyFactory(
        person=bob, competency=skills["budgeting"], level=2, source=CompetencySource.TRAINING
    )
    cleo = PersonFactory(display_name="Cleo", wikimedia_username="Cleopatra", is_public=True)
    MembershipFactory(person=cleo, organization=org_a)
    dan = PersonFactory(display_name="Dan", is_public=True)
    services.holder_add(role=RoleFactory(organization=org_a), person=dan, start=datetime.date(2025, 1, 1))
    return {"ada": ada, "bob": bob, "cleo": cleo, "dan": dan}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "lovel"}, ["Ada Lovelace"]),
        ({"q": "cleopatra"}, ["Cleo"]),
        ({"competency": "budgeting"}, ["Ada Lovelace", "Bob Builder"]),
        ({"competency": "budgeting", "min_level": "3"}, ["Ada Lovelace"]),
        ({"competency": "coding"}, ["Ada Lovelace"]),
        ({"competency": "coding", "min_level": "1"}, []),  # self-assessed only: not verified
        ({"mentor": "budgeting"}, ["Ada Lovelace"]),
        ({"organization": "wikimedia-alpha"}, ["Cleo", "Dan"]),
        ({"region": "lac"}, ["Bob Builder"]),
        ({"language": "es"}, ["Bob Builder"]),
        ({"language": "fr", "region": "NWE"}, ["Ada Lovelace"]),
    ],
)
def test_person_list_filters(api_client, crowd, params, expected):
    response = api_client.get(LIST, {**params, "ordering": "name"})

    assert (response.status_code, names(response)) == (200, expected)


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        (
            {"competency": "nope"},
            {"competency": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"mentor": "nope"},
            {"mentor": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"competency": "budgeting", "min_level": "5"},
            {"min_level": ["Select a valid choice. 5 is not one of the available choices."]},
        ),
        (
            {"region": "MOON"},
            {"region": ["Select a valid choice. MOON is not one of the available choices."]},
        ),
        ({"ordering": "email"}, {"ordering": ["Choose one of: id, -id, name, -name."]}),
    ],
)
def test_person_list_bad_parameters_are_400(api_client, crowd, params, errors):
    response = api_client.get(LIST, params)

    assert (response.status_code, response.json()) == (400, errors)


def test_person_list_cursor_pages(api_client):
    for name in ["Eve", "Ann", "Cid", "Bea", "Ann"]:
        PersonFactory(display_name=name, is_public=True)

    first = api_client.get(LIST, {"ordering": "name", "page_size": 2}).json()
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()

    assert [[p["display_name"] for p in page["results"]] for page in (first, second, third)] == [
        ["Ann", "Ann"],
        ["Bea", "Cid"],
        ["Eve"],
    ]
    assert third["next"] is None


@pytest.mark.parametrize("count", [1, 3])
def test_person_list_query_count_constant(api_client, django_assert_num_queries, skills, count):
    for _ in range(count):
        person = PersonFactory(is_public=True, region=region("SA"))
        person.languages.set([language("hi"), language("en")])
        PersonCompetencyFactory(
            person=person, competency=skills["budgeting"], source=CompetencySource.TRAINING
        )
        PersonCompetencyFactory(person=person, competency=skills["coding"])
        services.person_interests_set(
            person=person, wants_to_develop=[skills["coding"]], can_mentor=[skills["budgeting"]]
        )

    # the page (region joined), languages, competency records with competencies' slugs, wants to develop, can mentor
    with django_assert_num_queries(5):
        response = api_client.get(LIST)

    assert len(response.json()["results"]) == count


# --- The list's rows are written by hand (PersonSerializer): exactly what DRF's fields would write ------------


@pytest.mark.parametrize("actor", [None, "plain_user", "staff_user"])
def test_person_list_rows_equal_the_declared_fields(request, api_client, signed_in, ada, actor):
    PersonFactory(display_name="Bare", is_public=True, wikimedia_username="", region=None)
    user = request.getfixturevalue(actor) if actor else None
    client = signed_in(user) if user else api_client

    rows = list_rows(client.get(LIST))

    full = selectors.people_for_api(everyone=True)  # every column, the region joined, all prefetched
    assert rows == [drf_row(PersonSerializer, person, path=LIST, user=user) for person in full]
    assert len(rows) == (3 if actor else 2)  # the viewer's own profile too; staff see it as well
