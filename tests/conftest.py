"""Few, small fixtures shared by the whole suite."""

import pytest
from django.utils import translation

from roles.enums import Capacity
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.roles import PASSWORD


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
    return OrganizationFactory(name="Wikimedia Alpha", name_en="Wikimedia Alpha", slug="wikimedia-alpha")


@pytest.fixture
def org_b():
    return OrganizationFactory(name="Wikimedia Beta", name_en="Wikimedia Beta", slug="wikimedia-beta")


def _member(organization, capacity, username):
    user = UserFactory(username=username)
    MembershipFactory(person=user.person, organization=organization, capacity=capacity)
    return user


@pytest.fixture
def plain_user():
    return UserFactory(username="plain")


@pytest.fixture
def organizer_a(org_a):
    return _member(org_a, Capacity.ORGANIZER, "organizer-a")


@pytest.fixture
def organizer_b(org_b):
    return _member(org_b, Capacity.ORGANIZER, "organizer-b")


@pytest.fixture
def hub_coordinator_a(org_a):
    return _member(org_a, Capacity.HUB_COORDINATOR, "hubcoord-a")


@pytest.fixture
def staff_user():
    return UserFactory(username="staff", is_staff=True, is_superuser=True)
