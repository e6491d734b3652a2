"""What the overview holds about an account is in its data download, and goes with the account."""

import datetime

import pytest

from leadership.common import privacy
from leadership.overview.models import DigestLog, NominationInvite
from roles.services import account_delete
from tests.factories import UserFactory
from tests.factories.registry import RoleFactory

pytestmark = pytest.mark.django_db


def test_download_lists_invitations_received_and_sent_and_digest_weeks(org_a, organizer_a):
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    candidate = UserFactory(username="kofi")
    invite = NominationInvite.objects.create(
        role=role, person=candidate.person, invited_by=organizer_a.person
    )
    DigestLog.objects.create(organization=org_a, person=organizer_a.person, week=datetime.date(2026, 11, 23))

    received = privacy.export_sections(candidate)["overview"]
    sent = privacy.export_sections(organizer_a)["overview"]

    assert received == {
        "invitations_received": [
            {
                "role": "Treasurer",
                "organization": "wikimedia-alpha",
                "invited_at": invite.created_at.isoformat(),
            }
        ],
        "invitations_sent": [],
        "digests_received": [],
    }
    assert sent == {
        "invitations_received": [],
        "invitations_sent": [
            {
                "role": "Treasurer",
                "organization": "wikimedia-alpha",
                "invited_at": invite.created_at.isoformat(),
            }
        ],
        "digests_received": [{"organization": "wikimedia-alpha", "week": "2026-11-23"}],
    }


def test_deleting_an_account_deletes_its_invitations_and_digest_log(org_a, organizer_a):
    role = RoleFactory(organization=org_a)
    candidate = UserFactory(username="kofi")
    NominationInvite.objects.create(role=role, person=candidate.person, invited_by=organizer_a.person)
    DigestLog.objects.create(organization=org_a, person=candidate.person, week=datetime.date(2026, 11, 23))

    account_delete(user=candidate)

    assert (NominationInvite.objects.count(), DigestLog.objects.count()) == (0, 0)
