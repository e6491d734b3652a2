"""The nominations endpoint: creating with a token through the service, who reads what, bad input, queries."""

import datetime
import json

import pytest
from django.utils import timezone
from post_office.models import Email
from rest_framework.throttling import SimpleRateThrottle

from nominations.api.serializers import NominationSerializer
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.api.rows import drf_row, list_rows
from tests.factories import UserFactory
from tests.factories.nominations import (
    CallQuestionFactory,
    NominationCallFactory,
    NominationFactory,
)
from tests.factories.registry import CompetencyFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/nominations/"
S = NominationState


@pytest.fixture
def call(org_a):
    return NominationCallFactory(organization=org_a)


def body(target, **extra):
    return {
        "call": target.pk,
        "nominee_name": "Ana Pérez",
        "nominee_email": "ana@example.org",
        "statement": "Ran the photo contest.",
        "language": "es",
        **extra,
    }


def test_create_with_a_token_invites_the_nominee(as_user, call, plain_user):
    question = CallQuestionFactory(call=call, required=True)
    skill = CompetencyFactory(slug="listening")

    response = as_user(plain_user).post(
        LIST,
        body(
            call,
            answers=[{"question": question.pk, "value": "Yes"}],
            competencies=[{"competency": "listening", "level": 2}],
        ),
        format="json",
    )

    assert response.status_code == 201
    nomination = Nomination.objects.get()
    assert response.json() == {
        "id": nomination.pk,
        "call": call.pk,
        "role": None,
        "state": "invited",
        "kind": "other",
        "nominee_name": "Ana Pérez",
        "nominee_email": "ana@example.org",
        "nominee_username": "",
        "nominee_organization": "",
        "nominee_region": "",
        "external_movement": "",
        "external_contact": "",
        "statement": "Ran the photo contest.",
        "language": "es",
        "nominator_anonymous": False,
        "answers": [{"question": question.pk, "value": "Yes"}],
        "observed_competencies": [{"competency": skill.slug, "level": 2}],
        "names_hidden": False,
        "created_at": nomination.created_at.isoformat().replace("+00:00", "Z"),
        "decided_at": None,
        "erased_at": None,
    }
    assert nomination.nominator == plain_user
    assert Email.objects.filter(to__icontains="ana@example.org").count() == 1


def test_create_needs_a_signed_in_user(api_client, call):
    response = api_client.post(LIST, body(call), format="json")
    assert response.status_code == 401
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"statement": ""}, {"statement": ["This field may not be blank."]}),
        ({"nominee_email": "nope"}, {"nominee_email": ["Enter a valid email address."]}),
        ({"call": 999999}, {"call": ['Invalid pk "999999" - object does not exist.']}),
        ({"nominee_region": "MARS"}, {"nominee_region": ['"MARS" is not a valid choice.']}),
        (
            {"competencies": [{"competency": "no-such-skill"}]},
            {"competencies": {"0": {"competency": ["Object with slug=no-such-skill does not exist."]}}},
        ),
        ({"kind": "external"}, {"external_movement": ["Say which social movement the nominee comes from."]}),
        (
            {"answers": [{"question": 999999, "value": "x"}]},
            {"answers": ["An answer is for a question this call does not ask."]},
        ),
    ],
)
def test_create_bad_input_answers_400_with_the_reason(as_user, call, plain_user, change, expected):
    response = as_user(plain_user).post(LIST, body(call, **change), format="json")
    assert (response.status_code, response.json()) == (400, expected)
    assert Nomination.objects.count() == 0


