"""The signed-in person's own page, public profiles, the data download and account deletion."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from post_office.models import Email

from roles import services
from roles.enums import Capacity, MembershipRequestKind
from roles.models import Membership, MembershipRequest, Person
from tests.factories import MembershipFactory, MembershipRequestFactory, PersonFactory
from tests.factories.roles import language, region

pytestmark = pytest.mark.django_db

BAD_USERNAME = (
    "Enter a Wikimedia username as it appears on the wiki, without User: and without # < > [ ] | { } / @ :."
)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def profile_post(**overrides):
    data = {
        "display_name": "Plain Person",
        "wikimedia_username": "Plain Wikimedian",
        "region": str(region("SA").pk),
        "time_zone": "Asia/Kolkata",
        "is_public": "on",
        "languages": ["hi", "en"],
    }
    return {**data, **overrides}


# --- My page ---------------------------------------------------------------------------------------


def test_me_anonymous_is_sent_to_login(client):
    response = client.get(reverse("roles:me"))

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/me/"


def test_me_shows_invitations_memberships_and_requests(client, org_a, org_b, organizer_a, plain_user):
    plain_user.person.wikimedia_username = "Plain Wikimedian"
    plain_user.person.save()
    by_email = MembershipRequestFactory(
        organization=org_a, kind=MembershipRequestKind.INVITATION, person=None, email="PLAIN@example.org"
    )
    by_username = MembershipRequestFactory(
        organization=org_b,
        kind=MembershipRequestKind.INVITATION,
        person=None,
        wikimedia_username="Plain Wikimedian",
    )
    MembershipRequestFactory(
        organization=org_b, kind=MembershipRequestKind.INVITATION, person=None, email="someone@example.org"
    )
    other = MembershipFactory(person=plain_user.person, capacity=Capacity.MEMBER)
    request = MembershipRequestFactory(person=plain_user.person)
    client.force_login(plain_user)

    response = client.get(reverse("roles:me"))

    assert response.status_code == 200
    assert list(response.context["invitations"]) == [by_email, by_username]
    assert list(response.context["memberships"]) == [other]
    assert list(response.context["pending_requests"]) == [request]
    content = response.content.decode()
    assert f'action="/en/membership-requests/{by_email.pk}/decide/"' in content
    assert f'action="/en/membership-requests/{request.pk}/cancel/"' in content
    assert 'href="/en/me/export/"' in content
    assert 'href="/en/me/delete/"' in content


def test_me_saves_the_profile(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:me"), profile_post())

    assert response.status_code == 302
    person = Person.objects.get(user=plain_user)
    assert (person.display_name, person.wikimedia_username, person.region.code, str(person.time_zone)) == (
        "Plain Person",
        "Plain Wikimedian",
        "SA",
        "Asia/Kolkata",
    )
    assert person.is_public is True
    assert sorted(person.languages.values_list("code", flat=True)) == ["en", "hi"]
    assert messages_of(response) == ["Your profile was saved."]


def test_me_with_a_taken_username_rerenders_with_the_data(client, plain_user, organizer_a):
    organizer_a.person.wikimedia_username = "Taken Name"
    organizer_a.person.save()
    client.force_login(plain_user)

    response = client.post(reverse("roles:me"), profile_post(wikimedia_username="Taken Name"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "wikimedia_username": ["Another person in the registry already uses this Wikimedia username."]
    }
    content = response.content.decode()
    assert 'value="Plain Person"' in content
    assert 'value="Taken Name"' in content
    assert Person.objects.get(user=plain_user).display_name == "plain"


def test_me_without_a_display_name_rerenders_with_the_error(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:me"), profile_post(display_name=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {"display_name": ["This field is required."]}
    assert 'value="Plain Wikimedian"' in response.content.decode()


def test_me_with_a_bad_username_rerenders_with_the_error(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:me"), profile_post(wikimedia_username="a/b"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"wikimedia_username": [BAD_USERNAME]}


# --- Public profiles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 404),
        ("plain_user", 404),
        ("organizer_a", 200),  # the person themselves
        ("organizer_b", 404),
        ("hub_coordinator_a", 404),
        ("staff_user", 200),
    ],
)
def test_person_detail_of_a_private_profile(request, client, organizer_a, actor, status):
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:person_detail", args=[organizer_a.person.pk]))

    assert response.status_code == status


def test_person_detail_of_a_public_profile_shows_listed_organizations(client, org_a):
    person = PersonFactory(
        display_name="Public Person", wikimedia_username="Public One", email="p@example.org"
    )
    person.languages.add(language("sw"))
    MembershipFactory(person=person, organization=org_a, capacity=Capacity.HUB_COORDINATOR)

    response = client.get(reverse("roles:person_detail", args=[person.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Public Person</h1>" in content
    assert "Public One" in content
    assert "Swahili" in content
    assert 'href="/en/organizations/wikimedia-alpha/">Wikimedia Alpha</a>' in content
    assert "p@example.org" not in content


# --- My data ---------------------------------------------------------------------------------------


def test_me_export_downloads_everything_about_the_account(client, org_a, organizer_a):
    person = organizer_a.person
    person.languages.add(language("fr"))
    MembershipRequestFactory(person=person, message="Hello")
    client.force_login(organizer_a)

    response = client.get(reverse("roles:me_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="leadership-registry-my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["username"] == "organizer-a"
    assert data["account"]["email_addresses"] == [
        {"email": "organizer-a@example.org", "verified": True, "primary": True}
    ]
    assert data["account"]["date_joined"] == organizer_a.date_joined.isoformat()
    assert set(data["account"]) == {"username", "email_addresses", "date_joined", "last_login"}
    roles = data["roles"]
    assert roles["person"]["display_name"] == "organizer-a"
    assert roles["person"]["email"] == "organizer-a@example.org"
    assert roles["person"]["languages"] == ["fr"]
    assert [(m["organization"], m["capacity"]) for m in roles["memberships"]] == [
        ("wikimedia-alpha", "organizer")
    ]
    assert [(r["kind"], r["state"], r["message"]) for r in roles["membership_requests"]] == [
        ("request", "pending", "Hello")
    ]


def test_me_export_anonymous_is_sent_to_login(client):
    assert client.get(reverse("roles:me_export")).status_code == 302


# --- Deleting the account --------------------------------------------------------------------------


def test_me_delete_asks_for_confirmation(client, plain_user):
    client.force_login(plain_user)

    response = client.get(reverse("roles:me_delete"))

    assert response.status_code == 200
    assert "It cannot be undone." in response.content.decode()


def test_me_delete_with_the_wrong_email_rerenders_with_the_error(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:me_delete"), {"email": "someone@example.org"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["This is not the email address of your account."]}
    assert 'value="someone@example.org"' in response.content.decode()
    assert get_user_model().objects.filter(pk=plain_user.pk).count() == 1


def test_me_delete_erases_the_person_memberships_history_and_emails(client, org_a, organizer_a, plain_user):
    person = plain_user.person
    person_id = person.pk
    person.display_name = "Plain Person"
    person.save()  # a history row with the name
    services.membership_invite(organization=org_a, by=organizer_a.person, email="plain@example.org")
    membership = MembershipFactory(person=person, organization=org_a)
    membership.capacity = Capacity.HUB_COORDINATOR
    membership.save()
    services.membership_request_join(person=person, organization=MembershipFactory().organization)
    assert Person.history.filter(id=person_id).count() >= 2
    assert Membership.history.filter(person_id=person_id).count() == 2
    assert Email.objects.filter(to="plain@example.org").count() == 1
    client.force_login(plain_user)

    response = client.post(reverse("roles:me_delete"), {"email": " PLAIN@example.org "})

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert messages_of(response) == ["Your account and everything the registry held about you were deleted."]
    assert get_user_model().objects.filter(pk=plain_user.pk).count() == 0
    assert Person.objects.filter(pk=person_id).count() == 0
    assert Membership.objects.filter(person_id=person_id).count() == 0
    assert Person.history.filter(id=person_id).count() == 0
    assert Membership.history.filter(person_id=person_id).count() == 0
    assert MembershipRequest.objects.filter(person_id=person_id).count() == 0
    assert MembershipRequest.objects.filter(email__iexact="plain@example.org").count() == 0
    assert Email.objects.filter(to="plain@example.org").count() == 0
    assert client.get(reverse("roles:me")).status_code == 302  # logged out
    # The organisation and its other members stay.
    assert list(Membership.objects.filter(organization=org_a).values_list("person_id", flat=True)) == [
        organizer_a.person.pk
    ]


def test_me_delete_as_the_last_organizer_is_refused(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(reverse("roles:me_delete"), {"email": "organizer-a@example.org"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "An organisation needs at least one organizer: name another organizer before this change."
    ]
    assert get_user_model().objects.filter(pk=organizer_a.pk).count() == 1
    assert Membership.objects.filter(person=organizer_a.person).count() == 1
