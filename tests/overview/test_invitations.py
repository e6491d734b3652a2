"""Inviting a candidate to be nominated: once per role and person, by email in their language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from post_office.models import Email

from leadership.common.enums import EmailKind
from leadership.overview.invitations import invite_to_nominate, person_language
from leadership.overview.models import NominationInvite
from tests.factories import PersonFactory, UserFactory
from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import RoleFactory
from tests.factories.roles import language

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(org_a):
    return RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")


@pytest.fixture
def call(org_a, role):
    return NominationCallFactory(organization=org_a, roles=[role], title="Board 2027", title_en="Board 2027")


@pytest.fixture
def inviter(organizer_a):
    organizer_a.person.display_name = "Olga"
    organizer_a.person.save()
    return organizer_a.person


def test_invite_creates_the_invitation_and_queues_one_email(
    role, call, inviter, django_capture_on_commit_callbacks
):
    candidate = PersonFactory(display_name="Kofi", email="kofi@example.org")

    with django_capture_on_commit_callbacks(execute=False):
        invite = invite_to_nominate(role=role, person=candidate, invited_by=inviter)

    assert (invite.role, invite.person, invite.invited_by) == (role, candidate, inviter)
    [email] = Email.objects.all()
    assert email.to == ["kofi@example.org"]
    assert email.subject == "You are invited to be nominated as Treasurer in Wikimedia Alpha"
    assert email.headers["Content-Language"] == "en"
    body = email.message.split("\n\n")
    assert body[:3] == [
        "Hello Kofi,",
        "Olga, an organizer of Wikimedia Alpha, thinks you could take the role “Treasurer” and invites you "
        "to be nominated for it.",
        f"The call “Board 2027” is open until {date_filter(call.closes_at, 'DATE_FORMAT')}. You may nominate "
        "yourself, or ask someone who knows your work to nominate you:\n"
        f"http://testserver/en/nominations/calls/{call.pk}/nominate/",
    ]
    assert str(EmailKind.NOMINATION_INVITATION.label) in email.message


def test_invite_twice_returns_the_first_and_sends_nothing_more(role, call, inviter):
    candidate = PersonFactory()
    first = invite_to_nominate(role=role, person=candidate, invited_by=inviter)

    second = invite_to_nominate(role=role, person=candidate, invited_by=None)

    assert second == first
    assert second.invited_by == inviter
    assert NominationInvite.objects.count() == 1
    assert Email.objects.count() == 1


def test_invite_writes_in_the_persons_language_to_their_account_email(role, call, inviter):
    user = UserFactory(username="amina", email="amina@example.org")
    user.person.email = "old@example.org"
    user.person.save()
    user.person.languages.set([language("sw"), language("fr")])

    invite_to_nominate(role=role, person=user.person, invited_by=inviter)

    [email] = Email.objects.all()
    assert email.to == ["amina@example.org"]
    assert email.headers["Content-Language"] == "fr"
    assert f"http://testserver/fr/nominations/calls/{call.pk}/nominate/" in email.message


@pytest.mark.parametrize(
    ("codes", "expected"),
    [([], "en"), (["sw"], "en"), (["ar", "fr"], "fr"), (["pt-br"], "pt-br"), (["ar"], "ar")],
)
def test_person_language_is_the_first_site_language_they_speak(codes, expected):
    person = PersonFactory()
    person.languages.set([language(code) for code in codes])

    assert person_language(person) == expected


def test_invite_without_an_open_call_is_refused(role, inviter):
    NominationCallFactory(
        organization=role.organization,
        roles=[role],
        closes_at=timezone.now(),
        opens_at=timezone.now() - datetime.timedelta(days=3),
    )

    with pytest.raises(ValidationError) as error:
        invite_to_nominate(role=role, person=PersonFactory(), invited_by=inviter)

    assert error.value.messages == ["This role has no open call for nominations: open one before inviting."]
    assert (NominationInvite.objects.count(), Email.objects.count()) == (0, 0)


def test_invite_of_someone_without_an_email_is_refused(role, call, inviter):
    with pytest.raises(ValidationError) as error:
        invite_to_nominate(role=role, person=PersonFactory(email=""), invited_by=inviter)

    assert error.value.messages == ["This person has no email address: they cannot be invited."]
    assert (NominationInvite.objects.count(), Email.objects.count()) == (0, 0)
