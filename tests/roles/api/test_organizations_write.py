"""Writing organisations: propose (any signed-in user), edit (organizers and staff), delete (staff)."""

import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from post_office.models import Email
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from roles.enums import OrganizationStatus
from roles.models import Organization
from tests.api.translations import ALL, value
from tests.factories import OrganizationFactory
from tests.factories.roles import language

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organizations/"
ALPHA = "/api/v1/organizations/wikimedia-alpha/"
PROPOSAL = {
    "name": "Wikimedia Gamma",
    "name_fr": "Wikimédia Gamma",
    "description": "A fictional user group.",
    "kind": "user_group",
    "region": "LAC",
    "countries": ["BR", "AR", "BR"],
    "languages": ["es", "pt-br"],
    "website": "https://gamma.example.org/",
    "wikidata_qid": "Q42",
}


def test_organization_create_anonymous_is_401(api_client, hub):
    response = api_client.post(LIST, PROPOSAL, format="json")

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )
    assert response["WWW-Authenticate"] == "Token"
    assert Organization.objects.filter(slug="wikimedia-gamma").exists() is False


def test_organization_create_plain_user_proposes(signed_in, plain_user, staff_user, hub):
    client = signed_in(plain_user)

    response = client.post(f"{LIST}?{ALL}", {**PROPOSAL, "hubs": [hub.slug]}, format="json")

    assert response.status_code == 201
    body = response.json()
    organization = Organization.objects.get(slug="wikimedia-gamma")
    assert response["Location"] == "http://testserver/api/v1/organizations/wikimedia-gamma/"
    assert {
        key: body[key] for key in ("slug", "name", "status", "kind", "region", "countries", "languages")
    } == {
        "slug": "wikimedia-gamma",
        "name": "Wikimedia Gamma",
        "status": "proposed",
        "kind": "user_group",
        "region": {"code": "LAC", "name": "Latin America and the Caribbean"},
        "countries": ["AR", "BR"],
        "languages": ["es", "pt-br"],
    }
    assert (value(body, "name_en"), value(body, "name_fr"), value(body, "description_en")) == (
        "Wikimedia Gamma",
        "Wikimédia Gamma",
        "A fictional user group.",
    )
    assert (body["hubs"], body["website"], body["wikidata_qid"]) == (
        ["fictional-regional-hub"],
        "https://gamma.example.org/",
        "Q42",
    )
    assert (organization.status, organization.proposed_by) == (OrganizationStatus.PROPOSED, plain_user.person)
    assert list(Email.objects.values_list("to", flat=True)) == [["staff@example.org"]]
    # Not listed before staff approve it, but its proposer sees it.
    assert [item["slug"] for item in client.get(LIST).json()["results"]] == ["fictional-regional-hub"]
    assert client.get("/api/v1/organizations/wikimedia-gamma/").status_code == 200


def test_organization_create_name_in_request_language(signed_in, plain_user):
    response = signed_in(plain_user).post(
        f"{LIST}?lang=ar&{ALL}",
        {"name": "ويكيميديا جاما", "kind": "user_group", "region": "MENA"},
        format="json",
    )

    assert response.status_code == 201
    assert (
        response.json()["name"],
        value(response.json(), "name_ar"),
        value(response.json(), "name_en"),
    ) == (
        "ويكيميديا جاما",
        "ويكيميديا جاما",
        None,
    )
    assert response.json()["slug"] == "organization"


