"""Fixtures of the account tests: a configured Wikimedia login and clean rate limits."""

import pytest
from django.core.cache import cache

WIKIMEDIA_CLIENT_ID = "registry-test-client"
WIKIMEDIA_CLIENT_SECRET = "registry-test-secret"


@pytest.fixture(autouse=True)
def _own_outbox_lock(settings, tmp_path):
    """The SQLite outbox lock is a file; a test's own keeps other test runs on this machine out of its way."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "LOCK_FILE_NAME": str(tmp_path / "post_office")}


@pytest.fixture(autouse=True)
def _clean_rate_limits():
    """allauth counts login attempts in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wikimedia_app(settings):
    """The Wikimedia login, configured as WIKIMEDIA_OAUTH_CLIENT_ID/SECRET would configure it."""
    providers = dict(settings.SOCIALACCOUNT_PROVIDERS)
    providers["mediawiki"] = {
        **providers["mediawiki"],
        "APPS": [{"client_id": WIKIMEDIA_CLIENT_ID, "secret": WIKIMEDIA_CLIENT_SECRET}],
    }
    settings.SOCIALACCOUNT_PROVIDERS = providers
    return providers["mediawiki"]["APPS"][0]


@pytest.fixture
def no_wikimedia_app(settings):
    providers = dict(settings.SOCIALACCOUNT_PROVIDERS)
    providers["mediawiki"] = {**providers["mediawiki"], "APPS": []}
    settings.SOCIALACCOUNT_PROVIDERS = providers
