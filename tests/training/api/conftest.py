"""Fixtures of the training API suite (clients, anonymous or signed in, are the suite's own)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_throttles(fresh_cache):
    """Throttles count requests in the cache: every test starts with none counted."""
