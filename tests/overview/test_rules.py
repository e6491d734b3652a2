"""Every predicate of the overview as a table: anonymous, plain user, another organisation's organizer, the
rightful organizer, a serving hub's organizer and staff."""

import pytest
from django.contrib.auth.models import AnonymousUser

from leadership.overview.rules import (
    can_invite_to_nominate,
    can_use_peer_learning,
    can_view_candidates,
    can_view_scope_people,
)
from roles.enums import Capacity, OrganizationKind
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import RoleFactory

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "plain", "other_organizer", "organizer", "hub_organizer", "staff"]


@pytest.fixture
def users(plain_user, organizer_a, organizer_b, staff_user, org_a):
    hub = OrganizationFactory(kind=OrganizationKind.REGIONAL_HUB)
    org_a.hubs.add(hub)
    hub_organizer = UserFactory(username="hub-organizer")
    MembershipFactory(person=hub_organizer.person, organization=hub, capacity=Capacity.ORGANIZER)
    return {
        "anonymous": AnonymousUser(),
        "plain": plain_user,
        "other_organizer": organizer_b,
        "organizer": organizer_a,
        "hub_organizer": hub_organizer,
        "staff": staff_user,
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", False),
        ("plain", False),
        ("other_organizer", False),
        ("organizer", True),
        ("hub_organizer", False),
        ("staff", True),
    ],
)
def test_can_view_candidates(users, org_a, who, expected):
    assert can_view_candidates(users[who], RoleFactory(organization=org_a)) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", False),
        ("plain", False),
        ("other_organizer", False),
        ("organizer", True),
        ("hub_organizer", True),
        ("staff", True),
    ],
)
def test_can_view_scope_people(users, org_a, who, expected):
    assert can_view_scope_people(users[who], org_a) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", False),
        ("plain", True),
        ("other_organizer", True),
        ("organizer", True),
        ("hub_organizer", True),
        ("staff", True),
    ],
)
def test_can_use_peer_learning(users, who, expected):
    assert can_use_peer_learning(users[who]) is expected


@pytest.mark.parametrize(
    ("who", "open_call", "expected"),
    [
        ("anonymous", True, False),
        ("plain", True, False),
        ("other_organizer", True, False),
        ("organizer", True, True),
        ("organizer", False, False),
        ("hub_organizer", True, False),
        ("staff", True, True),
        ("staff", False, False),
    ],
)
def test_can_invite_to_nominate(users, org_a, who, open_call, expected):
    role = RoleFactory(organization=org_a)
    if open_call:
        NominationCallFactory(organization=org_a, roles=[role])

    assert can_invite_to_nominate(users[who], role) is expected


def test_can_invite_to_nominate_needs_a_call_naming_the_role(users, org_a):
    role = RoleFactory(organization=org_a)
    NominationCallFactory(organization=org_a)  # open, but for other roles

    assert can_invite_to_nominate(users["organizer"], role) is False


def test_can_view_scope_people_of_the_hub_itself(users, org_a):
    hub = org_a.hubs.get()

    assert can_view_scope_people(users["hub_organizer"], hub) is True
    assert can_view_scope_people(users["organizer"], hub) is False


@pytest.mark.parametrize(
    ("permission", "expected"),
    [
        ("overview.view_candidates", True),
        ("overview.view_scope_people", True),
        ("overview.use_peer_learning", True),
        ("overview.invite_to_nominate", False),
    ],
)
def test_permissions_are_registered(organizer_a, org_a, permission, expected):
    role = RoleFactory(organization=org_a)
    target = org_a if permission == "overview.view_scope_people" else role

    assert organizer_a.has_perm(permission, target) is expected
