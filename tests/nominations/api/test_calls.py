"""The public calls endpoint: exact JSON, filters, bad filters, query counts."""

import datetime

import pytest
from django.utils import timezone

from tests.factories.nominations import CallQuestionFactory, NominationCallFactory, ScoringCriterionFactory
from tests.factories.registry import RoleFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/nomination-calls/"


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def make_calls(org, count):
    calls = []
    for _ in range(count):
        call = NominationCallFactory(organization=org, roles=[RoleFactory(organization=org)])
        CallQuestionFactory(call=call)
        ScoringCriterionFactory(call=call)
        calls.append(call)
    return calls


@pytest.mark.parametrize("count", [1, 3])
def test_call_list_runs_constant_queries(api_client, org_a, count, django_assert_num_queries):
    make_calls(org_a, count)
    with django_assert_num_queries(5):
        response = api_client.get(LIST)
    assert (response.status_code, response.json()["count"]) == (200, count)


def test_call_detail_exact_json_in_the_requested_language(api_client, org_a):
    role = RoleFactory(organization=org_a, title="Chair", title_en="Chair", title_fr="Présidence")
    call = NominationCallFactory(
        organization=org_a, title="Board", title_en="Board", title_fr="Conseil", roles=[role], closes_at=None
    )
    question = CallQuestionFactory(
        call=call, text="Why?", text_en="Why?", text_fr="Pourquoi ?", required=True
    )
    criterion = ScoringCriterionFactory(call=call, name="Vision", name_en="Vision", weight=3)

    response = api_client.get(f"{LIST}{call.pk}/", {"lang": "fr"})

    assert response.json() == {
        "id": call.pk,
        "title": "Conseil",
        "text": "Tell us who could lead.",
        "organization": "wikimedia-alpha",
        "roles": [{"id": role.pk, "title": "Présidence"}],
        "is_standing": False,
        "opens_at": iso(call.opens_at),
        "closes_at": None,
        "is_open": True,
        "anonymised_review": False,
        "reviewing_open": True,
        "retention_days": 90,
        "questions": [
            {
                "id": question.pk,
                "text": "Pourquoi ?",
                "kind": "text",
                "choices": [],
                "required": True,
                "position": question.position,
            }
        ],
        "criteria": [{"id": criterion.pk, "name": "Vision", "weight": 3, "position": criterion.position}],
    }


def test_call_list_filters_open_and_organization(api_client, org_a, org_b):
    open_a = NominationCallFactory(organization=org_a)
    closed_a = NominationCallFactory(
        organization=org_a,
        opens_at=timezone.now() - datetime.timedelta(days=20),
        closes_at=timezone.now() - datetime.timedelta(days=10),
    )
    open_b = NominationCallFactory(organization=org_b)

    def ids(**params):
        return sorted(item["id"] for item in api_client.get(LIST, params).json()["results"])

    assert ids(open="true") == sorted([open_a.pk, open_b.pk])
    assert ids(open="false") == [closed_a.pk]
    assert ids(organization="wikimedia-alpha") == sorted([open_a.pk, closed_a.pk])


def test_call_list_rejects_a_bad_filter(api_client):
    response = api_client.get(LIST, {"open": "perhaps"})
    assert (response.status_code, response.json()) == (400, {"open": ["Enter true or false."]})


def test_calls_are_read_only(api_client, staff_user):
    api_client.force_authenticate(staff_user)
    response = api_client.post(LIST, {"title": "x"}, format="json")
    assert response.status_code == 405
