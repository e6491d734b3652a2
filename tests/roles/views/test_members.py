"""The members management page, its actions, and the invitation page."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roles.enums import Capacity, MembershipRequestKind, MembershipRequestState
from roles.models import Membership, MembershipRequest
from tests.factories import MembershipFactory, MembershipRequestFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

BAD_USERNAME = (
    "Enter a Wikimedia username as it appears on the wiki, without User: and without # < > [ ] | { } / @ :."
)

LAST_ORGANIZER = "An organisation needs at least one organizer: name another organizer before this change."


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def members_url(organization) -> str:
    return reverse("roles:organization_members", args=[organization.slug])


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("plain_user", 403),
        ("organizer_a", 200),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("staff_user", 200),
    ],
)
def test_organization_members_is_for_organizers_and_staff(request, client, org_a, actor, status):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(members_url(org_a)).status_code == status


def test_organization_members_anonymous_is_sent_to_login(client, org_a):
    response = client.get(members_url(org_a))

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={members_url(org_a)}"


def test_organization_members_shows_members_requests_and_invitations(client, org_a, organizer_a, plain_user):
    MembershipFactory(person=PersonFactory(display_name="Private Pat", is_public=False), organization=org_a)
    MembershipRequestFactory(organization=org_a, person=plain_user.person, message="Let me in")
    MembershipRequestFactory(
        organization=org_a, kind=MembershipRequestKind.INVITATION, person=None, email="guest@example.org"
    )
    client.force_login(organizer_a)

    response = client.get(members_url(org_a))

    content = response.content.decode()
    assert [row["membership"].person.display_name for row in response.context["rows"]] == [
        "organizer-a",
        "Private Pat",
    ]
    assert "Let me in" in content
    assert "guest@example.org" in content
    assert 'action="/en/organizations/wikimedia-alpha/members/invite/"' in content


def test_organization_invite_by_email_creates_an_invitation(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:organization_invite", args=[org_a.slug]),
        {
            "email": "guest@example.org",
            "wikimedia_username": "",
            "capacity": "hub_coordinator",
            "message": "Hi",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == members_url(org_a)
    invitation = MembershipRequest.objects.get()
    assert (invitation.kind, invitation.email, invitation.capacity, invitation.created_by) == (
        MembershipRequestKind.INVITATION,
        "guest@example.org",
        Capacity.HUB_COORDINATOR,
        organizer_a.person,
    )
    assert messages_of(response) == ["guest@example.org was invited."]


def test_organization_invite_nobody_rerenders_with_the_data(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:organization_invite", args=[org_a.slug]),
        {"email": "", "wikimedia_username": "", "capacity": "organizer", "message": "Please join us"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["invite_form"].non_field_errors() == [
        "Give the email address or the Wikimedia username of the person to invite."
    ]
    assert "Please join us</textarea>" in content
    assert '<option value="organizer" selected>' in content
    assert MembershipRequest.objects.count() == 0


def test_organization_invite_a_bad_username_rerenders_with_the_error(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:organization_invite", args=[org_a.slug]),
        {"email": "", "wikimedia_username": "Bad|Name", "capacity": "member", "message": ""},
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors == {"wikimedia_username": [BAD_USERNAME]}
    assert 'value="Bad|Name"' in response.content.decode()


def test_organization_invite_a_member_shows_the_service_error(client, org_a, organizer_a, hub_coordinator_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:organization_invite", args=[org_a.slug]),
        {"email": "hubcoord-a@example.org", "wikimedia_username": "", "capacity": "member", "message": ""},
    )

    assert response.status_code == 200
    assert response.context["invite_form"].non_field_errors() == [
        "This person is already a member of this organisation."
    ]
    assert 'value="hubcoord-a@example.org"' in response.content.decode()


def test_organization_invite_by_another_organization_is_403(client, org_a, organizer_b):
    client.force_login(organizer_b)

    response = client.post(
        reverse("roles:organization_invite", args=[org_a.slug]),
        {"email": "guest@example.org", "capacity": "member"},
    )

    assert response.status_code == 403
    assert MembershipRequest.objects.count() == 0


def test_membership_change_sets_the_capacity(client, org_a, organizer_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_change", args=[org_a.slug, membership.pk]),
        {f"m{membership.pk}-capacity": "organizer"},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.capacity == Capacity.ORGANIZER
    assert messages_of(response) == ["hubcoord-a is now: Organizer."]


def test_membership_change_of_the_last_organizer_shows_the_error_in_its_row(client, org_a, organizer_a):
    membership = Membership.objects.get(person=organizer_a.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_change", args=[org_a.slug, membership.pk]),
        {f"m{membership.pk}-capacity": "member"},
    )

    assert response.status_code == 200
    row = response.context["rows"][0]
    assert row["errors"] == [LAST_ORGANIZER]
    assert row["form"]["capacity"].value() == "member"  # what the organizer chose stays selected
    assert LAST_ORGANIZER in response.content.decode()
    membership.refresh_from_db()
    assert membership.capacity == Capacity.ORGANIZER


def test_membership_change_with_an_unknown_capacity_shows_the_error(
    client, org_a, organizer_a, hub_coordinator_a
):
    membership = Membership.objects.get(person=hub_coordinator_a.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_change", args=[org_a.slug, membership.pk]),
        {f"m{membership.pk}-capacity": "king"},
    )

    assert response.status_code == 200
    assert response.context["rows"][1]["errors"] == [
        "Select a valid choice. king is not one of the available choices."
    ]


def test_membership_change_by_another_organization_is_403(client, org_a, organizer_b, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)
    client.force_login(organizer_b)

    response = client.post(
        reverse("roles:membership_change", args=[org_a.slug, membership.pk]),
        {f"m{membership.pk}-capacity": "organizer"},
    )

    assert response.status_code == 403


def test_membership_change_under_another_slug_is_404(client, org_a, org_b, organizer_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_change", args=[org_b.slug, membership.pk]),
        {f"m{membership.pk}-capacity": "organizer"},
    )

    assert response.status_code == 404


def test_membership_change_get_is_not_allowed(client, org_a, organizer_a):
    membership = Membership.objects.get(person=organizer_a.person)
    client.force_login(organizer_a)

    assert client.get(reverse("roles:membership_change", args=[org_a.slug, membership.pk])).status_code == 405


def test_membership_remove_by_an_organizer(client, org_a, organizer_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)
    client.force_login(organizer_a)

    response = client.post(reverse("roles:membership_remove", args=[org_a.slug, membership.pk]))

    assert response.status_code == 302
    assert response["Location"] == members_url(org_a)
    assert Membership.objects.filter(pk=membership.pk).count() == 0
    assert messages_of(response) == ["hubcoord-a was removed from Wikimedia Alpha."]


def test_membership_remove_last_organizer_shows_the_error(client, org_a, organizer_a):
    membership = Membership.objects.get(person=organizer_a.person)
    client.force_login(organizer_a)

    response = client.post(reverse("roles:membership_remove", args=[org_a.slug, membership.pk]))

    assert response.status_code == 200
    assert response.context["rows"][0]["errors"] == [LAST_ORGANIZER]
    assert Membership.objects.filter(pk=membership.pk).count() == 1


def test_membership_remove_self_is_leaving(client, org_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)
    client.force_login(hub_coordinator_a)

    response = client.post(reverse("roles:membership_remove", args=[org_a.slug, membership.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("roles:me")
    assert messages_of(response) == ["You left Wikimedia Alpha."]
    assert Membership.objects.filter(pk=membership.pk).count() == 0


def test_membership_remove_someone_else_as_a_member_is_403(client, org_a, organizer_a, hub_coordinator_a):
    membership = Membership.objects.get(person=organizer_a.person)
    client.force_login(hub_coordinator_a)

    response = client.post(reverse("roles:membership_remove", args=[org_a.slug, membership.pk]))

    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).count() == 1


def test_membership_request_decide_accept_by_an_organizer(client, org_a, organizer_a, plain_user):
    request = MembershipRequestFactory(organization=org_a, person=plain_user.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_request_decide", args=[request.pk]), {"decision": "accept"}
    )

    assert response.status_code == 302
    assert response["Location"] == members_url(org_a)
    assert Membership.objects.get(person=plain_user.person).organization == org_a
    assert messages_of(response) == ["plain joined Wikimedia Alpha."]


def test_membership_request_decide_decline_by_an_organizer(client, org_a, organizer_a, plain_user):
    request = MembershipRequestFactory(organization=org_a, person=plain_user.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_request_decide", args=[request.pk]), {"decision": "decline"}
    )

    request.refresh_from_db()
    assert response.status_code == 302
    assert request.state == MembershipRequestState.DECLINED
    assert Membership.objects.filter(person=plain_user.person).count() == 0


def test_membership_request_decide_already_answered_shows_the_error(client, org_a, organizer_a, plain_user):
    request = MembershipRequestFactory(
        organization=org_a, person=plain_user.person, state=MembershipRequestState.CANCELLED
    )
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_request_decide", args=[request.pk]), {"decision": "accept"}
    )

    assert response.status_code == 200
    assert response.context["page_errors"] == ["This request was already answered."]
    assert "This request was already answered." in response.content.decode()


def test_membership_request_decide_without_a_decision_shows_the_error(client, org_a, organizer_a, plain_user):
    request = MembershipRequestFactory(organization=org_a, person=plain_user.person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:membership_request_decide", args=[request.pk]), {"decision": "maybe"}
    )

    assert response.status_code == 200
    assert response.context["page_errors"] == ["Choose to accept or to decline."]


@pytest.mark.parametrize("actor", ["plain_user", "organizer_b", "hub_coordinator_a"])
def test_membership_request_decide_by_others_is_403(request, client, org_a, actor):
    membership_request = MembershipRequestFactory(
        organization=org_a, person=UserFactory(username="asker").person
    )
    client.force_login(request.getfixturevalue(actor))

    response = client.post(
        reverse("roles:membership_request_decide", args=[membership_request.pk]), {"decision": "accept"}
    )

    assert response.status_code == 403


def test_membership_request_cancel_invitation_by_an_organizer(client, org_a, organizer_a):
    invitation = MembershipRequestFactory(
        organization=org_a, kind=MembershipRequestKind.INVITATION, person=None, email="guest@example.org"
    )
    client.force_login(organizer_a)

    response = client.post(reverse("roles:membership_request_cancel", args=[invitation.pk]))

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.state == MembershipRequestState.CANCELLED
    assert messages_of(response) == ["The invitation was withdrawn."]


def test_membership_request_cancel_own_request(client, org_a, plain_user):
    request = MembershipRequestFactory(organization=org_a, person=plain_user.person)
    client.force_login(plain_user)

    response = client.post(reverse("roles:membership_request_cancel", args=[request.pk]))

    request.refresh_from_db()
    assert response["Location"] == reverse("roles:me")
    assert request.state == MembershipRequestState.CANCELLED


def test_membership_request_cancel_someone_elses_request_is_403(client, org_a, organizer_a, plain_user):
    request = MembershipRequestFactory(organization=org_a, person=plain_user.person)
    client.force_login(organizer_a)

    assert client.post(reverse("roles:membership_request_cancel", args=[request.pk])).status_code == 403


# --- Invitation page -------------------------------------------------------------------------------


@pytest.fixture
def invitation(org_a, organizer_a):
    return MembershipRequestFactory(
        organization=org_a,
        kind=MembershipRequestKind.INVITATION,
        person=None,
        email="plain@example.org",
        capacity=Capacity.HUB_COORDINATOR,
        message="Come and coordinate trainings.",
        created_by=organizer_a.person,
    )


@pytest.mark.parametrize(
    ("actor", "status"),
    [("plain_user", 200), ("organizer_a", 403), ("organizer_b", 403), ("hub_coordinator_a", 403)],
)
def test_invitation_is_for_the_invitee(request, client, invitation, actor, status):
    client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:invitation", args=[invitation.pk]))

    assert response.status_code == status
    if status == 200:
        content = response.content.decode()
        assert "organizer-a invites you to join as: Hub coordinator." in content
        assert "Come and coordinate trainings." in content


def test_invitation_anonymous_is_sent_to_login(client, invitation):
    response = client.get(reverse("roles:invitation", args=[invitation.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_invitation_of_a_request_is_404(client, org_a, plain_user):
    request = MembershipRequestFactory(organization=org_a, person=plain_user.person)
    client.force_login(plain_user)

    assert client.get(reverse("roles:invitation", args=[request.pk])).status_code == 404


def test_invitation_accepted_by_the_invitee(client, org_a, invitation, plain_user):
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:membership_request_decide", args=[invitation.pk]), {"decision": "accept"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("roles:organization_detail", args=[org_a.slug])
    assert Membership.objects.get(person=plain_user.person).capacity == Capacity.HUB_COORDINATOR
    assert messages_of(response) == ["Welcome to Wikimedia Alpha."]


def test_invitation_declined_by_the_invitee(client, org_a, invitation, plain_user):
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:membership_request_decide", args=[invitation.pk]), {"decision": "decline"}
    )

    invitation.refresh_from_db()
    assert response["Location"] == reverse("roles:me")
    assert invitation.state == MembershipRequestState.DECLINED
    assert Membership.objects.filter(person=plain_user.person).count() == 0


def test_invitation_answered_shows_its_state(client, invitation, plain_user):
    invitation.state = MembershipRequestState.DECLINED
    invitation.save()
    client.force_login(plain_user)

    content = client.get(reverse("roles:invitation", args=[invitation.pk])).content.decode()

    assert "This invitation was already answered: Declined." in content
    assert 'value="accept"' not in content
