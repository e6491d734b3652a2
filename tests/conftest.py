"""Few, small fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from roles.enums import OrganizationKind
from tests.factories import OrganizationFactory, actors, region
from tests.factories.roles import PASSWORD, language


@pytest.fixture(autouse=True)
def _outbox_and_language(settings, tmp_path):
    """Emails go through the outbox (post_office rows) and reach Django's test outbox when sent."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
        "LOCK_FILE_NAME": str(tmp_path / "post_office"),  # var/ is shared by every run on the machine
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.SITE_URL = "http://testserver"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = True
    settings.BACKUP_DIR = tmp_path / "backups"  # var/ is shared: backups and the erasure journal per test
    settings.ERASURE_LOG = tmp_path / "backups" / "erasures.jsonl"
    # Accounts are made by the dozen: a fast hasher keeps the suite quick (never used outside tests).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def org_a():
    return actors.org_a()


@pytest.fixture
def org_b():
    return actors.org_b()


@pytest.fixture
def plain_user():
    return actors.plain_user()


@pytest.fixture
def organizer_a(org_a):
    return actors.organizer_a(org_a)


@pytest.fixture
def organizer_b(org_b):
    return actors.organizer_b(org_b)


@pytest.fixture
def hub_coordinator_a(org_a):
    return actors.hub_coordinator_a(org_a)


@pytest.fixture
def staff_user():
    return actors.staff_user()


@pytest.fixture
def fresh_cache():
    """The cache outlives a test: API throttles, the nomination form's rate limits and cached overview
    pages count or keep there. A test that depends on them starts, and leaves, with it empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def signed_in():
    """A client signed in with a session, as a browser on the site would be."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


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
