"""The OpenAPI schema generates without a warning and is served with its browsable docs."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_valid_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert sorted(schema["paths"]) == [
        "/api/v1/competencies/",
        "/api/v1/competencies/{slug}/",
        "/api/v1/competency-categories/",
        "/api/v1/competency-categories/{slug}/",
        "/api/v1/courses/",
        "/api/v1/courses/{id}/",
        "/api/v1/endorsements/",
        "/api/v1/endorsements/{id}/",
        "/api/v1/enrollments/",
        "/api/v1/enrollments/{id}/",
        "/api/v1/enrollments/{id}/cancel/",
        "/api/v1/nomination-calls/",
        "/api/v1/nomination-calls/{id}/",
        "/api/v1/nominations/",
        "/api/v1/nominations/{id}/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/",
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
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/proficiency-levels/",
        "/api/v1/proficiency-levels/{level}/",
        "/api/v1/regions/",
        "/api/v1/regions/{code}/",
        "/api/v1/reviews/",
        "/api/v1/reviews/{id}/",
        "/api/v1/role-holders/",
        "/api/v1/role-holders/{id}/",
        "/api/v1/role-templates/",
        "/api/v1/role-templates/{slug}/",
        "/api/v1/roles/",
        "/api/v1/roles/{id}/",
        "/api/v1/training-sessions/",
        "/api/v1/training-sessions/{id}/",
    ]
    assert [p["name"] for p in schema["paths"]["/api/v1/organizations/"]["get"]["parameters"]] == [
        "active",
        "country",
        "hub",
        "kind",
        "language",
        "ordering",
        "page",
        "page_size",
        "q",
        "region",
        "lang",
        "Accept-Language",
    ]
    assert schema["paths"]["/api/v1/organizations/"]["get"]["security"] == [
        {"tokenAuth": []},
        {"cookieAuth": []},
        {},
    ]


def test_schema_page(api_client):
    response = api_client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    schema = yaml.safe_load(response.content)
    assert (schema["openapi"], schema["info"]["title"]) == ("3.0.3", "Leadership role and skill registry API")


def test_schema_page_in_french(api_client):
    response = api_client.get("/api/v1/schema/?lang=fr&format=json")

    assert response.status_code == 200
    assert (
        response.json()["paths"]["/api/v1/organizations/"]["get"]["summary"]
        == "Lister les organisations approuvées"
    )


def test_docs_page(api_client):
    response = api_client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b'<div id="swagger-ui"></div>' in response.content
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in response.content
