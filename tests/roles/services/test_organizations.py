"""The writes of the roles app: organisations, requests to join, invitations, capacities and removals."""

import pytest
from django.core.exceptions import ValidationError
from post_office.models import Email

from roles import services
from roles.enums import (
    Capacity,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
)
from roles.models import Membership, MembershipRequest, Organization
from tests.factories import MembershipFactory, MembershipRequestFactory, OrganizationFactory, UserFactory
from tests.factories.roles import language, region

pytestmark = pytest.mark.django_db


def subjects_to(address: str) -> list[str]:
    return [email.subject for email in Email.objects.filter(to=address).order_by("id")]


def proposal(**overrides):
    data = {
        "name_en": "Wikimedia Fictionland",
        "kind": OrganizationKind.USER_GROUP,
        "region": region("LAC"),
        "countries": ["BR", "AR"],
        "languages": [language("pt-br"), language("es")],
        "website": "https://fictionland.example.org",
        "wikidata_qid": "Q42",
        "description_en": "A fictional user group.",
    }
    return {**data, **overrides}


# --- Organisations ---------------------------------------------------------------------------------


def test_organization_propose_creates_a_proposed_organization_and_tells_staff(plain_user, staff_user):
    organization = services.organization_propose(proposer=plain_user.person, data=proposal())

    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.PROPOSED
    assert organization.slug == "wikimedia-fictionland"
    assert organization.proposed_by == plain_user.person
    assert [country.code for country in organization.countries] == ["AR", "BR"]
    assert sorted(organization.languages.values_list("code", flat=True)) == ["es", "pt-br"]
    assert subjects_to("staff@example.org") == ["New organisation proposed: Wikimedia Fictionland"]
    assert Membership.objects.filter(organization=organization).count() == 0


def test_organization_propose_with_a_taken_slug_numbers_it(plain_user):
    OrganizationFactory(name="Wikimedia Fictionland", slug="wikimedia-fictionland")

    organization = services.organization_propose(proposer=plain_user.person, data=proposal())

    assert organization.slug == "wikimedia-fictionland-2"


def test_organization_propose_with_a_name_in_french_only_keeps_it(plain_user):
    organization = services.organization_propose(
        proposer=plain_user.person, data=proposal(name_en="", name_fr="Wikimédia Fictionie")
    )

    organization.refresh_from_db()
    assert organization.name_fr == "Wikimédia Fictionie"
    assert organization.name == "Wikimédia Fictionie"  # falls back to the language it was written in
    assert organization.slug == "wikimedia-fictionie"


def test_organization_propose_with_a_bad_qid_is_refused(plain_user):
    with pytest.raises(ValidationError) as raised:
        services.organization_propose(proposer=plain_user.person, data=proposal(wikidata_qid="42"))

    assert raised.value.message_dict == {
        "wikidata_qid": ["Enter a Wikidata item id: the letter Q followed by a number, for example Q180."]
    }
    assert Organization.objects.filter(slug="wikimedia-fictionland").count() == 0


def test_organization_decide_approve_makes_the_proposer_organizer(plain_user, staff_user):
    organization = services.organization_propose(proposer=plain_user.person, data=proposal())

    services.organization_decide(organization=organization, approve=True, by=staff_user.person)

    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.APPROVED
    assert list(
        Membership.objects.filter(organization=organization).values_list("person_id", "capacity")
    ) == [(plain_user.person.pk, Capacity.ORGANIZER)]
    assert subjects_to("plain@example.org") == ["Wikimedia Fictionland is now in the registry"]


def test_organization_decide_reject_makes_no_member(plain_user, staff_user):
    organization = services.organization_propose(proposer=plain_user.person, data=proposal())

    services.organization_decide(organization=organization, approve=False, by=staff_user.person)

    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.REJECTED
    assert Membership.objects.filter(organization=organization).count() == 0
    assert subjects_to("plain@example.org") == ["Your proposal of Wikimedia Fictionland was not approved"]


def test_organization_decide_twice_is_refused(plain_user, staff_user):
    organization = services.organization_propose(proposer=plain_user.person, data=proposal())
    services.organization_decide(organization=organization, approve=True, by=staff_user.person)

    with pytest.raises(ValidationError) as raised:
        services.organization_decide(organization=organization, approve=False, by=staff_user.person)

    assert raised.value.messages == ["This organisation was already decided on."]


def test_organization_update_never_lets_an_organization_serve_itself(org_a):
    hub = OrganizationFactory(kind=OrganizationKind.REGIONAL_HUB)
    org_a.kind = OrganizationKind.THEMATIC_HUB

    services.organization_update(
        organization=org_a, data={"name_fr": "Wikimédia Alpha", "hubs": [hub, org_a]}
    )

    org_a.refresh_from_db()
    assert org_a.name_fr == "Wikimédia Alpha"
    assert list(org_a.hubs.all()) == [hub]


