"""Reading organisations: the list, its filters, search, ordering, pagination and the detail."""

import json

import pytest

from roles import selectors
from roles.api.serializers import OrganizationSerializer
from roles.enums import Capacity, OrganizationKind, OrganizationStatus
from tests.api.rows import drf_row, list_rows
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, region
from tests.factories.roles import language

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organizations/"


def iso(moment) -> str:
    """A datetime as DRF writes it (UTC, with a Z)."""
    return moment.isoformat().replace("+00:00", "Z")


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_organization_list_anonymous_exact_json(api_client, alpha, hub):
    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "url": "http://testserver/api/v1/organizations/fictional-regional-hub/",
                "web_url": "http://testserver/en/organizations/fictional-regional-hub/",
                "slug": "fictional-regional-hub",
                "name": "Fictional Regional Hub",
                "description": "A hub for tests.",
                "kind": "regional_hub",
                "kind_label": "Regional hub",
                "status": "approved",
                "status_label": "Approved",
                "region": {"code": "CEE", "name": "Central and Eastern Europe"},
                "countries": [],
                "languages": [],
                "website": "",
                "wikidata_qid": "",
                "hubs": [],
                "served_organizations_count": 1,
                "active": True,
                "created_at": iso(hub.created_at),
                "updated_at": iso(hub.updated_at),
            },
            {
                "url": "http://testserver/api/v1/organizations/wikimedia-alpha/",
                "web_url": "http://testserver/en/organizations/wikimedia-alpha/",
                "slug": "wikimedia-alpha",
                "name": "Wikimedia Alpha",
                "description": "A fictional organisation for tests.",
                "kind": "chapter",
                "kind_label": "Chapter",
                "status": "approved",
                "status_label": "Approved",
                "region": {"code": "NWE", "name": "Northern and Western Europe"},
                "countries": ["BE", "FR"],
                "languages": ["ar", "fr"],
                "website": "https://alpha.example.org/",
                "wikidata_qid": "Q4115189",
                "hubs": ["fictional-regional-hub"],
                "served_organizations_count": 0,
                "active": True,
                "created_at": iso(alpha.created_at),
                "updated_at": iso(alpha.updated_at),
            },
        ],
    }


def test_organization_list_leaves_out_proposed_and_rejected(api_client, org_a):
    OrganizationFactory(slug="proposed-one", status=OrganizationStatus.PROPOSED)
    OrganizationFactory(slug="rejected-one", status=OrganizationStatus.REJECTED)

    response = api_client.get(LIST)

    assert slugs(response) == ["wikimedia-alpha"]


def test_organization_list_hides_proposed_hub_of_listed_organization(api_client, org_a):
    proposed_hub = OrganizationFactory(
        slug="proposed-hub", kind=OrganizationKind.THEMATIC_HUB, status=OrganizationStatus.PROPOSED
    )
    org_a.hubs.set([proposed_hub])

    response = api_client.get(LIST)

    assert response.json()["results"][0]["hubs"] == []


@pytest.mark.parametrize("count", [1, 3])
def test_organization_list_query_count_constant(api_client, django_assert_num_queries, hub, count):
    for n in range(count):
        organization = OrganizationFactory(slug=f"listed-{n}")
        organization.languages.set([language("fr"), language("es")])
        organization.hubs.set([hub])

    # count, page of organisations (region joined, served count as a subquery), languages, hubs
    with django_assert_num_queries(4):
        response = api_client.get(LIST)

    assert response.json()["count"] == count + 1


def test_organization_list_pagination_shape(api_client):
    for name in ["Org C", "Org A", "Org B"]:
        OrganizationFactory(name=name, slug=name.lower().replace(" ", "-"))

    first = api_client.get(LIST, {"page_size": 2})
    second = api_client.get(LIST, {"page_size": 2, "page": 2})

    assert (first.json()["count"], first.json()["previous"], slugs(first)) == (3, None, ["org-a", "org-b"])
    assert first.json()["next"] == "http://testserver/api/v1/organizations/?page=2&page_size=2"
    assert (second.json()["next"], slugs(second)) == (None, ["org-c"])
    assert second.json()["previous"] == "http://testserver/api/v1/organizations/?page_size=2"


