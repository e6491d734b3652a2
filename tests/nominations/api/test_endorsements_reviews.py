"""Endorsements through the shared link's token, and reviews by the call's reviewers only."""

import pytest

from nominations import tokens
from nominations.enums import NominationState
from nominations.models import Endorsement, Review
from tests.factories import UserFactory
from tests.factories.nominations import (
    EndorsementFactory,
    NominationCallFactory,
    NominationFactory,
    ReviewFactory,
    ReviewScoreFactory,
    ScoringCriterionFactory,
)

pytestmark = pytest.mark.django_db

ENDORSEMENTS = "/api/v1/endorsements/"
REVIEWS = "/api/v1/reviews/"
S = NominationState


@pytest.fixture
def accepted(org_a):
    return NominationFactory(
        call=NominationCallFactory(organization=org_a), state=S.ACCEPTED, person=UserFactory().person
    )


# --- Endorsements ------------------------------------------------------------------------------------------


def test_endorse_through_the_token_once(as_user, accepted, plain_user):
    client = as_user(plain_user)
    token = tokens.endorse_token(accepted.pk)

    first = client.post(ENDORSEMENTS, {"token": token, "comment": "A fine organiser."}, format="json")
    again = client.post(ENDORSEMENTS, {"token": token, "comment": "Again"}, format="json")

    endorsement = Endorsement.objects.get()
    assert first.status_code == 201
    assert first.json() == {
        "id": endorsement.pk,
        "nomination": accepted.pk,
        "user": "plain",
        "comment": "A fine organiser.",
        "created_at": endorsement.created_at.isoformat().replace("+00:00", "Z"),
    }
    assert (again.status_code, again.json()) == (
        400,
        {"token": ["You have already endorsed this nomination."]},
    )


def test_endorse_refuses_bad_tokens_pending_nominations_and_anonymous(api_client, as_user, org_a, plain_user):
    pending = NominationFactory(call=NominationCallFactory(organization=org_a), state=S.INVITED)
    client = as_user(plain_user)

    bad = client.post(ENDORSEMENTS, {"token": "forged"}, format="json")
    early = client.post(ENDORSEMENTS, {"token": tokens.endorse_token(pending.pk)}, format="json")
    missing = client.post(ENDORSEMENTS, {}, format="json")
    anonymous = api_client.post(ENDORSEMENTS, {"token": tokens.endorse_token(pending.pk)}, format="json")

    assert (bad.status_code, bad.json()) == (
        400,
        {"token": ["This endorsement link is not valid or has expired."]},
    )
    assert (early.status_code, early.json()) == (403, {"detail": "You cannot endorse this nomination."})
    assert (missing.status_code, missing.json()) == (400, {"token": ["This field is required."]})
    assert anonymous.status_code == 401
    assert Endorsement.objects.count() == 0


def test_endorsers_of_an_anonymised_call_are_hidden_from_its_reviewers(as_user, org_a, plain_user):
    reviewer = UserFactory()
    call = NominationCallFactory(organization=org_a, anonymised_review=True, reviewers=[reviewer])
    endorsement = EndorsementFactory(
        nomination=NominationFactory(call=call, state=S.ACCEPTED), user=plain_user
    )

    seen = as_user(reviewer).get(f"{ENDORSEMENTS}{endorsement.pk}/").json()
    own = as_user(plain_user).get(f"{ENDORSEMENTS}{endorsement.pk}/").json()

    assert (seen["user"], own["user"]) == (None, "plain")


@pytest.mark.parametrize("count", [1, 3])
def test_endorsement_list_runs_constant_queries(as_user, plain_user, org_a, count, django_assert_num_queries):
    for _ in range(count):
        EndorsementFactory(user=plain_user, nomination__call__organization=org_a)
    client = as_user(plain_user)
    with django_assert_num_queries(3):
        response = client.get(ENDORSEMENTS)
    assert response.json()["count"] == count


