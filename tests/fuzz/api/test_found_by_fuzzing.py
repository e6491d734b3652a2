"""What the API fuzzer found, pinned with plain tests so that each stays fixed if the fuzzer is changed."""

import base64
import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.authtoken.models import Token

import leadership.overview.api.serializers
import nominations.api.serializers
import roles.api.serializers
import roles.api.serializers_registry
import training.api.serializers
from leadership.common.api_fields import StrictStringMixin
from nominations.enums import NominationState
from tests.factories import UserFactory
from tests.factories.nominations import NominationCallFactory, NominationFactory
from tests.factories.registry import RoleFactory
from tests.factories.training import TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    return api_client.get("/api/v1/schema/?format=json").json()


def test_anonymous_write_answers_401_even_for_a_missing_object(api_client, org_a):
    role = RoleFactory(organization=org_a)

    missing = api_client.delete("/api/v1/roles/999999/")
    existing = api_client.delete(f"/api/v1/roles/{role.pk}/")

    assert (missing.status_code, existing.status_code) == (401, 401)


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/api/v1/roles/1.5/", "/api/v1/roles/a%2Fb/", "/api/v1/roles/a%0Ab/"]
)
def test_unknown_api_address_answers_json_404(api_client, path):
    response = api_client.get(path)

    assert (response.status_code, response["Content-Type"], response.json()) == (
        404,
        "application/json",
        {"detail": "Not found."},
    )


def test_unknown_api_address_without_slash_still_redirects(api_client):
    response = api_client.get("/api/v1/roles")

    assert (response.status_code, response["Location"]) == (301, "/api/v1/roles/")


@pytest.mark.parametrize("path", ["/api/v1/organizations/", "/api/v1/roles/"])
@pytest.mark.parametrize("value", ["1.5", "0", "-3", "all"])
def test_page_size_not_a_whole_positive_number_answers_400(api_client, path, value):
    response = api_client.get(path, {"page_size": value})

    assert (response.status_code, response.json()) == (
        400,
        {"page_size": ["Give a whole number of rows, 1 or more."]},
    )


def test_hidden_nominee_fields_are_null_and_documented_as_nullable(api_client, schema, org_a):
    reviewer_token = Token.objects.create(user=UserFactory(username="reviewer"))
    call = NominationCallFactory(organization=org_a, anonymised_review=True, reviewers=[reviewer_token.user])
    NominationFactory(call=call, state=NominationState.IN_REVIEW, nominee_region="")

    response = api_client.get("/api/v1/nominations/", HTTP_AUTHORIZATION=f"Token {reviewer_token.key}")

    nomination = response.json()["results"][0]
    properties = schema["components"]["schemas"]["Nomination"]["properties"]
    assert (nomination["names_hidden"], nomination["nominee_name"], nomination["nominee_region"]) == (
        True,
        None,
        None,
    )
    assert {name: properties[name].get("nullable") for name in ("nominee_name", "nominee_region")} == {
        "nominee_name": True,
        "nominee_region": True,
    }


def test_schema_allows_the_empty_values_the_api_answers(schema):
    components = schema["components"]["schemas"]

    assert components["Competency"]["properties"]["esco_uri"]["anyOf"] == [
        {"format": "uri"},
        {"maxLength": 0},
    ]
    assert "format" not in components["Competency"]["properties"]["esco_uri"]
    assert components["Nomination"]["properties"]["nominee_email"]["anyOf"] == [
        {"format": "email"},
        {"maxLength": 0},
    ]
    assert [
        ref["$ref"].rsplit("/", 1)[-1]
        for ref in components["Nomination"]["properties"]["nominee_region"]["oneOf"]
    ] == [
        "RegionCodeEnum",
        "BlankEnum",
        "NullEnum",
    ]
    assert components["Competency"]["properties"]["parent"]["nullable"] is True
    assert components["Role"]["properties"]["template"]["nullable"] is True
    assert components["Person"]["properties"]["email"]["nullable"] is True


def test_schema_documents_every_error_and_an_open_lang(schema):
    roles = schema["paths"]["/api/v1/roles/{id}/"]
    lang = next(p for p in roles["get"]["parameters"] if p["name"] == "lang")

    # 400: a `lang` the registry does not have is refused with the allowed codes
    assert sorted(roles["get"]["responses"]) == ["200", "400", "401", "404", "429"]
    assert sorted(roles["delete"]["responses"]) == ["204", "400", "401", "403", "404", "409", "429"]
    assert sorted(roles["patch"]["responses"]) == ["200", "400", "401", "403", "404", "415", "429"]
    assert roles["delete"]["responses"]["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert lang["schema"] == {"type": "string", "example": "en"}


def test_schema_links_each_create_to_what_follows(schema):
    roles = schema["paths"]["/api/v1/roles/"]["post"]["responses"]["201"]["links"]
    enrollments = schema["paths"]["/api/v1/enrollments/"]["post"]["responses"]["201"]["links"]
    templates = schema["paths"]["/api/v1/role-templates/"]["post"]["responses"]["201"]["links"]

    assert roles == {
        operation: {"operationId": operation, "parameters": {"id": "$response.body#/id"}}
        for operation in ["roles_retrieve", "roles_update", "roles_partial_update", "roles_destroy"]
    }
    assert sorted(enrollments) == ["enrollments_cancel_create", "enrollments_retrieve"]
    assert templates["role_templates_destroy"]["parameters"] == {"slug": "$response.body#/slug"}


def test_nul_character_in_a_slug_answers_400_not_500(api_client, org_a):
    """PostgreSQL cannot compare text holding a NUL: the lookup itself failed with a 500."""
    user = UserFactory(username="nominator")
    call = NominationCallFactory(organization=org_a)
    api_client.force_authenticate(user)

    response = api_client.post(
        "/api/v1/nominations/",
        {
            "call": call.pk,
            "nominee_name": "Ada",
            "nominee_email": "ada@example.org",
            "statement": "Leads the local community.",
            "nominee_languages": ["e\x00n"],
        },
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"nominee_languages": ["Object with code=en does not exist."]},
    )