def test_organization_list_page_past_the_end_is_404(api_client, org_a):
    response = api_client.get(LIST, {"page": 5})

    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})


def test_organization_list_page_size_capped_at_200(api_client, org_a):
    response = api_client.get(LIST, {"page_size": 100000})

    assert (response.status_code, slugs(response)) == (200, ["wikimedia-alpha"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "regional_hub"}, ["fictional-regional-hub"]),
        ({"kind": "chapter"}, ["wikimedia-alpha", "wikimedia-beta"]),
        ({"region": "CEE"}, ["fictional-regional-hub"]),
        ({"region": "nwe"}, ["wikimedia-alpha", "wikimedia-beta"]),
        ({"hub": "fictional-regional-hub"}, ["wikimedia-alpha"]),
        ({"active": "false"}, ["wikimedia-beta"]),
        ({"active": "true"}, ["fictional-regional-hub", "wikimedia-alpha"]),
        ({"active": "0"}, ["wikimedia-beta"]),
        ({"country": "FR"}, ["wikimedia-alpha"]),
        ({"country": "be"}, ["wikimedia-alpha"]),
        ({"country": "DE"}, []),
        ({"language": "ar"}, ["wikimedia-alpha"]),
        ({"language": "FR"}, ["wikimedia-alpha"]),
        ({"language": "es"}, []),
        ({"kind": "chapter", "region": "NWE", "active": "true"}, ["wikimedia-alpha"]),
    ],
)
def test_organization_list_filters(api_client, alpha, org_b, params, expected):
    org_b.active = False
    org_b.save()

    response = api_client.get(LIST, params)

    assert (response.status_code, slugs(response)) == (200, expected)


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"kind": "club"}, {"kind": ["Select a valid choice. club is not one of the available choices."]}),
        (
            {"region": "ATLANTIS"},
            {"region": ["Select a valid choice. ATLANTIS is not one of the available choices."]},
        ),
        (
            {"hub": "no-such-hub"},
            {"hub": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"hub": "wikimedia-alpha"},
            {"hub": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"country": "XX"}, {"country": ["Enter a two-letter ISO 3166 country code, for example FR."]}),
        (
            {"language": "klingon"},
            {"language": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"ordering": "website"},
            {"ordering": ["Select a valid choice. website is not one of the available choices."]},
        ),
        ({"active": "maybe"}, {"active": ["Enter true or false."]}),
    ],
)
def test_organization_list_bad_filter_is_400(api_client, alpha, params, errors):
    response = api_client.get(LIST, params)

    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("alpha", ["wikimedia-alpha"]),
        ("Wikimédia Alpha de", ["wikimedia-alpha"]),
        ("de France", ["wikimedia-alpha"]),
        ("ويكيميديا", ["wikimedia-alpha"]),
        ("ألفا", ["wikimedia-alpha"]),
        ("Beta", ["wikimedia-beta"]),
        ("Gamma", []),
    ],
)
def test_organization_list_search_in_every_language(api_client, alpha, org_b, q, expected):
    response = api_client.get(LIST, {"q": q})

    assert (response.status_code, slugs(response)) == (200, expected)


def test_organization_list_ordering(api_client):
    first = OrganizationFactory(name="Zulu Org", slug="zulu")
    second = OrganizationFactory(name="alpha org", slug="alpha")
    third = OrganizationFactory(name="Mike Org", slug="mike")

    by_name = api_client.get(LIST)
    by_name_desc = api_client.get(LIST, {"ordering": "-name"})
    by_created = api_client.get(LIST, {"ordering": "created"})
    by_created_desc = api_client.get(LIST, {"ordering": "-created"})

    assert slugs(by_name) == ["alpha", "mike", "zulu"]
    assert slugs(by_name_desc) == ["zulu", "mike", "alpha"]
    assert slugs(by_created) == [first.slug, second.slug, third.slug]
    assert slugs(by_created_desc) == [third.slug, second.slug, first.slug]