# --- Reviews -----------------------------------------------------------------------------------------------


@pytest.fixture
def review_setup(accepted):
    reviewer = UserFactory(username="reviewer")
    accepted.call.reviewers.add(reviewer)
    criteria = [ScoringCriterionFactory(call=accepted.call), ScoringCriterionFactory(call=accepted.call)]
    return accepted, reviewer, criteria


def test_reviewer_scores_and_edits_while_open(as_user, review_setup):
    nomination, reviewer, (first, second) = review_setup
    client = as_user(reviewer)
    scores = [{"criterion": first.pk, "score": 4}, {"criterion": second.pk, "score": 1}]

    created = client.post(
        REVIEWS, {"nomination": nomination.pk, "scores": scores, "comment": "Good"}, format="json"
    )
    scores[1]["score"] = 3
    edited = client.post(
        REVIEWS, {"nomination": nomination.pk, "scores": scores, "comment": "Better"}, format="json"
    )

    review = Review.objects.get()
    assert created.status_code == 201
    assert edited.json() == {
        "id": review.pk,
        "nomination": nomination.pk,
        "conflict_of_interest": False,
        "scores": [{"criterion": first.pk, "score": 4}, {"criterion": second.pk, "score": 3}],
        "comment": "Better",
        "created_at": review.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": review.updated_at.isoformat().replace("+00:00", "Z"),
    }


def test_review_is_for_reviewers_without_a_conflict(as_user, review_setup, plain_user, organizer_a):
    nomination, reviewer, (first, second) = review_setup
    scores = [{"criterion": first.pk, "score": 4}, {"criterion": second.pk, "score": 1}]

    stranger = as_user(plain_user).post(
        REVIEWS, {"nomination": nomination.pk, "scores": scores}, format="json"
    )
    organizer = as_user(organizer_a).post(
        REVIEWS, {"nomination": nomination.pk, "scores": scores}, format="json"
    )
    conflict = as_user(reviewer).post(
        REVIEWS, {"nomination": nomination.pk, "conflict_of_interest": True}, format="json"
    )
    blocked = as_user(reviewer).post(REVIEWS, {"nomination": nomination.pk, "scores": scores}, format="json")

    assert (stranger.status_code, stranger.json()) == (
        400,
        {"nomination": ["Choose a nomination of a call you review."]},
    )
    assert (organizer.status_code, organizer.json()) == (
        403,
        {"detail": "Only the call's reviewers review its nominations, while reviewing is open."},
    )
    assert (conflict.status_code, conflict.json()["conflict_of_interest"]) == (201, True)
    assert (blocked.status_code, blocked.json()) == (
        400,
        {"non_field_errors": ["You declared a conflict of interest: you cannot score this nomination."]},
    )


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (
            [{"criterion": 0, "score": 9}],
            {"scores": {"0": {"score": ["Ensure this value is less than or equal to 5."]}}},
        ),
        ([{"criterion": 0, "score": 3}], "missing"),
    ],
)
def test_review_bad_scores_answer_400(as_user, review_setup, scores, expected):
    nomination, reviewer, (first, second) = review_setup
    for item in scores:
        item["criterion"] = first.pk
    response = as_user(reviewer).post(REVIEWS, {"nomination": nomination.pk, "scores": scores}, format="json")
    if expected == "missing":
        expected = {f"criterion_{second.pk}": [f"Score “{second.name}”."]}
    assert response.status_code == 400
    assert response.json() == expected
    assert Review.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_runs_constant_queries(as_user, org_a, count, django_assert_num_queries):
    reviewer = UserFactory()
    for _ in range(count):
        review = ReviewFactory(reviewer=reviewer, nomination__call__organization=org_a)
        ReviewScoreFactory(review=review)
    client = as_user(reviewer)
    with django_assert_num_queries(5):
        response = client.get(REVIEWS)
    assert response.json()["count"] == count
