"""The authorization matrix of the nominations pages: every URL name of nominations/urls.py, as every actor.

Same shape as tests/test_authorization_matrix.py (whose check counts this MATRIX toward URL coverage), with
two more actors: "reviewer" (a reviewer of the call) and "nominee" (the nominee of the accepted nomination,
signed in; signed links are held by whoever has them, so every actor follows the same link).
Columns: anonymous, plain, organizer_a, organizer_b, hub_coordinator_a, staff, reviewer, nominee.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations import tokens
from nominations.enums import NominationState
from roles.enums import Capacity
from tests.factories import MembershipFactory, UserFactory
from tests.factories.nominations import NominationCallFactory, NominationFactory, ScoringCriterionFactory
from tests.factories.registry import RoleFactory
from tests.test_authorization_matrix import ACTORS as BASE_ACTORS
from tests.test_authorization_matrix import (
    Spec,
    actors_world,
    assert_status_as,
    assert_world_built_once_and_untouched,
    matrix_cases,
    named,
    world_fixtures,
)

ACTORS = (*BASE_ACTORS, "reviewer", "nominee")


def same(status: int) -> tuple[int, ...]:
    return (status,) * len(ACTORS)


SIGNED_IN_ONLY = (302, 200, 200, 200, 200, 200, 200, 200)
CALL_ORGANIZERS = (302, 403, 200, 403, 403, 200, 403, 403)
CALL_REVIEWERS = (302, 403, 403, 403, 403, 200, 200, 403)
call_pk = lambda w: w["call"].pk  # noqa: E731
accepted_pk = lambda w: w["accepted"].pk  # noqa: E731

MATRIX: dict[str, Spec] = {
    # --- public pages ---
    "nominations:call_list": Spec(named("nominations:call_list"), get=same(200)),
    "nominations:call_detail": Spec(named("nominations:call_detail", pk=call_pk), get=same(200)),
    "nominations:nominate": Spec(
        named("nominations:nominate", pk=call_pk),
        get=same(200),
        post=same(200),  # an empty form comes back with its errors
    ),
    "nominations:nominate:closed": Spec(
        named("nominations:nominate", pk=lambda w: w["closed_call"].pk), get=same(302)
    ),
    "nominations:nominated": Spec(named("nominations:nominated", pk=call_pk), get=same(200)),
    # --- signed links ---
    "nominations:verify": Spec(
        named("nominations:verify", token=lambda w: tokens.verify_token(w["submitted"].pk)),
        get=same(200),
        post=same(302),
    ),
    "nominations:verify:forged": Spec(
        named("nominations:verify", token=lambda w: tokens.consent_token(w["submitted"].pk)),
        get=same(404),
        post=same(404),
    ),
    "nominations:consent": Spec(
        named("nominations:consent", token=lambda w: tokens.consent_token(w["invited"].pk)),
        get=same(200),
        post=same(200),  # no answer chosen: the form comes back with its error
    ),
    "nominations:consent:forged": Spec(
        named("nominations:consent", token=lambda w: "not-a-token"), get=same(404)
    ),
    "nominations:endorse": Spec(
        named("nominations:endorse", token=lambda w: tokens.endorse_token(w["accepted"].pk)),
        get=(302, 200, 200, 200, 200, 200, 200, 200),
        post=(302, 200, 200, 200, 200, 200, 200, 403),  # the nominee never endorses their own nomination
    ),
    "nominations:endorse:pending": Spec(
        named("nominations:endorse", token=lambda w: tokens.endorse_token(w["invited"].pk)),
        get=(302, 404, 404, 404, 404, 404, 404, 404),
    ),
    # --- my nominations ---
    "nominations:mine": Spec(named("nominations:mine"), get=SIGNED_IN_ONLY),
    "nominations:mine_export": Spec(named("nominations:mine_export"), get=SIGNED_IN_ONLY),
    "nominations:erase": Spec(
        named("nominations:erase", pk=accepted_pk),
        get=(302, 403, 403, 403, 403, 200, 403, 200),
        post=(302, 403, 403, 403, 403, 200, 403, 200),  # not confirmed: the form comes back
    ),
    # --- reviewers ---
    "nominations:call_review": Spec(named("nominations:call_review", pk=call_pk), get=CALL_REVIEWERS),
    "nominations:nomination_review": Spec(
        named("nominations:nomination_review", pk=accepted_pk),
        # Staff accounts are superusers: they may read it; the service refuses their scores (not reviewers).
        get=(302, 403, 403, 403, 403, 200, 200, 403),
        post=(302, 403, 403, 403, 403, 200, 200, 403),  # no scores: the form comes back with its errors
    ),
    "nominations:nomination_conflict": Spec(
        named("nominations:nomination_conflict", pk=accepted_pk),
        get=(302, 403, 403, 403, 403, 405, 405, 403),
        post=(302, 403, 403, 403, 403, 302, 302, 403),
    ),
    # --- organizers ---
    "nominations:call_create": Spec(
        named("nominations:call_create", slug=lambda w: w["org_a"].slug),
        get=CALL_ORGANIZERS,
        post=CALL_ORGANIZERS,
    ),
    "nominations:call_create_movement": Spec(
        named("nominations:call_create_movement"),
        get=(302, 403, 403, 403, 403, 200, 403, 403),
        post=(302, 403, 403, 403, 403, 200, 403, 403),
    ),
    "nominations:call_edit": Spec(
        named("nominations:call_edit", pk=call_pk), get=CALL_ORGANIZERS, post=CALL_ORGANIZERS
    ),
    "nominations:call_manage": Spec(named("nominations:call_manage", pk=call_pk), get=CALL_ORGANIZERS),
    "nominations:nomination_decide": Spec(
        named("nominations:nomination_decide", pk=accepted_pk),
        get=(302, 403, 405, 403, 403, 405, 403, 403),
        # An empty decision is refused by showing the ranked table again (200) with the row's error.
        post=(302, 403, 200, 403, 403, 200, 403, 403),
    ),
}


def build_world() -> dict[str, Any]:
    base = actors_world()
    org_a, org_b = base["org_a"], base["org_b"]
    reviewer = UserFactory(username="reviewer")
    nominee = UserFactory(username="nominee")
    MembershipFactory(person=nominee.person, organization=org_b, capacity=Capacity.MEMBER)
    role = RoleFactory(organization=org_a, title="Matrix chair", title_en="Matrix chair")
    call = NominationCallFactory(organization=org_a, roles=[role], reviewers=[reviewer])
    ScoringCriterionFactory(call=call, name="Vision", name_en="Vision")
    now = timezone.now()
    closed_call = NominationCallFactory(
        organization=org_a,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
    )
    return {
        "org_a": org_a,
        "call": call,
        "closed_call": closed_call,
        "submitted": NominationFactory(
            call=call, state=NominationState.SUBMITTED, nominator=None, nominator_email="anon@example.org"
        ),
        "invited": NominationFactory(call=call, state=NominationState.INVITED),
        "accepted": NominationFactory(
            call=call,
            role=role,
            state=NominationState.IN_REVIEW,
            person=nominee.person,
            nominee_email=nominee.email,
        ),
        "users": {**base["users"], "reviewer": reviewer, "nominee": nominee},
    }


# The nomination form's rate limits count in the cache: `world` empties it for every case.
world_built_once, world = world_fixtures(build_world)


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "actor", "method", "expected"), list(matrix_cases(MATRIX, ACTORS)))
def test_nominations_authorization_matrix(client, world, key, actor, method, expected):
    assert_status_as(client, world, MATRIX[key], key, actor, method, expected)


def test_every_nominations_url_name_has_an_entry():
    from nominations import urls

    names = {f"nominations:{pattern.name}" for pattern in urls.urlpatterns}
    assert names - {key.rsplit(":", 1)[0] if key.count(":") > 1 else key for key in MATRIX} == set()
    assert reverse("nominations:call_list") == "/en/nominations/"


def test_world_is_built_once_for_the_module_and_no_case_leaves_a_change(world):
    assert_world_built_once_and_untouched(__name__)
