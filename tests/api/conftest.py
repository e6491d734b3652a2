"""Fixtures of the API suites that cross the apps (authentication, throttling, languages, the schema)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_throttles(fresh_cache):
    """Throttles count requests in the cache: every test starts with none counted."""
