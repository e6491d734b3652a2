"""Every nominations permission, for every kind of actor: a table."""

import pytest
from django.contrib.auth.models import AnonymousUser

from nominations.enums import NominationState
from tests.factories import UserFactory
from tests.factories.nominations import EndorsementFactory, NominationCallFactory, NominationFactory

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "plain", "other_organizer", "organizer", "staff", "reviewer", "nominee", "nominator"]


@pytest.fixture
def world(org_a, plain_user, organizer_a, organizer_b):
    reviewer = UserFactory(username="reviewer")
    nominee = UserFactory(username="nominee")
    nominator = UserFactory(username="nominator")
    call = NominationCallFactory(organization=org_a, reviewers=[reviewer])
    movement_call = NominationCallFactory(organization=None)
    invited = NominationFactory(call=call, nominator=nominator, state=NominationState.INVITED)
    accepted = NominationFactory(
        call=call, nominator=nominator, person=nominee.person, state=NominationState.ACCEPTED
    )
    appointed = NominationFactory(
        call=call, nominator=nominator, person=nominee.person, state=NominationState.APPOINTED
    )
    return {
        "actors": {
            "anonymous": AnonymousUser(),
            "plain": plain_user,
            "other_organizer": organizer_b,
            "organizer": organizer_a,
            # staff without superuser powers: the predicates are what is tested (a superuser has every perm)
            "staff": UserFactory(username="staff-member", is_staff=True),
            "reviewer": reviewer,
            "nominee": nominee,
            "nominator": nominator,
        },
        "objects": {
            "call": call,
            "movement_call": movement_call,
            "org_a": org_a,
            "none": None,
            "invited": invited,
            "accepted": accepted,
            "appointed": appointed,
            "endorsement": EndorsementFactory(nomination=accepted, user=plain_user),
        },
    }


# permission, object, the actors who have it (in ACTORS order: anyone not listed does not)
TABLE = [
    ("nominations.view_nominationcall", "call", set(ACTORS)),
    ("nominations.change_call", "call", {"organizer", "staff"}),
    ("nominations.change_nominationcall", "call", {"organizer", "staff"}),
    ("nominations.change_call", "movement_call", {"staff"}),
    ("nominations.manage_call", "call", {"organizer", "staff"}),
    ("nominations.review_call", "call", {"reviewer", "staff"}),
    ("nominations.add_call_to_organization", "org_a", {"organizer", "staff"}),
    ("nominations.add_call_to_organization", "none", {"staff"}),
    ("nominations.view_nomination", "invited", {"staff", "nominator"}),
    ("nominations.view_nomination", "accepted", {"organizer", "staff", "reviewer", "nominee", "nominator"}),
    ("nominations.manage_nomination", "invited", set()),
    ("nominations.manage_nomination", "accepted", {"organizer", "staff"}),
    ("nominations.change_nomination", "accepted", {"organizer", "staff"}),
    ("nominations.review_nomination", "accepted", {"reviewer"}),
    ("nominations.review_nomination", "appointed", set()),
    ("nominations.score_nomination", "accepted", {"reviewer"}),
    ("nominations.endorse_nomination", "invited", set()),
    ("nominations.endorse_nomination", "accepted", {"other_organizer", "organizer", "staff", "reviewer"}),
    ("nominations.share_nomination", "accepted", {"nominee", "nominator"}),
    ("nominations.share_nomination", "invited", set()),
    ("nominations.erase_nomination", "accepted", {"nominee", "staff"}),
    (
        "nominations.view_endorsement",
        "endorsement",
        {"plain", "organizer", "staff", "reviewer", "nominee", "nominator"},
    ),
    ("nominations.delete_endorsement", "endorsement", {"plain", "staff"}),
]


@pytest.mark.parametrize(("permission", "target", "allowed"), TABLE, ids=[f"{p}:{t}" for p, t, _a in TABLE])
def test_permission_table(world, permission, target, allowed):
    obj = world["objects"][target]
    granted = {name for name, user in world["actors"].items() if user.has_perm(permission, obj)}
    assert granted == allowed


def test_a_reviewer_who_declared_a_conflict_cannot_score(world):
    from nominations import services

    reviewer = world["actors"]["reviewer"]
    accepted = world["objects"]["accepted"]
    services.review_declare_conflict(nomination=accepted, reviewer=reviewer)
    assert reviewer.has_perm("nominations.review_nomination", accepted) is True
    assert reviewer.has_perm("nominations.score_nomination", accepted) is False


def test_reviewers_lose_access_when_reviewing_closes(world):
    call = world["objects"]["call"]
    call.reviewing_open = False
    call.save()
    accepted = world["objects"]["accepted"]
    accepted.call = call
    assert world["actors"]["reviewer"].has_perm("nominations.review_nomination", accepted) is False


def test_an_endorser_endorses_once(world):
    accepted = world["objects"]["accepted"]
    assert world["actors"]["plain"].has_perm("nominations.endorse_nomination", accepted) is False