def test_create_duplicates_and_closed_calls_answer_400(as_user, call, plain_user, org_a):
    client = as_user(plain_user)
    client.post(LIST, body(call), format="json")
    duplicate = client.post(LIST, body(call, nominee_email="ANA@example.org"), format="json")
    closed = NominationCallFactory(
        organization=org_a,
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    late = client.post(LIST, body(closed), format="json")

    assert (duplicate.status_code, duplicate.json()) == (
        400,
        {"nominee_email": ["This person has already been nominated in this call."]},
    )
    assert (late.status_code, late.json()) == (
        400,
        {"non_field_errors": ["This call is not open for nominations."]},
    )


def test_each_reader_sees_only_what_the_rules_allow(as_user, call, plain_user, organizer_a, organizer_b):
    nominator = UserFactory()
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    invited = NominationFactory(call=call, nominator=nominator, state=S.INVITED)
    accepted = NominationFactory(
        call=call, nominator=nominator, state=S.ACCEPTED, person=UserFactory().person
    )

    def ids(user):
        return sorted(item["id"] for item in as_user(user).get(LIST).json()["results"])

    assert ids(plain_user) == []
    assert ids(nominator) == sorted([invited.pk, accepted.pk])
    assert ids(organizer_a) == [accepted.pk]
    assert ids(organizer_b) == []
    assert ids(reviewer) == [accepted.pk]
    assert as_user(organizer_b).get(f"{LIST}{accepted.pk}/").status_code == 404
    assert as_user(organizer_a).get(f"{LIST}{invited.pk}/").status_code == 404
    assert as_user(organizer_a).get(f"{LIST}{accepted.pk}/").json()["nominee_name"] == accepted.nominee_name


def test_reviewers_of_an_anonymised_call_see_no_names(as_user, org_a, organizer_a):
    reviewer = UserFactory()
    call = NominationCallFactory(organization=org_a, anonymised_review=True, reviewers=[reviewer])
    nomination = NominationFactory(call=call, state=S.ACCEPTED, person=UserFactory().person)

    seen = as_user(reviewer).get(f"{LIST}{nomination.pk}/").json()
    organizer_view = as_user(organizer_a).get(f"{LIST}{nomination.pk}/").json()

    assert (seen["nominee_name"], seen["nominee_email"], seen["names_hidden"]) == (None, None, True)
    assert seen["statement"] == nomination.statement
    assert (organizer_view["nominee_name"], organizer_view["names_hidden"]) == (
        nomination.nominee_name,
        False,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_nomination_list_runs_constant_queries(as_user, call, organizer_a, count, django_assert_num_queries):
    for _ in range(count):
        nomination = NominationFactory(call=call, state=S.ACCEPTED, person=UserFactory().person)
        CallQuestionFactory(call=call)
        nomination.answers.create(question=call.questions.last(), value="x")
        nomination.observed.create(competency=CompetencyFactory(), level=1)
    client = as_user(organizer_a)
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.json()["count"] == count


def test_create_is_rate_limited_per_account(as_user, plain_user, org_a, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {**SimpleRateThrottle.THROTTLE_RATES, "nomination_submit": "2/hour"},
    )
    client = as_user(plain_user)
    call = NominationCallFactory(organization=org_a)

    statuses = [
        client.post(LIST, body(call, nominee_email=f"n{i}@example.org"), format="json").status_code
        for i in range(3)
    ]

    assert statuses == [201, 201, 429]


# --- The list's rows are written by hand (NominationSerializer): exactly what DRF's fields would write -------


@pytest.mark.parametrize("reader", ["reviewer", "organizer_a", "nominator", "nominee", "staff_user"])
def test_nomination_list_rows_equal_the_declared_fields(request, as_user, org_a, organizer_a, reader):
    reviewer, nominator, nominee = UserFactory(), UserFactory(), UserFactory()
    anonymised = NominationCallFactory(organization=org_a, anonymised_review=True, reviewers=[reviewer])
    plain = NominationCallFactory(organization=org_a, reviewers=[reviewer])
    hidden = NominationFactory(
        call=anonymised, state=S.ACCEPTED, person=nominee.person, nominator=nominator, nominee_region="LAC"
    )
    NominationFactory(call=plain, state=S.SHORTLISTED, nominator=nominator, nominee_region="")
    NominationFactory(call=plain, state=S.INVITED)  # not yet consented: the nominator's and staff's only
    question = CallQuestionFactory(call=anonymised)
    hidden.answers.create(question=question, value="Because.")
    hidden.observed.create(competency=CompetencyFactory(slug="budgeting"), level=3)
    hidden.observed.create(competency=CompetencyFactory(slug="advocacy"), level=None)
    users = {"reviewer": reviewer, "nominator": nominator, "nominee": nominee}
    user = users.get(reader) or request.getfixturevalue(reader)

    rows = list_rows(as_user(user).get(LIST))

    full = Nomination.objects.select_related("call", "role", "person").prefetch_related("answers", "observed")
    expected = [
        nomination.pk for nomination in full if user.has_perm("nominations.view_nomination", nomination)
    ]
    assert [json.loads(row)["id"] for row in rows] == expected
    assert rows == [drf_row(NominationSerializer, full.get(pk=pk), path=LIST, user=user) for pk in expected]
    assert [json.loads(row)["names_hidden"] for row in rows if json.loads(row)["id"] == hidden.pk] == (
        [reader == "reviewer"] if hidden.pk in expected else []
    )
