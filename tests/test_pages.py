"""The project package's pages: home, health checks and the error pages."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from roles.enums import Capacity, OrganizationKind, OrganizationStatus
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_home_shows_real_counts(client):
    hub = OrganizationFactory(kind=OrganizationKind.REGIONAL_HUB)
    chapter = OrganizationFactory()
    OrganizationFactory(status=OrganizationStatus.PROPOSED)
    MembershipFactory(organization=hub, capacity=Capacity.HUB_COORDINATOR)
    MembershipFactory(organization=chapter)

    response = client.get("/en/")

    assert response.status_code == 200
    assert response.context["counts"] == {"organizations": 2, "hubs": 1, "regions": 8, "members": 2}
    assert b'href="/en/organizations/?region=NWE"' in response.content


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_constant(client, django_assert_num_queries, count):
    OrganizationFactory.create_batch(count)
    with django_assert_num_queries(4):
        response = client.get("/en/")
    assert response.status_code == 200


def test_root_redirects_to_the_language_of_the_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert (response.status_code, response["Location"]) == (302, "/fr/")


@pytest.mark.parametrize(
    ("code", "direction"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl"), ("pt-br", "ltr")]
)
def test_home_sets_lang_and_dir(client, code, direction):
    response = client.get(f"/{code}/")
    assert f'<html lang="{code}" dir="{direction}">'.encode() in response.content


def test_language_switcher_links_to_the_same_page_in_every_language(client):
    organization = OrganizationFactory(slug="wikimedia-gamma")
    response = client.get(f"/en/organizations/{organization.slug}/")
    links = {link["code"]: link["url"] for link in response.context["language_links"]}
    assert links == {
        "en": "/en/organizations/wikimedia-gamma/",
        "fr": "/fr/organizations/wikimedia-gamma/",
        "es": "/es/organizations/wikimedia-gamma/",
        "pt-br": "/pt-br/organizations/wikimedia-gamma/",
        "id": "/id/organizations/wikimedia-gamma/",
        "ar": "/ar/organizations/wikimedia-gamma/",
    }


def test_health_live_touches_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_health_ready_reports_database_and_outbox(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "broker": "eager",
            "outbox": "ok",
            "outbox_backlog": 0,
            "outbox_oldest_queued_seconds": None,
            "outbox_failed": 0,
        },
    }


def test_health_ready_fails_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6/0"  # nothing listens on port 6
    from leadership.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/healthz/ready")
    finally:
        app.conf.broker_url = previous
    body = json.loads(response.content)
    assert (response.status_code, body["status"], body["checks"]["database"]) == (503, "unavailable", "ok")
    assert body["checks"]["broker"].startswith("error: ")


def test_not_found_page_uses_the_site_layout(client):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    assert b'class="site-header"' in response.content
    assert b'<html lang="fr" dir="ltr">' in response.content


def test_server_error_page_uses_the_site_look(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.urls_error"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b'class="site-header"' in response.content
    assert b"Something went wrong" in response.content


def test_every_response_carries_a_request_id(client):
    response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID="abc123")
    assert response["X-Request-ID"] == "abc123"
