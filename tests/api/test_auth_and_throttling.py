"""Token and session authentication, and throttling of anonymous clients, accounts and proposals."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organizations/"
PROPOSAL = {"name": "Wikimedia Delta", "kind": "user_group", "region": "SA"}


@pytest.fixture
def low_rates(monkeypatch):
    """DRF reads the rates once at import; the test sets small ones on the throttle classes."""
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "2/minute", "user": "3/minute", "organization_proposal": "1/hour"},
    )


def test_token_authenticates_reads_and_writes(api_client, plain_user):
    token = Token.objects.create(user=plain_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.post(LIST, PROPOSAL, format="json")

    assert (response.status_code, response.json()["status"]) == (201, "proposed")
    assert api_client.get("/api/v1/organizations/wikimedia-delta/").status_code == 200


def test_token_of_inactive_account_is_401(api_client, plain_user):
    token = Token.objects.create(user=plain_user)
    plain_user.is_active = False
    plain_user.save()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.get(LIST)

    assert (response.status_code, response.json()) == (401, {"detail": "User inactive or deleted."})


def test_session_write_needs_csrf_token(plain_user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(plain_user, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post(LIST, PROPOSAL, format="json")

    assert (response.status_code, response.json()) == (403, {"detail": "CSRF Failed: CSRF cookie not set."})


def test_throttle_anonymous(api_client, low_rates):
    statuses = [api_client.get(LIST).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_throttle_signed_in_account(api_client, plain_user, low_rates):
    api_client.force_authenticate(plain_user)

    responses = [api_client.get(LIST) for _ in range(4)]

    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert responses[-1]["Retry-After"] is not None


def test_throttle_proposals(signed_in, plain_user, low_rates):
    client = signed_in(plain_user)

    first = client.post(LIST, PROPOSAL, format="json")
    second = client.post(LIST, {**PROPOSAL, "name": "Wikimedia Epsilon"}, format="json")

    assert (first.status_code, second.status_code) == (201, 429)
    assert second.json()["detail"].startswith("Request was throttled.")