def test_organization_create_with_token(api_client, plain_user):
    token = Token.objects.create(user=plain_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.post(LIST, PROPOSAL, format="json")

    assert (response.status_code, response.json()["status"]) == (201, "proposed")


def test_organization_create_with_bad_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api_client.post(LIST, PROPOSAL, format="json")

    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"region": "ATLANTIS"}, {"region": ["Object with code=ATLANTIS does not exist."]}),
        (
            {"wikidata_qid": "42"},
            {
                "wikidata_qid": [
                    "Enter a Wikidata item id: the letter Q followed by a number, for example Q180."
                ]
            },
        ),
        (
            {"wikidata_qid": "Q0"},
            {
                "wikidata_qid": [
                    "Enter a Wikidata item id: the letter Q followed by a number, for example Q180."
                ]
            },
        ),
        ({"website": "not a url"}, {"website": ["Enter a valid URL."]}),
        ({"website": "javascript:alert(1)"}, {"website": ["Enter a valid URL."]}),
        ({"name": ""}, {"name": ["This field may not be blank."]}),
        ({"name": "   "}, {"name": ["This field may not be blank."]}),
        ({"name": "Bad\x07name"}, {"name": ["Remove the invisible control characters from this text."]}),
        ({"name": "x" * 201}, {"name": ["Ensure this field has no more than 200 characters."]}),
        ({"kind": "club"}, {"kind": ['"club" is not a valid choice.']}),
        ({"countries": ["XX"]}, {"countries": {"0": ['"XX" is not a valid choice.']}}),
        ({"countries": "FR"}, {"countries": ['Expected a list of items but got type "str".']}),
        ({"languages": ["klingon"]}, {"languages": ["Object with code=klingon does not exist."]}),
        ({"hubs": ["wikimedia-alpha"]}, {"hubs": ["Object with slug=wikimedia-alpha does not exist."]}),
        ({"active": "perhaps"}, {"active": ["Must be a valid boolean."]}),
    ],
)
def test_organization_create_bad_input_is_400(signed_in, plain_user, org_a, change, errors):
    response = signed_in(plain_user).post(LIST, {**PROPOSAL, **change}, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert Organization.objects.filter(status=OrganizationStatus.PROPOSED).count() == 0


def test_organization_create_without_any_name_is_400(signed_in, plain_user):
    payload = {key: value for key, value in PROPOSAL.items() if key not in ("name", "name_fr")}

    response = signed_in(plain_user).post(LIST, {**payload, "name_es": ""}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"name": ["Give the organisation a name in at least one language."]},
    )


def test_organization_create_missing_required_fields_is_400(signed_in, plain_user):
    response = signed_in(plain_user).post(LIST, {}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"kind": ["This field is required."], "region": ["This field is required."]},
    )


def test_organization_create_malformed_json_is_400(signed_in, plain_user):
    response = signed_in(plain_user).post(LIST, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_organization_create_bad_input_translated(signed_in, plain_user):
    client = signed_in(plain_user)

    french = client.post(f"{LIST}?lang=fr", {**PROPOSAL, "website": "nope", "name": ""}, format="json")
    arabic = client.post(LIST, {**PROPOSAL, "website": "nope"}, format="json", HTTP_ACCEPT_LANGUAGE="ar")

    assert (french.status_code, french.json()) == (
        400,
        {"name": ["Ce champ ne peut être vide."], "website": ["Saisissez une URL valide."]},
    )
    assert (arabic.status_code, arabic.json()) == (400, {"website": ["الرجاء إدخال رابط إلكتروني صالح."]})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)
payload_fields = st.sampled_from(
    [
        *("name", "name_fr", "name_ind", "description", "kind", "region", "countries", "languages"),
        *("website", "wikidata_qid", "hubs", "active", "unknown"),
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(payload_fields, json_values, max_size=4))
def test_organization_create_any_json_never_500(plain_user, changes):
    client = APIClient()
    client.force_login(plain_user, backend="django.contrib.auth.backends.ModelBackend")
    Organization.objects.filter(status=OrganizationStatus.PROPOSED).delete()
    cache.clear()  # the proposal throttle counts in the cache

    response = client.post(LIST, json.dumps({**PROPOSAL, **changes}), content_type="application/json")

    assert response.status_code in (201, 400)


def test_organization_update_by_its_organizer(signed_in, organizer_a, hub):
    client = signed_in(organizer_a)

    response = client.patch(
        f"{ALPHA}?{ALL}",
        {"name_fr": "Wikimédia Alpha", "countries": ["DE"], "hubs": [hub.slug], "active": False},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], value(body, "name_fr"), body["countries"], body["hubs"], body["active"]) == (
        "Wikimedia Alpha",
        "Wikimédia Alpha",
        ["DE"],
        ["fictional-regional-hub"],
        False,
    )
    organization = Organization.objects.get(slug="wikimedia-alpha")
    assert (organization.name_fr, organization.active) == ("Wikimédia Alpha", False)
    latest = organization.history.first()  # who changed what is kept
    assert (latest.history_user, latest.name_fr) == (organizer_a, "Wikimédia Alpha")


