"""Staff approve or reject proposed organisations in the admin; every roles model has its admin pages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from post_office.models import Email

from roles.enums import Capacity, OrganizationStatus
from roles.models import Membership
from tests.factories import MembershipFactory, MembershipRequestFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(plain_user):
    return OrganizationFactory(
        name="Wikimedia Proposed", status=OrganizationStatus.PROPOSED, proposed_by=plain_user.person
    )


def run_action(client, action, organizations):
    return client.post(
        reverse("admin:roles_organization_changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in organizations]},
    )


def test_admin_approve_action_approves_and_makes_the_proposer_organizer(
    client, staff_user, proposed, plain_user
):
    client.force_login(staff_user)

    response = run_action(client, "approve", [proposed])

    proposed.refresh_from_db()
    assert response.status_code == 302
    assert proposed.status == OrganizationStatus.APPROVED
    assert Membership.objects.get(organization=proposed).person == plain_user.person
    assert Membership.objects.get(organization=proposed).capacity == Capacity.ORGANIZER
    assert [m.message for m in get_messages(response.wsgi_request)] == ["1 organisation was approved."]
    assert [e.subject for e in Email.objects.filter(to="plain@example.org")] == [
        "Wikimedia Proposed is now in the registry"
    ]


def test_admin_reject_action_skips_organizations_already_decided(client, staff_user, proposed, org_a):
    client.force_login(staff_user)

    response = run_action(client, "reject", [proposed, org_a])

    proposed.refresh_from_db()
    org_a.refresh_from_db()
    assert (proposed.status, org_a.status) == (OrganizationStatus.REJECTED, OrganizationStatus.APPROVED)
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "1 organisation was rejected.",
        "1 organisation was skipped: it was already decided on.",
    ]


def test_admin_actions_are_not_for_organizers(client, organizer_a, proposed):
    client.force_login(organizer_a)

    response = run_action(client, "approve", [proposed])

    proposed.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")
    assert proposed.status == OrganizationStatus.PROPOSED


@pytest.mark.parametrize(
    "model", ["region", "language", "person", "organization", "membership", "membershiprequest"]
)
def test_admin_changelist_renders(client, staff_user, org_a, organizer_a, model):
    MembershipRequestFactory(organization=org_a)
    client.force_login(staff_user)

    response = client.get(reverse(f"admin:roles_{model}_changelist"))

    assert response.status_code == 200


def test_admin_organization_change_page_has_every_language_and_history(client, staff_user, org_a):
    MembershipFactory(organization=org_a)
    client.force_login(staff_user)

    change = client.get(reverse("admin:roles_organization_change", args=[org_a.pk]))
    history = client.get(reverse("admin:roles_organization_history", args=[org_a.pk]))

    content = change.content.decode()
    assert change.status_code == 200
    for field in ("name_en", "name_fr", "name_es", "name_pt_br", "name_ind", "name_ar"):
        assert f'name="{field}"' in content
    assert history.status_code == 200