def test_organization_list_sorted_by_name_in_the_request_language(api_client):
    OrganizationFactory(name="Alpha", name_fr="Zèbre", slug="a-en-z-fr")
    OrganizationFactory(name="Beta", slug="b-en-only")

    english = api_client.get(LIST)
    french = api_client.get(LIST, {"lang": "fr"})

    assert slugs(english) == ["a-en-z-fr", "b-en-only"]
    assert slugs(french) == ["b-en-only", "a-en-z-fr"]


def test_organization_detail_anonymous(api_client, alpha):
    response = api_client.get("/api/v1/organizations/wikimedia-alpha/")

    assert response.status_code == 200
    assert response.json() == api_client.get(LIST, {"q": "alpha"}).json()["results"][0]


def test_organization_detail_missing_is_404(api_client):
    response = api_client.get("/api/v1/organizations/no-such-organisation/")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.parametrize("status", [OrganizationStatus.PROPOSED, OrganizationStatus.REJECTED])
def test_organization_detail_unapproved_is_404_like_a_missing_one(api_client, signed_in, plain_user, status):
    OrganizationFactory(slug="not-yet", status=status)

    anonymous = api_client.get("/api/v1/organizations/not-yet/")
    stranger = signed_in(plain_user).get("/api/v1/organizations/not-yet/")

    assert (anonymous.status_code, anonymous.json()) == (404, {"detail": "Not found."})
    assert (stranger.status_code, stranger.json()) == (404, {"detail": "Not found."})


def test_organization_detail_proposed_visible_to_proposer_member_and_staff(api_client, signed_in, staff_user):
    proposer = UserFactory(username="proposer")
    member = UserFactory(username="member")
    organization = OrganizationFactory(
        slug="not-yet", status=OrganizationStatus.PROPOSED, proposed_by=proposer.person
    )
    MembershipFactory(person=member.person, organization=organization, capacity=Capacity.MEMBER)

    statuses = [
        (signed_in(user).get("/api/v1/organizations/not-yet/").status_code, user.username)
        for user in (proposer, member, staff_user)
    ]

    assert statuses == [(200, "proposer"), (200, "member"), (200, "staff")]


def test_organization_detail_hub_counts_only_approved_served(api_client, hub, org_a, org_b):
    proposed = OrganizationFactory(slug="proposed", status=OrganizationStatus.PROPOSED)
    for organization in (org_a, org_b, proposed):
        organization.hubs.set([hub])

    response = api_client.get(f"/api/v1/organizations/{hub.slug}/")

    assert response.json()["served_organizations_count"] == 2


def test_organization_list_global_region(api_client):
    OrganizationFactory(slug="global-one", region=region("GLOBAL"))

    response = api_client.get(LIST)

    assert response.json()["results"][0]["region"] == {"code": "GLOBAL", "name": "Global"}


# --- The list's rows are written by hand (OrganizationSerializer): exactly what DRF's fields would write -----


@pytest.mark.parametrize(("lang", "all_languages"), [("en", False), ("fr", False), ("ar", True)])
def test_organization_list_rows_equal_the_declared_fields(api_client, alpha, hub, lang, all_languages):
    OrganizationFactory(slug="proposed-hub-user", status=OrganizationStatus.PROPOSED).hubs.set([hub])
    served = OrganizationFactory(slug="served", name="", name_en="", name_es="Servida", countries=[])
    served.hubs.set([hub, OrganizationFactory(slug="rejected", status=OrganizationStatus.REJECTED)])
    query = f"?lang={lang}&format=json" + ("&all_languages=1" if all_languages else "")

    rows = list_rows(api_client.get(LIST + query))

    full = selectors.organizations_for_api()  # every column, the region joined, all prefetched and counted
    assert [json.loads(row)["slug"] for row in rows] == [organization.slug for organization in full]
    assert rows == [
        drf_row(
            OrganizationSerializer, organization, path=LIST + query, lang=lang, all_languages=all_languages
        )
        for organization in full
    ]
    counts = {json.loads(row)["slug"]: json.loads(row)["served_organizations_count"] for row in rows}
    assert (counts[hub.slug], counts["served"]) == (2, 0)  # alpha and "served"; not the proposed one