# --- Requests to join ------------------------------------------------------------------------------


def test_membership_request_join_creates_a_request_and_tells_the_organizers(org_a, organizer_a, plain_user):
    request = services.membership_request_join(person=plain_user.person, organization=org_a, message="Hello")

    assert (request.kind, request.state, request.person, request.message) == (
        MembershipRequestKind.REQUEST,
        MembershipRequestState.PENDING,
        plain_user.person,
        "Hello",
    )
    assert subjects_to("organizer-a@example.org") == ["plain asks to join Wikimedia Alpha"]


def test_membership_request_join_twice_is_refused(org_a, plain_user):
    services.membership_request_join(person=plain_user.person, organization=org_a)

    with pytest.raises(ValidationError) as raised:
        services.membership_request_join(person=plain_user.person, organization=org_a)

    assert raised.value.messages == [
        "Your request to join this organisation is already waiting for an answer."
    ]
    assert MembershipRequest.objects.filter(person=plain_user.person).count() == 1


def test_membership_request_join_as_a_member_is_refused(org_a, organizer_a):
    with pytest.raises(ValidationError) as raised:
        services.membership_request_join(person=organizer_a.person, organization=org_a)

    assert raised.value.messages == ["You are already a member of this organisation."]


def test_membership_request_join_a_proposed_organization_is_refused(plain_user):
    organization = OrganizationFactory(status=OrganizationStatus.PROPOSED)

    with pytest.raises(ValidationError) as raised:
        services.membership_request_join(person=plain_user.person, organization=organization)

    assert raised.value.messages == ["This organisation does not take members yet."]


def test_membership_request_decide_accept_adds_the_member_and_tells_them(org_a, organizer_a, plain_user):
    request = services.membership_request_join(person=plain_user.person, organization=org_a)

    services.membership_request_decide(request=request, accept=True, by=organizer_a.person)

    request.refresh_from_db()
    assert (request.state, request.decided_by) == (MembershipRequestState.ACCEPTED, organizer_a.person)
    assert Membership.objects.get(person=plain_user.person, organization=org_a).capacity == Capacity.MEMBER
    assert subjects_to("plain@example.org") == ["Welcome to Wikimedia Alpha"]


def test_membership_request_decide_decline_adds_nobody(org_a, organizer_a, plain_user):
    request = services.membership_request_join(person=plain_user.person, organization=org_a)

    services.membership_request_decide(request=request, accept=False, by=organizer_a.person)

    request.refresh_from_db()
    assert request.state == MembershipRequestState.DECLINED
    assert Membership.objects.filter(person=plain_user.person, organization=org_a).count() == 0
    assert subjects_to("plain@example.org") == ["Your request to join Wikimedia Alpha"]


def test_membership_request_decide_twice_is_refused(org_a, organizer_a, plain_user):
    request = services.membership_request_join(person=plain_user.person, organization=org_a)
    services.membership_request_decide(request=request, accept=False, by=organizer_a.person)

    with pytest.raises(ValidationError) as raised:
        services.membership_request_decide(request=request, accept=True, by=organizer_a.person)

    assert raised.value.messages == ["This request was already answered."]


def test_membership_request_cancel_withdraws_a_pending_request(org_a, plain_user):
    request = services.membership_request_join(person=plain_user.person, organization=org_a)

    services.membership_request_cancel(request=request, by=plain_user.person)

    request.refresh_from_db()
    assert request.state == MembershipRequestState.CANCELLED
    # A new request can follow a withdrawn one.
    assert services.membership_request_join(person=plain_user.person, organization=org_a).is_pending is True


# --- Invitations -----------------------------------------------------------------------------------


def test_membership_invite_by_email_queues_an_email_with_the_link(org_a, organizer_a):
    invitation = services.membership_invite(
        organization=org_a,
        by=organizer_a.person,
        email="newcomer@example.org",
        capacity=Capacity.HUB_COORDINATOR,
    )

    assert (invitation.kind, invitation.person, invitation.capacity) == (
        MembershipRequestKind.INVITATION,
        None,
        Capacity.HUB_COORDINATOR,
    )
    email = Email.objects.get(to="newcomer@example.org")
    assert email.subject == "Invitation to join Wikimedia Alpha"
    assert f"http://testserver/en/invitations/{invitation.pk}/" in email.message


def test_membership_invite_by_username_finds_the_person(org_a, organizer_a, plain_user):
    plain_user.person.wikimedia_username = "Plain Wikimedian"
    plain_user.person.save()

    invitation = services.membership_invite(
        organization=org_a, by=organizer_a.person, wikimedia_username="Plain Wikimedian"
    )

    assert invitation.person == plain_user.person
    assert subjects_to("plain@example.org") == ["Invitation to join Wikimedia Alpha"]


