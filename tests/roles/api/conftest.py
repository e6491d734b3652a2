"""Fixtures of the roles API suite (organisations, regions, the registry)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_throttles(fresh_cache):
    """Throttles count requests in the cache: every test starts with none counted."""
