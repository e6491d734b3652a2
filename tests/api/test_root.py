"""The API root lists the endpoints; OPTIONS describes one."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_root_lists_endpoints(api_client):
    response = api_client.get("/api/v1/")

    assert (response.status_code, response.json()) == (
        200,
        {
            "regions": "http://testserver/api/v1/regions/",
            "organizations": "http://testserver/api/v1/organizations/",
            "competency-categories": "http://testserver/api/v1/competency-categories/",
            "competencies": "http://testserver/api/v1/competencies/",
            "proficiency-levels": "http://testserver/api/v1/proficiency-levels/",
            "role-templates": "http://testserver/api/v1/role-templates/",
            "roles": "http://testserver/api/v1/roles/",
            "people": "http://testserver/api/v1/people/",
            "role-holders": "http://testserver/api/v1/role-holders/",
            "nomination-calls": "http://testserver/api/v1/nomination-calls/",
            "nominations": "http://testserver/api/v1/nominations/",
            "endorsements": "http://testserver/api/v1/endorsements/",
            "reviews": "http://testserver/api/v1/reviews/",
            "courses": "http://testserver/api/v1/courses/",
            "training-sessions": "http://testserver/api/v1/training-sessions/",
            "enrollments": "http://testserver/api/v1/enrollments/",
            "overview/regions": "http://testserver/api/v1/overview/regions/",
            "overview/competencies": "http://testserver/api/v1/overview/competencies/",
            "overview": "http://testserver/api/v1/overview/",
        },
    )


def test_api_options_describes_organizations(api_client, org_a):
    response = api_client.options("/api/v1/organizations/")

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["renders"], "actions" in response.json()) == (
        "Organization List",
        ["application/json", "text/html"],
        False,  # anonymous clients may not propose, so no form is described
    )


def test_api_browsable_list_renders_html(api_client, org_a):
    response = api_client.get("/api/v1/organizations/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"Wikimedia Alpha" in response.content


def test_api_browsable_list_renders_html_for_signed_in(signed_in, plain_user, org_a):
    response = signed_in(plain_user).get("/api/v1/organizations/", HTTP_ACCEPT="text/html")
    detail = signed_in(plain_user).get("/api/v1/organizations/wikimedia-alpha/", HTTP_ACCEPT="text/html")

    assert (response.status_code, detail.status_code) == (200, 200)
    assert b"Wikimedia Alpha" in response.content