@pytest.mark.parametrize(
    ("starts_after", "found"),
    [("2029-12-31T18:47:00-17:13", [True]), ("2030-01-01T12:00:01+00:00", [])],
)
def test_date_time_filter_takes_an_offset_beyond_postgresql_s(api_client, starts_after, found):
    """PostgreSQL refuses an offset beyond about ±16 hours, which Python takes: the query failed with a 500.
    The filter turns the moment into UTC (18:47 at -17:13 is 12:00 UTC) and finds the same sessions."""
    TrainingSessionFactory(starts_at=datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC))

    response = api_client.get("/api/v1/training-sessions/", {"starts_after": starts_after})

    assert (response.status_code, [True for _session in response.json()["results"]]) == (200, found)


def test_date_time_filter_beyond_the_years_utc_holds_answers_400(api_client):
    response = api_client.get("/api/v1/training-sessions/", {"starts_before": "0001-01-01T00:00:00+20:00"})

    assert (response.status_code, response.json()) == (400, {"starts_before": ["Enter a valid date/time."]})


def test_role_cursor_with_an_offset_beyond_postgresql_s_is_not_a_500(api_client, org_a):
    """A cursor is the client's to send back: its moment is turned into UTC as the filters' are."""
    role = RoleFactory(organization=org_a)

    def page(moment: str) -> tuple[int, Any]:
        data = {"o": "created", "v": ["d", moment], "p": 1, "b": 0}
        cursor = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
        response = api_client.get("/api/v1/roles/", {"ordering": "created", "cursor": cursor})
        body = response.json()
        return response.status_code, [row["id"] for row in body["results"]] if "results" in body else body

    assert page("2020-01-01T00:00:00-17:13") == (200, [role.pk])
    assert page("0001-01-01T00:00:00+20:00") == (
        400,
        {"cursor": ["This cursor is not valid: follow the next and previous links."]},
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("name_ar", 0), ("name", 1.5), ("website", 7), ("wikidata_qid", 42), ("countries", [250])],
)
def test_string_field_given_a_number_answers_400(api_client, organizer_a, field, value):
    """DRF's CharField turned 0 into "0": `"name_ar": 0` was stored although the schema says string."""
    api_client.force_authenticate(organizer_a)
    body = {"name": "Wikimedia Gamma", "kind": "user_group", "region": "LAC", field: value}

    response = api_client.post("/api/v1/organizations/", body, format="json")

    message = '"250" is not a valid choice.' if field == "countries" else "Not a valid string."
    assert (response.status_code, response.json()) == (
        400,
        {field: {"0": [message]}} if field == "countries" else {field: [message]},
    )


def _writable_string_fields(serializer: serializers.BaseSerializer, path: str) -> Iterator[tuple[str, Any]]:
    """Every writable CharField (Email, URL, Slug...) of a serializer, nested ones and list items too."""
    if isinstance(serializer, serializers.ListSerializer):
        yield from _writable_string_fields(serializer.child, path + "[]")
        return
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.BaseSerializer):
            yield from _writable_string_fields(field, f"{path}.{name}")
        elif isinstance(field, serializers.ListField) and isinstance(field.child, serializers.CharField):
            yield f"{path}.{name}[]", field.child
        elif isinstance(field, serializers.CharField):
            yield f"{path}.{name}", field


# Shapes the schema shows (a person's competencies, a 400 of the overview) that never read a request.
SCHEMA_ONLY_SERIALIZERS = {
    roles.api.serializers_registry.PersonCompetencySerializer,
    leadership.overview.api.serializers.SortErrorSerializer,
}


def test_every_writable_string_field_of_the_api_refuses_a_number():
    modules = [
        roles.api.serializers,
        roles.api.serializers_registry,
        nominations.api.serializers,
        training.api.serializers,
        leadership.overview.api.serializers,
    ]
    classes = {
        cls
        for module in modules
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, serializers.BaseSerializer)
        and cls.__module__ == module.__name__
    } - SCHEMA_ONLY_SERIALIZERS
    fields = [
        (name, field)
        for cls in sorted(classes, key=lambda cls: cls.__qualname__)
        for name, field in _writable_string_fields(cls(context={}), cls.__qualname__)
    ]

    assert len(fields) > 40  # the walk reaches the input serializers
    assert [name for name, field in fields if not isinstance(field, StrictStringMixin)] == []
