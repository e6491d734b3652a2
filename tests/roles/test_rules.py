"""Every predicate of roles/rules.py, for every actor: a table of who gets True."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from roles import rules as r
from roles.enums import Capacity, CompetencySource, MembershipRequestKind, OrganizationStatus
from roles.models import Membership
from tests.factories import MembershipFactory, MembershipRequestFactory, OrganizationFactory, PersonFactory
from tests.factories.registry import (
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
)

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "plain", "organizer_a", "organizer_b", "hub_coordinator_a", "staff"]
EVERYONE = set(ACTORS)
NOBODY: set[str] = set()


@pytest.fixture
def world(org_a, org_b, plain_user, organizer_a, organizer_b, hub_coordinator_a, staff_user):
    proposed = OrganizationFactory(status=OrganizationStatus.PROPOSED, proposed_by=plain_user.person)
    public_person = PersonFactory(is_public=True)
    competency = CompetencyFactory()
    role_a = RoleFactory(organization=org_a)
    member_a = PersonFactory(is_public=True)
    MembershipFactory(person=member_a, organization=org_a)
    holder_b, former_holder_b = PersonFactory(is_public=True), PersonFactory(is_public=True)
    role_b = RoleFactory(organization=org_b, seats=2)
    RoleHolderFactory(person=holder_b, role=role_b, start=datetime.date(2025, 1, 1))
    RoleHolderFactory(
        person=former_holder_b,
        role=role_b,
        seat=2,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    return {
        "actors": {
            "anonymous": AnonymousUser(),
            "plain": plain_user,
            "organizer_a": organizer_a,
            "organizer_b": organizer_b,
            "hub_coordinator_a": hub_coordinator_a,
            "staff": staff_user,
        },
        "objects": {
            "none": None,
            "org_a": org_a,
            "proposed": proposed,
            "person_private": organizer_a.person,
            "person_public": public_person,
            "membership_private": Membership.objects.get(person=hub_coordinator_a.person),
            "membership_public": MembershipFactory(person=public_person, organization=org_b),
            "request_plain": MembershipRequestFactory(organization=org_a, person=plain_user.person),
            "invitation_plain": MembershipRequestFactory(
                organization=org_a,
                kind=MembershipRequestKind.INVITATION,
                person=None,
                email="PLAIN@example.org",
                created_by=organizer_a.person,
            ),
            "competency": competency,
            "pc_self_plain": PersonCompetencyFactory(person=plain_user.person, competency=competency),
            "pc_public_training": PersonCompetencyFactory(
                person=public_person, competency=competency, source=CompetencySource.TRAINING
            ),
            "role_a": role_a,
            "requirement_a": RoleRequirementFactory(role=role_a, competency=competency),
            "holder_private": RoleHolderFactory(person=plain_user.person, role=role_a),
            "holder_public": RoleHolderFactory(
                person=public_person,
                role=role_a,
                seat=1,
                start=datetime.date(2020, 1, 1),
                end=datetime.date(2021, 1, 1),
            ),
            "person_member_a": member_a,
            "person_holder_b": holder_b,
            "person_former_holder_b": former_holder_b,
            "invitation_by_username": MembershipRequestFactory(
                organization=org_b,
                kind=MembershipRequestKind.INVITATION,
                person=None,
                wikimedia_username="Hub Coordinator A",
                capacity=Capacity.HUB_COORDINATOR,
            ),
        },
    }


TABLE = [
    ("is_staff", "none", {"staff"}),
    ("is_authenticated", "none", EVERYONE - {"anonymous"}),
    ("always_allow", "none", EVERYONE),
    ("is_org_organizer", "org_a", {"organizer_a"}),
    ("is_org_organizer", "none", NOBODY),
    ("is_org_hub_coordinator", "org_a", {"hub_coordinator_a"}),
    ("is_org_member", "org_a", {"organizer_a", "hub_coordinator_a"}),
    ("is_org_listed", "org_a", EVERYONE),
    ("is_org_listed", "proposed", NOBODY),
    ("is_org_proposer", "proposed", {"plain"}),
    ("is_org_proposer", "org_a", NOBODY),
    ("can_view_organization", "org_a", EVERYONE),
    ("can_view_organization", "proposed", {"plain", "staff"}),
    ("can_join_organization", "org_a", {"plain", "organizer_b", "staff"}),
    ("can_join_organization", "proposed", NOBODY),
    ("is_person_self", "person_private", {"organizer_a"}),
    ("is_person_public", "person_public", EVERYONE),
    ("is_person_public", "person_private", NOBODY),
    ("can_view_person", "person_private", {"organizer_a", "staff"}),
    ("can_view_person", "person_public", EVERYONE),
    ("is_membership_org_organizer", "membership_private", {"organizer_a"}),
    ("is_membership_self", "membership_private", {"hub_coordinator_a"}),
    ("is_membership_public", "membership_private", NOBODY),
    ("is_membership_public", "membership_public", EVERYONE),
    ("can_view_membership", "membership_private", {"organizer_a", "hub_coordinator_a", "staff"}),
    ("can_view_membership", "membership_public", EVERYONE),
    ("is_request_org_organizer", "request_plain", {"organizer_a"}),
    ("is_request_addressee", "request_plain", {"plain"}),
    ("is_request_addressee", "invitation_plain", {"plain"}),
    ("is_request_addressee", "invitation_by_username", {"hub_coordinator_a"}),
    ("is_invitation", "request_plain", NOBODY),
    ("is_invitation", "invitation_plain", EVERYONE),
    ("can_decide_membership_request", "request_plain", {"organizer_a", "staff"}),
    ("can_decide_membership_request", "invitation_plain", {"plain"}),
    ("can_decide_membership_request", "invitation_by_username", {"hub_coordinator_a"}),
    ("is_own_request", "request_plain", {"plain"}),
    ("is_own_request", "invitation_plain", NOBODY),
    ("can_cancel_membership_request", "request_plain", {"plain"}),
    ("can_cancel_membership_request", "invitation_plain", {"organizer_a", "staff"}),
    ("can_cancel_membership_request", "invitation_by_username", {"organizer_b", "staff"}),
    # competencies of people, roles, requirements, holders
    ("is_person_competency_owner", "pc_self_plain", {"plain"}),
    ("is_person_competency_owner", "pc_public_training", NOBODY),
    ("is_person_competency_public", "pc_public_training", EVERYONE),
    ("is_person_competency_public", "pc_self_plain", NOBODY),
    ("can_view_person_competency", "pc_self_plain", {"plain", "staff"}),
    ("can_view_person_competency", "pc_public_training", EVERYONE),
    ("is_role_organizer", "role_a", {"organizer_a"}),
    ("is_role_organizer", "none", NOBODY),
    ("is_requirement_organizer", "requirement_a", {"organizer_a"}),
    ("is_requirement_organizer", "none", NOBODY),
    ("is_holder_organizer", "holder_private", {"organizer_a"}),
    ("is_holder_public", "holder_public", EVERYONE),
    ("is_holder_public", "holder_private", NOBODY),
    ("can_view_role_holder", "holder_private", {"organizer_a", "staff"}),
    ("can_view_role_holder", "holder_public", EVERYONE),
    ("is_person_organizer", "person_member_a", {"organizer_a"}),
    ("is_person_organizer", "person_holder_b", {"organizer_b"}),
    ("is_person_organizer", "person_former_holder_b", NOBODY),
    ("is_person_organizer", "person_private", {"organizer_a"}),
    ("is_person_organizer", "none", NOBODY),
    ("can_confirm_competency", "person_member_a", {"organizer_a", "staff"}),
    ("can_confirm_competency", "person_holder_b", {"organizer_b", "staff"}),
    ("can_confirm_competency", "person_former_holder_b", {"staff"}),
    ("can_confirm_competency", "person_private", {"staff"}),  # organizers never confirm themselves
]


@pytest.mark.parametrize(("predicate", "target", "allowed"), TABLE)
def test_rules_predicate_table(world, predicate, target, allowed):
    if target == "invitation_by_username":
        hub_coordinator = world["actors"]["hub_coordinator_a"].person
        hub_coordinator.wikimedia_username = "Hub Coordinator A"
        hub_coordinator.save()
    test = getattr(r, predicate)
    obj = world["objects"][target]

    result = {name: bool(test.test(user, obj)) for name, user in world["actors"].items()}

    assert result == {name: name in allowed for name in ACTORS}


def test_rules_every_predicate_is_in_the_table():
    predicates = {name for name in dir(r) if isinstance(getattr(r, name), r.rules.Predicate)}

    assert predicates == {row[0] for row in TABLE}


# The staff actor is a superuser, to whom Django grants every permission (the predicates above show what
# staff get without that).
PERMISSIONS = [
    ("roles.view_organization", "proposed", {"plain", "staff"}),
    ("roles.add_organization", "none", EVERYONE - {"anonymous"}),
    ("roles.change_organization", "org_a", {"organizer_a", "staff"}),
    ("roles.delete_organization", "org_a", {"staff"}),
    ("roles.approve_organization", "proposed", {"staff"}),
    ("roles.manage_members_organization", "org_a", {"organizer_a", "staff"}),
    ("roles.join_organization", "org_a", {"plain", "organizer_b", "staff"}),
    ("roles.view_person", "person_private", {"organizer_a", "staff"}),
    ("roles.change_person", "person_private", {"organizer_a", "staff"}),
    ("roles.change_membership", "membership_private", {"organizer_a", "staff"}),
    ("roles.delete_membership", "membership_private", {"organizer_a", "hub_coordinator_a", "staff"}),
    ("roles.view_membershiprequest", "request_plain", {"plain", "organizer_a", "staff"}),
    ("roles.decide_membershiprequest", "request_plain", {"organizer_a", "staff"}),
    ("roles.cancel_membershiprequest", "request_plain", {"plain", "staff"}),
    ("roles.manage_roles_organization", "org_a", {"organizer_a", "staff"}),
    ("roles.view_competency", "competency", EVERYONE),
    ("roles.change_competency", "competency", {"staff"}),
    ("roles.change_role", "role_a", {"organizer_a", "staff"}),
    ("roles.delete_role", "role_a", {"organizer_a", "staff"}),
    ("roles.change_rolerequirement", "requirement_a", {"organizer_a", "staff"}),
    ("roles.view_roleholder", "holder_private", {"organizer_a", "staff"}),
    ("roles.change_roleholder", "holder_private", {"organizer_a", "staff"}),
    ("roles.view_personcompetency", "pc_self_plain", {"plain", "staff"}),
    ("roles.change_personcompetency", "pc_self_plain", {"plain", "staff"}),
    ("roles.change_personcompetency", "pc_public_training", {"staff"}),
    ("roles.confirm_competency_person", "person_member_a", {"organizer_a", "staff"}),
    ("roles.confirm_competency_person", "person_holder_b", {"organizer_b", "staff"}),
    ("roles.confirm_competency_person", "person_private", {"staff"}),
]


@pytest.mark.parametrize(("permission", "target", "allowed"), PERMISSIONS)
def test_rules_permission_table(world, permission, target, allowed):
    obj = world["objects"][target]

    result = {name: user.has_perm(permission, obj) for name, user in world["actors"].items()}

    assert result == {name: name in allowed for name in ACTORS}