def test_organization_update_put_replaces_fields(signed_in, organizer_a):
    organization = Organization.objects.get(slug="wikimedia-alpha")
    organization.languages.set([language("fr")])

    response = signed_in(organizer_a).put(
        ALPHA,
        {"name": "Wikimedia Alpha Renamed", "kind": "thematic_organization", "region": "SSA"},
        format="json",
    )

    assert response.status_code == 200
    assert {key: value(response.json(), key) for key in ("name", "kind", "region", "languages", "slug")} == {
        "name": "Wikimedia Alpha Renamed",
        "kind": "thematic_organization",
        "region": {"code": "SSA", "name": "Sub-Saharan Africa"},
        "languages": ["fr"],  # not sent, so not changed
        "slug": "wikimedia-alpha",
    }


def test_organization_update_name_in_request_language(signed_in, organizer_a):
    response = signed_in(organizer_a).patch(
        f"{ALPHA}?{ALL}", {"name": "Wikimedia Alfa"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )

    assert (
        response.json()["name"],
        value(response.json(), "name_es"),
        value(response.json(), "name_en"),
    ) == (
        "Wikimedia Alfa",
        "Wikimedia Alfa",
        "Wikimedia Alpha",
    )


def test_organization_update_removing_last_name_is_400(signed_in, organizer_a):
    response = signed_in(organizer_a).patch(ALPHA, {"name_en": ""}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"name": ["Give the organisation a name in at least one language."]},
    )


def test_organization_update_own_hub_is_400(signed_in, staff_user, hub):
    response = signed_in(staff_user).patch(f"{LIST}{hub.slug}/", {"hubs": [hub.slug]}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"hubs": ["An organisation cannot be a hub that serves itself."]},
    )


def test_organization_update_by_organizer_of_another_is_403(signed_in, organizer_a, organizer_b):
    response = signed_in(organizer_b).patch(ALPHA, {"name_fr": "Piraté"}, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "You do not have permission to perform this action."},
    )
    assert Organization.objects.get(slug="wikimedia-alpha").name_fr is None


@pytest.mark.parametrize("fixture", ["hub_coordinator_a", "plain_user"])
def test_organization_update_by_non_organizer_is_403(request, signed_in, org_a, fixture):
    response = signed_in(request.getfixturevalue(fixture)).patch(ALPHA, {"active": False}, format="json")

    assert response.status_code == 403


def test_organization_update_anonymous_is_401(api_client, org_a):
    response = api_client.patch(ALPHA, {"active": False}, format="json")

    assert response.status_code == 401


def test_organization_update_proposed_by_stranger_is_404(signed_in, organizer_b):
    OrganizationFactory(slug="not-yet", status=OrganizationStatus.PROPOSED)

    response = signed_in(organizer_b).patch(
        "/api/v1/organizations/not-yet/", {"active": False}, format="json"
    )

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_organization_update_with_token(api_client, organizer_a):
    token = Token.objects.create(user=organizer_a)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.patch(ALPHA, {"website": "https://alpha.example.net/"}, format="json")

    assert (response.status_code, response.json()["website"]) == (200, "https://alpha.example.net/")
    assert Organization.objects.get(slug="wikimedia-alpha").history.first().history_user == organizer_a


def test_organization_delete_by_staff(signed_in, staff_user, org_a):
    response = signed_in(staff_user).delete(ALPHA)

    assert (response.status_code, response.content) == (204, b"")
    assert Organization.objects.filter(slug="wikimedia-alpha").exists() is False


def test_organization_delete_by_its_organizer_is_403(signed_in, organizer_a):
    response = signed_in(organizer_a).delete(ALPHA)

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "You do not have permission to perform this action."},
    )
    assert Organization.objects.filter(slug="wikimedia-alpha").exists() is True


def test_organization_delete_anonymous_is_401(api_client, org_a):
    assert api_client.delete(ALPHA).status_code == 401
