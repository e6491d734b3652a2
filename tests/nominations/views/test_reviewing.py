"""The reviewer area: a call's nominations to review, scoring, and declaring a conflict of interest."""

import pytest
from django.urls import reverse

from nominations.enums import NominationState
from nominations.models import Review
from tests.factories import UserFactory
from tests.factories.nominations import (
    EndorsementFactory,
    NominationFactory,
    ReviewFactory,
    ScoringCriterionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(call):
    user = UserFactory(username="reviewer")
    call.reviewers.add(user)
    return user


@pytest.fixture
def criteria(call):
    return [
        ScoringCriterionFactory(call=call, name="Vision", name_en="Vision", weight=2),
        ScoringCriterionFactory(call=call, name="Track record", name_en="Track record", weight=1),
    ]


def test_review_list_shows_reviewable_nominations_with_my_review_state(client, call, reviewer):
    scored = NominationFactory(call=call, state=NominationState.IN_REVIEW, nominee_name="Ana")
    ReviewFactory(nomination=scored, reviewer=reviewer)
    conflicted = NominationFactory(call=call, state=NominationState.ACCEPTED, nominee_name="Luis")
    ReviewFactory(nomination=conflicted, reviewer=reviewer, conflict_of_interest=True)
    todo = NominationFactory(call=call, state=NominationState.SHORTLISTED, nominee_name="Marta")
    NominationFactory(call=call, state=NominationState.INVITED, nominee_name="Hidden")
    client.force_login(reviewer)

    response = client.get(reverse("nominations:call_review", args=[call.pk]))

    assert [n.pk for n in response.context["nominations"]] == [scored.pk, conflicted.pk, todo.pk]
    content = response.content.decode()
    assert "Hidden" not in content
    assert "Conflict of interest declared" in content
    assert "Scored" in content
    assert "To do" in content


def test_review_list_of_an_anonymised_call_hides_names(client, call, reviewer):
    call.anonymised_review = True
    call.save()
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED, nominee_name="Ana Quispe")
    client.force_login(reviewer)

    content = client.get(reverse("nominations:call_review", args=[call.pk])).content.decode()

    assert "Ana Quispe" not in content
    assert f"Nomination {nomination.pk}" in content


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_query_count_does_not_grow(client, django_assert_num_queries, call, reviewer, count):
    for _index in range(count):
        nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
        EndorsementFactory(nomination=nomination)
    client.force_login(reviewer)

    with django_assert_num_queries(6):
        response = client.get(reverse("nominations:call_review", args=[call.pk]))

    assert len(response.context["nominations"]) == count


def test_review_page_of_an_anonymised_call_hides_names_of_nominee_and_endorsers(
    client, call, reviewer, criteria
):
    call.anonymised_review = True
    call.save()
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED, nominee_name="Ana Quispe")
    endorser = UserFactory(username="endorser")
    endorser.person.display_name = "Pedro Endorser"
    endorser.person.save()
    EndorsementFactory(nomination=nomination, user=endorser, comment="Great organiser.")
    client.force_login(reviewer)

    content = client.get(reverse("nominations:nomination_review", args=[nomination.pk])).content.decode()

    assert "Great organiser." in content
    assert "Pedro Endorser" not in content
    assert "Ana Quispe" not in content
    assert "A member (name hidden)" in content


def test_review_scores_each_criterion_and_can_be_edited(client, call, reviewer, criteria):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
    client.force_login(reviewer)
    url = reverse("nominations:nomination_review", args=[nomination.pk])
    vision, record = criteria

    first = client.post(
        url, {f"criterion_{vision.pk}": "4", f"criterion_{record.pk}": "2", "comment": "Good"}
    )
    second = client.post(
        url, {f"criterion_{vision.pk}": "5", f"criterion_{record.pk}": "2", "comment": "Better"}
    )

    assert first.status_code == 302
    assert second["Location"] == f"/en/nominations/calls/{call.pk}/review/"
    review = Review.objects.get()
    assert review.comment == "Better"
    assert sorted((s.criterion_id, s.score) for s in review.scores.all()) == [(vision.pk, 5), (record.pk, 2)]
    nomination.refresh_from_db()
    assert nomination.state == NominationState.IN_REVIEW
    page = client.get(url)
    assert page.context["form"][f"criterion_{vision.pk}"].value() == 5


@pytest.mark.parametrize(
    ("vision_score", "message"),
    [
        ("", "Give a score from 0 to 5."),
        ("6", "Give a score from 0 to 5."),
        ("abc", "Give a score from 0 to 5."),
    ],
)
def test_review_with_a_bad_score_re_renders_with_what_was_typed(
    client, call, reviewer, criteria, vision_score, message
):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
    client.force_login(reviewer)
    vision, record = criteria

    response = client.post(
        reverse("nominations:nomination_review", args=[nomination.pk]),
        {f"criterion_{vision.pk}": vision_score, f"criterion_{record.pk}": "3", "comment": "Kept"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {f"criterion_{vision.pk}": [message]}
    assert response.context["form"]["comment"].value() == "Kept"
    assert Review.objects.count() == 0


def test_reviewer_with_a_conflict_cannot_score(client, call, reviewer, criteria):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
    client.force_login(reviewer)
    vision, record = criteria

    declared = client.post(reverse("nominations:nomination_conflict", args=[nomination.pk]))
    page = client.get(reverse("nominations:nomination_review", args=[nomination.pk]))
    client.post(
        reverse("nominations:nomination_review", args=[nomination.pk]),
        {f"criterion_{vision.pk}": "5", f"criterion_{record.pk}": "5"},
    )

    assert declared.status_code == 302
    assert "You declared a conflict of interest: you cannot score this nomination." in page.content.decode()
    review = Review.objects.get()
    assert review.conflict_of_interest is True
    assert review.scores.count() == 0


def test_review_is_forbidden_once_reviewing_is_closed(client, call, reviewer, criteria):
    call.reviewing_open = False
    call.save()
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
    client.force_login(reviewer)

    assert client.get(reverse("nominations:nomination_review", args=[nomination.pk])).status_code == 403


def test_review_of_another_call_is_forbidden(client, call, reviewer, org_b):
    other = NominationFactory(state=NominationState.ACCEPTED)
    client.force_login(reviewer)

    assert client.get(reverse("nominations:nomination_review", args=[other.pk])).status_code == 403
    assert client.get(reverse("nominations:call_review", args=[other.call_id])).status_code == 403
