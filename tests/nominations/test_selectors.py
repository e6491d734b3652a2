"""The ranked table of a call (weighted scores, term-limit flag) and the reviewer's list, in constant queries;
the reads the overview makes of nominations (consenting nominations and nominees, endorsements, observed
levels, the digest's count)."""

import datetime

import pytest
from django.db.models import Q, Subquery
from django.utils import timezone

from nominations import selectors
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import PersonFactory, UserFactory
from tests.factories.nominations import (
    EndorsementFactory,
    NominationCallFactory,
    NominationFactory,
    ObservedCompetencyFactory,
    ReviewFactory,
    ReviewScoreFactory,
    ScoringCriterionFactory,
)
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleHolderFactory

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


# --- The overview's reads -----------------------------------------------------------------------------------


def test_consenting_states_are_the_consented_ones_still_in_the_running_or_chosen():
    assert S.consenting() == [S.ACCEPTED, S.IN_REVIEW, S.SHORTLISTED, S.APPOINTED, S.OFFERED_TRAINING]
    assert set(S.consented()) - set(S.consenting()) == {S.NOT_SELECTED}


def _one_per_state(call, **kwargs):
    """{state: a nomination of the call in that state}, every state."""
    return {state: NominationFactory(call=call, state=state, **kwargs) for state in S.values}


def test_consenting_nominees_are_linked_to_a_person_in_a_consenting_state(org_a, org_b):
    call = NominationCallFactory(organization=org_a)
    linked = _one_per_state(call, person=PersonFactory())
    NominationFactory(call=call, state=S.ACCEPTED)  # no Person (erased, say)
    NominationFactory(
        call=NominationCallFactory(organization=org_b), state=S.ACCEPTED, person=PersonFactory()
    )

    found = selectors.consenting_nominees(where=Q(call__organization=org_a))

    assert sorted(found.values_list("pk", flat=True)) == sorted(linked[state].pk for state in S.consenting())


def test_consenting_nominees_without_where_are_every_organisations(org_a, org_b):
    ours = NominationFactory(call__organization=org_a, state=S.APPOINTED, person=PersonFactory())
    theirs = NominationFactory(call__organization=org_b, state=S.SHORTLISTED, person=PersonFactory())

    assert sorted(selectors.consenting_nominees().values_list("pk", flat=True)) == [ours.pk, theirs.pk]


def test_consenting_nominations_leave_out_the_erased_and_need_no_person(org_a):
    call = NominationCallFactory(organization=org_a)
    every = _one_per_state(call)
    erased = NominationFactory(call=call, state=S.APPOINTED, erased_at=timezone.now())

    found = set(selectors.consenting_nominations().values_list("pk", flat=True))

    assert found == {every[state].pk for state in S.consenting()}
    assert erased.pk not in found


def test_nominations_not_erased_are_of_any_state(org_a, org_b):
    call = NominationCallFactory(organization=org_a)
    every = _one_per_state(call)
    NominationFactory(call=call, state=S.DECLINED, erased_at=timezone.now())
    NominationFactory(call__organization=org_b, state=S.ACCEPTED)

    found = selectors.nominations_not_erased(where=Q(call__organization=org_a))

    assert sorted(found.values_list("pk", flat=True)) == sorted(n.pk for n in every.values())


def test_role_consenting_nominations_of_its_organisation_naming_calls_and_itself(org_a, org_b):
    role = RoleFactory(organization=org_a)
    own_call = NominationCallFactory(organization=org_a)
    naming_call = NominationCallFactory(organization=org_b, roles=[role])
    other_call = NominationCallFactory(organization=org_b)
    in_own_call = NominationFactory(call=own_call, state=S.ACCEPTED)
    in_naming_call = NominationFactory(call=naming_call, state=S.SHORTLISTED)
    naming_the_role = NominationFactory(call=other_call, role=role, state=S.IN_REVIEW)
    NominationFactory(call=other_call, state=S.ACCEPTED)  # another organisation's, another role
    NominationFactory(call=own_call, state=S.INVITED)  # no consent yet
    NominationFactory(call=own_call, state=S.NOT_SELECTED)
    NominationFactory(call=own_call, state=S.ACCEPTED, erased_at=timezone.now())

    found = selectors.role_consenting_nominations(role=role)

    assert sorted(found.values_list("pk", flat=True)) == sorted(
        [in_own_call.pk, in_naming_call.pk, naming_the_role.pk]
    )


