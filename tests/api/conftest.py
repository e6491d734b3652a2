"""Fixtures of the API suite: a client, a hub, and an organisation with every field filled in."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from roles.enums import OrganizationKind
from tests.factories import OrganizationFactory, region
from tests.factories.roles import language


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttles count requests in the cache: every test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def hub():
    return OrganizationFactory(
        name="Fictional Regional Hub",
        slug="fictional-regional-hub",
        kind=OrganizationKind.REGIONAL_HUB,
        region=region("CEE"),
        description="A hub for tests.",
    )


@pytest.fixture
def alpha(org_a, hub):
    """org_a with translations, countries, languages, a website, a Wikidata item and a hub."""
    org_a.name_fr = "Wikimédia Alpha de France"
    org_a.name_ar = "ويكيميديا ألفا"
    org_a.description_fr = "Une organisation fictive pour les tests."
    org_a.countries = ["FR", "BE"]
    org_a.website = "https://alpha.example.org/"
    org_a.wikidata_qid = "Q4115189"
    org_a.save()
    org_a.languages.set([language("fr"), language("ar")])
    org_a.hubs.set([hub])
    org_a.refresh_from_db()
    return org_a


@pytest.fixture
def signed_in():
    """A client signed in with a session, as a browser on the site would be."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
