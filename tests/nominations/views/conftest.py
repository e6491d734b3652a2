"""Fixtures of the nominations pages' tests."""

import re

import pytest
from post_office.models import Email

from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import RoleFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits(fresh_cache):
    """The nomination form's rate limits count in the cache, which outlives a test."""


@pytest.fixture
def role(org_a):
    return RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer", seats=2)


@pytest.fixture
def call(org_a, role):
    return NominationCallFactory(
        organization=org_a, title="Board 2027", title_en="Board 2027", roles=[role], retention_days=60
    )


def link_in_outbox(address: str, path: str) -> str:
    """The first link to `path` (e.g. "/nominations/consent/") in the newest email to an address."""
    email = Email.objects.filter(to__icontains=address).order_by("-id").first()
    assert email is not None, f"no email to {address}"
    match = re.search(rf"https?://[^\s]+{re.escape(path)}[^\s?]+/", email.message)
    assert match is not None, email.message
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]