def test_consenting_endorsements_leave_out_unconsented_and_erased_nominations(org_a):
    person = PersonFactory()
    kept = EndorsementFactory(nomination__state=S.ACCEPTED, nomination__person=person)
    also_kept = EndorsementFactory(nomination__state=S.OFFERED_TRAINING, nomination__person=person)
    EndorsementFactory(nomination__state=S.NOT_SELECTED, nomination__person=person)
    EndorsementFactory(
        nomination__state=S.ACCEPTED, nomination__person=person, nomination__erased_at=timezone.now()
    )
    EndorsementFactory(nomination__state=S.ACCEPTED, nomination__person=PersonFactory())  # someone else's

    found = selectors.consenting_endorsements(where=Q(nomination__person=person))

    assert sorted(found.values_list("pk", flat=True)) == [kept.pk, also_kept.pk]


def test_observed_levels_in_a_subquery_per_nomination(org_a):
    budgeting, facilitation = CompetencyFactory(), CompetencyFactory()
    seen = NominationFactory(call__organization=org_a, state=S.ACCEPTED)
    ObservedCompetencyFactory(nomination=seen, competency=budgeting, level=3)
    ObservedCompetencyFactory(nomination=seen, competency=facilitation, level=1)
    no_level = NominationFactory(call__organization=org_a, state=S.ACCEPTED)
    ObservedCompetencyFactory(nomination=no_level, competency=budgeting, level=None)
    unseen = NominationFactory(call__organization=org_a, state=S.ACCEPTED)

    levels = dict(
        selectors.consenting_nominations()
        .annotate(budgeting=Subquery(selectors.observed_levels(competency_id=budgeting.pk)[:1]))
        .values_list("pk", "budgeting")
    )

    assert levels == {seen.pk: 3, no_level.pk: None, unseen.pk: None}


def test_nominations_by_id_with_call_and_role_in_one_query(org_a, django_assert_num_queries):
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    first = NominationFactory(call__organization=org_a, role=role)
    second = NominationFactory(call__organization=org_a)

    with django_assert_num_queries(1):
        found = selectors.nominations_by_id(ids=[first.pk, second.pk])
        shown = {pk: (n.call.pk, n.role.title if n.role else None) for pk, n in found.items()}
    with django_assert_num_queries(0):
        assert selectors.nominations_by_id(ids=[]) == {}

    assert shown == {first.pk: (first.call_id, "Treasurer"), second.pk: (second.call_id, None)}


def test_nominations_received_count_counts_verified_unerased_ones_of_the_window(org_a, org_b):
    until = timezone.now().replace(microsecond=0)
    since = until - datetime.timedelta(days=7)
    call = NominationCallFactory(organization=org_a)

    def made(at, **kwargs):
        nomination = NominationFactory(call=call, **kwargs)
        Nomination.objects.filter(pk=nomination.pk).update(created_at=at)
        return nomination

    made(since, state=S.INVITED)  # the window's first instant counts
    made(until - datetime.timedelta(seconds=1), state=S.DECLINED)
    made(until - datetime.timedelta(days=1), state=S.APPOINTED)
    made(until - datetime.timedelta(days=1), state=S.SUBMITTED)  # the nominator has not confirmed yet
    made(until - datetime.timedelta(days=1), state=S.EXPIRED, erased_at=until)
    made(since - datetime.timedelta(seconds=1), state=S.INVITED)  # before the window
    made(until, state=S.INVITED)  # the window's end is excluded
    NominationFactory(call__organization=org_b, state=S.INVITED)

    assert selectors.nominations_received_count(organization=org_a, since=since, until=until) == 3
