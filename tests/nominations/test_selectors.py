"""The ranked table of a call (weighted scores, term-limit flag) and the reviewer's list, in constant queries."""

import datetime

import pytest

from nominations import selectors
from nominations.enums import NominationState
from tests.factories import UserFactory
from tests.factories.nominations import (
    EndorsementFactory,
    NominationCallFactory,
    NominationFactory,
    ReviewFactory,
    ReviewScoreFactory,
    ScoringCriterionFactory,
)
from tests.factories.registry import RoleFactory, RoleHolderFactory

pytestmark = pytest.mark.django_db

S = NominationState


def test_ranked_table_weights_scores_and_ignores_conflicted_reviews(org_a):
    call = NominationCallFactory(organization=org_a)
    vision = ScoringCriterionFactory(call=call, weight=3)
    care = ScoringCriterionFactory(call=call, weight=1)
    strong = NominationFactory(call=call, state=S.IN_REVIEW)
    weak = NominationFactory(call=call, state=S.IN_REVIEW)
    unscored = NominationFactory(call=call, state=S.ACCEPTED)
    NominationFactory(call=call, state=S.INVITED)  # not consented: never in the table
    for nomination, scores in ((strong, (5, 1)), (weak, (1, 5))):
        review = ReviewFactory(nomination=nomination)
        ReviewScoreFactory(review=review, criterion=vision, score=scores[0])
        ReviewScoreFactory(review=review, criterion=care, score=scores[1])
    conflicted = ReviewFactory(nomination=weak, conflict_of_interest=True)
    ReviewScoreFactory(review=conflicted, criterion=vision, score=5)
    EndorsementFactory(nomination=strong)

    rows = list(selectors.call_nominations_ranked(call=call))

    assert [(row.pk, row.weighted_score, row.review_count, row.endorsement_count) for row in rows] == [
        (strong.pk, 4.0, 1, 1),
        (weak.pk, 2.0, 1, 0),
        (unscored.pk, None, 0, 0),
    ]


def test_ranked_table_flags_the_term_limit(org_a):
    role = RoleFactory(organization=org_a, term_limit=1)
    call = NominationCallFactory(organization=org_a, roles=[role])
    person = UserFactory().person
    RoleHolderFactory(
        role=role, person=person, start=datetime.date(2020, 1, 1), end=datetime.date(2022, 1, 1)
    )
    served = NominationFactory(call=call, role=role, person=person, state=S.ACCEPTED)
    fresh = NominationFactory(call=call, role=role, person=UserFactory().person, state=S.ACCEPTED)

    flags = {
        row.pk: (row.terms_served, row.term_limit_reached)
        for row in selectors.call_nominations_ranked(call=call)
    }

    assert flags == {served.pk: (1, True), fresh.pk: (0, False)}


@pytest.mark.parametrize("count", [1, 3])
def test_ranked_table_and_reviewer_list_run_constant_queries(org_a, count, django_assert_num_queries):
    reviewer = UserFactory()
    call = NominationCallFactory(
        organization=org_a, reviewers=[reviewer], roles=[RoleFactory(organization=org_a)]
    )
    criterion = ScoringCriterionFactory(call=call)
    for _ in range(count):
        nomination = NominationFactory(call=call, state=S.IN_REVIEW, person=UserFactory().person)
        ReviewScoreFactory(
            review=ReviewFactory(nomination=nomination, reviewer=reviewer), criterion=criterion
        )
    with django_assert_num_queries(2):
        ranked = list(selectors.call_nominations_ranked(call=call))
        mine = list(selectors.reviewer_nominations(call=call, reviewer=reviewer))
    assert (len(ranked), len(mine)) == (count, count)
    assert {row.my_conflict for row in mine} == {False}
