"""The registry's endpoints in the OpenAPI schema: paths, parameters, pagination and security."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

REGISTRY_PATHS = [
    "/api/v1/competencies/",
    "/api/v1/competencies/{slug}/",
    "/api/v1/competency-categories/",
    "/api/v1/competency-categories/{slug}/",
    "/api/v1/people/",
    "/api/v1/people/{id}/",
    "/api/v1/proficiency-levels/",
    "/api/v1/proficiency-levels/{level}/",
    "/api/v1/role-holders/",
    "/api/v1/role-holders/{id}/",
    "/api/v1/role-templates/",
    "/api/v1/role-templates/{slug}/",
    "/api/v1/roles/",
    "/api/v1/roles/{id}/",
]


@pytest.fixture(scope="module")
def schema(django_db_blocker, tmp_path_factory):
    target = tmp_path_factory.mktemp("schema") / "schema.yml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    return yaml.safe_load(target.read_text())


def parameters(schema, path, method="get"):
    return [p["name"] for p in schema["paths"][path][method]["parameters"]]


def test_registry_schema_has_every_path(schema):
    assert [path for path in sorted(schema["paths"]) if path in REGISTRY_PATHS] == REGISTRY_PATHS


def test_registry_schema_role_list_parameters(schema):
    assert parameters(schema, "/api/v1/roles/") == [
        "all_languages",
        "competency",
        "cursor",
        "kind",
        "language",
        "open_for_nominations",
        "ordering",
        "organization",
        "page_size",
        "q",
        "region",
        "template",
        "vacant",
        "lang",
        "Accept-Language",
    ]


def test_registry_schema_role_list_is_cursor_paginated(schema):
    response = schema["paths"]["/api/v1/roles/"]["get"]["responses"]["200"]["content"]["application/json"]
    component = response["schema"]["$ref"].rsplit("/", 1)[-1]

    assert sorted(schema["components"]["schemas"][component]["properties"]) == ["next", "previous", "results"]
    ordering = next(
        p for p in schema["paths"]["/api/v1/roles/"]["get"]["parameters"] if p["name"] == "ordering"
    )
    assert ordering["schema"]["enum"] == ["id", "title", "created", "-id", "-title", "-created"]


def test_registry_schema_writes(schema):
    assert sorted(schema["paths"]["/api/v1/roles/"]) == ["get", "post"]
    assert sorted(schema["paths"]["/api/v1/roles/{id}/"]) == ["delete", "get", "patch", "put"]
    assert sorted(schema["paths"]["/api/v1/people/{id}/"]) == ["get"]
    assert sorted(schema["paths"]["/api/v1/proficiency-levels/{level}/"]) == ["get"]
    request = schema["paths"]["/api/v1/roles/"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    assert request == {"$ref": "#/components/schemas/RoleInputRequest"}
    assert "title_ind" in schema["components"]["schemas"]["RoleInputRequest"]["properties"]


def test_registry_schema_reads_are_public(schema):
    for path in REGISTRY_PATHS:
        assert schema["paths"][path]["get"]["security"] == [{"tokenAuth": []}, {"cookieAuth": []}, {}]


def test_registry_schema_translations_optional_and_all_languages_documented(schema):
    components = schema["components"]["schemas"]
    translated = [
        name for name, component in components.items() if "translations" in component.get("properties", {})
    ]
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/roles/{id}/"]["get"]["parameters"]}

    assert {"Role", "RoleList", "Competency", "Organization", "Course", "NominationCall"} <= set(translated)
    assert [name for name in translated if "translations" in components[name].get("required", [])] == []
    assert "translations" not in str(components["Role"].get("description", ""))
    assert (parameters["all_languages"]["schema"], parameters["all_languages"]["in"]) == (
        {"type": "boolean"},
        "query",
    )
    assert "400" in parameters["lang"]["description"]
