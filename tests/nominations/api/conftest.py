"""Fixtures of the nominations API tests."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_throttles(fresh_cache):
    """Throttles count requests in the cache: every test starts with none counted."""


@pytest.fixture
def as_user():
    """An API client with the token of a user."""

    def client_for(user) -> APIClient:
        client = APIClient()
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for