def test_membership_invite_a_member_is_refused(org_a, organizer_a, hub_coordinator_a):
    with pytest.raises(ValidationError) as raised:
        services.membership_invite(organization=org_a, by=organizer_a.person, email="hubcoord-a@example.org")

    assert raised.value.messages == ["This person is already a member of this organisation."]


def test_membership_invite_twice_is_refused(org_a, organizer_a):
    services.membership_invite(organization=org_a, by=organizer_a.person, email="newcomer@example.org")

    with pytest.raises(ValidationError) as raised:
        services.membership_invite(organization=org_a, by=organizer_a.person, email="NEWCOMER@example.org")

    assert raised.value.messages == [
        "This person already has an invitation or a request waiting for an answer."
    ]


def test_membership_invite_nobody_is_refused(org_a, organizer_a):
    with pytest.raises(ValidationError) as raised:
        services.membership_invite(
            organization=org_a, by=organizer_a.person, email=" ", wikimedia_username=""
        )

    assert raised.value.messages == [
        "Give the email address or the Wikimedia username of the person to invite."
    ]


def test_membership_request_decide_invitation_accepted_by_the_invitee(org_a, organizer_a):
    invitation = services.membership_invite(
        organization=org_a, by=organizer_a.person, email="newcomer@example.org", capacity=Capacity.ORGANIZER
    )
    newcomer = UserFactory(username="newcomer")

    services.membership_request_decide(request=invitation, accept=True, by=newcomer.person, user=newcomer)

    invitation.refresh_from_db()
    assert (invitation.state, invitation.person) == (MembershipRequestState.ACCEPTED, newcomer.person)
    assert Membership.objects.get(person=newcomer.person, organization=org_a).capacity == Capacity.ORGANIZER


# --- Capacities and removals -----------------------------------------------------------------------


def test_membership_change_capacity_promotes_a_member(org_a, organizer_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)

    services.membership_change_capacity(membership=membership, capacity=Capacity.ORGANIZER)

    membership.refresh_from_db()
    assert membership.capacity == Capacity.ORGANIZER


def test_membership_change_capacity_of_the_last_organizer_is_refused(org_a, organizer_a):
    membership = Membership.objects.get(person=organizer_a.person)

    with pytest.raises(ValidationError) as raised:
        services.membership_change_capacity(membership=membership, capacity=Capacity.MEMBER)

    assert raised.value.messages == [
        "An organisation needs at least one organizer: name another organizer before this change."
    ]
    membership.refresh_from_db()
    assert membership.capacity == Capacity.ORGANIZER


def test_membership_change_capacity_to_an_unknown_one_is_refused(org_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)

    with pytest.raises(ValidationError) as raised:
        services.membership_change_capacity(membership=membership, capacity="king")

    assert raised.value.messages == ["Choose a valid capacity."]


def test_membership_remove_removes_a_member(org_a, organizer_a, hub_coordinator_a):
    membership = Membership.objects.get(person=hub_coordinator_a.person)

    services.membership_remove(membership=membership, by_user=organizer_a)

    assert list(Membership.objects.filter(organization=org_a).values_list("person_id", flat=True)) == [
        organizer_a.person.pk
    ]


def test_membership_remove_last_organizer_cannot_leave(org_a, organizer_a):
    membership = Membership.objects.get(person=organizer_a.person)

    with pytest.raises(ValidationError) as raised:
        services.membership_remove(membership=membership, by_user=organizer_a)

    assert raised.value.messages == [
        "An organisation needs at least one organizer: name another organizer before this change."
    ]
    assert Membership.objects.filter(pk=membership.pk).count() == 1


def test_membership_remove_an_organizer_when_another_remains(org_a, organizer_a):
    other = MembershipFactory(organization=org_a, capacity=Capacity.ORGANIZER)
    membership = Membership.objects.get(person=organizer_a.person)

    services.membership_remove(membership=membership, by_user=organizer_a)

    assert list(Membership.objects.filter(organization=org_a)) == [other]


def test_membership_request_factory_pending_requests_are_unique_per_person(org_a, plain_user):
    MembershipRequestFactory(organization=org_a, person=plain_user.person)

    with pytest.raises(ValidationError) as raised:
        services.membership_request_join(person=plain_user.person, organization=org_a)

    assert raised.value.messages == [
        "Your request to join this organisation is already waiting for an answer."
    ]


# --- People ----------------------------------------------------------------------------------------


def test_person_update_with_a_username_someone_has_is_refused(plain_user, organizer_a):
    organizer_a.person.wikimedia_username = "Taken"
    organizer_a.person.save()

    with pytest.raises(ValidationError) as raised:
        services.person_update(
            person=plain_user.person,
            display_name="Plain",
            wikimedia_username="Taken",
            region=None,
            time_zone="UTC",
            is_public=True,
            languages=[],
        )

    assert raised.value.message_dict == {
        "wikimedia_username": ["Another person in the registry already uses this Wikimedia username."]
    }
