"""Role holders: who sees which terms, filters, query counts, and writes by the organizers of the role."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from roles import services
from roles.models import RoleHolder
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.registry import RoleFactory, RoleHolderFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/role-holders/"


def iso(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def chair(org_a):
    return RoleFactory(organization=org_a, title="Chair", title_en="Chair", title_fr="Présidence", seats=2)


@pytest.fixture
def terms(chair, org_b):
    """A public holder's running term, a private holder's past term, and a term on a role of org B."""
    public = PersonFactory(display_name="Ada Public", is_public=True)
    private = PersonFactory(display_name="Pat Private", is_public=False)
    running = services.holder_add(role=chair, person=public, start=datetime.date(2025, 1, 1))
    past = services.holder_add(
        role=chair, person=private, seat=2, start=datetime.date(2022, 1, 1), end=datetime.date(2024, 1, 1)
    )
    elsewhere = services.holder_add(
        role=RoleFactory(organization=org_b, title="Treasurer", title_en="Treasurer"),
        person=PersonFactory(display_name="Bea Beta", is_public=True),
        start=datetime.date(2025, 6, 1),
    )
    return {"running": running, "past": past, "elsewhere": elsewhere, "public": public, "private": private}


def test_holder_list_anonymous_exact_json(api_client, terms, chair):
    running = terms["running"]

    response = api_client.get(LIST, {"role": chair.pk})

    assert response.status_code == 200
    assert response.json() == {
        "next": None,
        "previous": None,
        "results": [
            {
                "url": f"http://testserver/api/v1/role-holders/{running.pk}/",
                "id": running.pk,
                "role": chair.pk,
                "role_title": "Chair",
                "organization": "wikimedia-alpha",
                "person": terms["public"].pk,
                "person_name": "Ada Public",
                "seat": 1,
                "start": "2025-01-01",
                "end": None,
                "term_number": 1,
                "is_current": True,
                "created_at": iso(running.created_at),
                "updated_at": iso(running.updated_at),
            }
        ],
    }


@pytest.mark.parametrize(
    ("actor", "visible"),
    [
        (None, ["running", "elsewhere"]),
        ("plain_user", ["running", "elsewhere"]),
        ("hub_coordinator_a", ["running", "elsewhere"]),
        ("organizer_b", ["running", "elsewhere"]),
        ("organizer_a", ["running", "past", "elsewhere"]),
        ("staff_user", ["running", "past", "elsewhere"]),
    ],
)
def test_holder_list_private_holders_only_for_organizers_and_staff(
    request, api_client, signed_in, terms, actor, visible
):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.get(LIST)

    assert ids(response) == [terms[name].pk for name in visible]


@pytest.mark.parametrize(("actor", "status"), [(None, 404), ("organizer_b", 404), ("organizer_a", 200)])
def test_holder_detail_private_holder(request, api_client, signed_in, terms, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.get(f"{LIST}{terms['past'].pk}/")

    assert response.status_code == status
    if status == 200:
        assert (response.json()["person_name"], response.json()["is_current"]) == ("Pat Private", False)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organization": "wikimedia-beta"}, ["elsewhere"]),
        ({"organization": "wikimedia-alpha"}, ["running", "past"]),
        ({"current": "true"}, ["running", "elsewhere"]),
        ({"current": "false"}, ["past"]),
        ({"current": "true", "organization": "wikimedia-alpha"}, ["running"]),
    ],
)
def test_holder_list_filters(signed_in, staff_user, terms, params, expected):
    response = signed_in(staff_user).get(LIST, params)

    assert (response.status_code, ids(response)) == (200, [terms[name].pk for name in expected])


def test_holder_list_filter_role_and_person(api_client, terms, chair):
    by_role = api_client.get(LIST, {"role": chair.pk})
    by_person = api_client.get(LIST, {"person": terms["public"].pk})

    assert (ids(by_role), ids(by_person)) == ([terms["running"].pk], [terms["running"].pk])


def test_holder_list_ordering_by_start(api_client, terms):
    response = api_client.get(LIST, {"ordering": "-start"})

    assert ids(response) == [terms["elsewhere"].pk, terms["running"].pk]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        (
            {"role": "999999"},
            {"role": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"role": "chair"},
            {"role": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"organization": "nowhere"},
            {"organization": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"current": "sometimes"}, {"current": ["Enter true or false."]}),
        ({"person": "someone"}, {"person": ["Enter a number."]}),
        ({"ordering": "end"}, {"ordering": ["Choose one of: id, -id, start, -start."]}),
    ],
)
def test_holder_list_bad_parameters_are_400(api_client, terms, params, errors):
    response = api_client.get(LIST, params)

    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize("count", [1, 3])
def test_holder_list_query_count_constant_anonymous(api_client, django_assert_num_queries, chair, count):
    for _ in range(count):
        RoleHolderFactory(
            role=RoleFactory(organization=chair.organization), person=PersonFactory(is_public=True)
        )

    # the page: terms with their role, organisation and person joined
    with django_assert_num_queries(1):
        response = api_client.get(LIST)

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_holder_list_query_count_constant_organizer(
    api_client, django_assert_num_queries, organizer_a, chair, count
):
    for _ in range(count):
        RoleHolderFactory(
            role=RoleFactory(organization=chair.organization), person=PersonFactory(is_public=False)
        )
    api_client.force_authenticate(organizer_a)

    # the organizer's memberships (once per request), then the page
    with django_assert_num_queries(2):
        response = api_client.get(LIST)

    assert len(response.json()["results"]) == count


# --- Writes --------------------------------------------------------------------------------------------


def test_holder_create_organizer(signed_in, organizer_a, chair):
    person = PersonFactory(display_name="New Holder", is_public=True)

    response = signed_in(organizer_a).post(
        LIST, {"role": chair.pk, "person": person.pk, "start": "2025-03-01"}, format="json"
    )

    assert response.status_code == 201
    holder = RoleHolder.objects.get()
    assert {
        key: response.json()[key] for key in ("person", "person_name", "seat", "start", "end", "term_number")
    } == {
        "person": person.pk,
        "person_name": "New Holder",
        "seat": 1,
        "start": "2025-03-01",
        "end": None,
        "term_number": 1,
    }
    assert response["Location"] == f"http://testserver/api/v1/role-holders/{holder.pk}/"
    chair.refresh_from_db()
    assert chair.filled_seats == 1


def test_holder_create_private_member_of_the_organization(signed_in, organizer_a, chair):
    member = PersonFactory(display_name="Quiet Member", is_public=False)
    MembershipFactory(person=member, organization=chair.organization)

    response = signed_in(organizer_a).post(
        LIST, {"role": chair.pk, "person": member.pk, "start": "2025-03-01", "seat": 2}, format="json"
    )

    assert (response.status_code, response.json()["person_name"], response.json()["seat"]) == (
        201,
        "Quiet Member",
        2,
    )


def test_holder_create_private_stranger_answers_as_missing(signed_in, organizer_a, chair):
    stranger = PersonFactory(is_public=False)

    response = signed_in(organizer_a).post(
        LIST, {"role": chair.pk, "person": stranger.pk, "start": "2025-03-01"}, format="json"
    )
    missing = signed_in(organizer_a).post(
        LIST, {"role": chair.pk, "person": 999999, "start": "2025-03-01"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"person": [f'Invalid pk "{stranger.pk}" - object does not exist.']},
    )
    assert (missing.status_code, missing.json()) == (
        400,
        {"person": ['Invalid pk "999999" - object does not exist.']},
    )


def test_holder_create_with_token(api_client, organizer_a, chair):
    token = Token.objects.create(user=organizer_a)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.post(
        LIST, {"role": chair.pk, "person": PersonFactory().pk, "start": "2025-03-01"}, format="json"
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 401),
        ("plain_user", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("organizer_a", 201),
        ("staff_user", 201),
    ],
)
def test_holder_create_permissions(request, api_client, signed_in, chair, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.post(
        LIST, {"role": chair.pk, "person": PersonFactory().pk, "start": "2025-03-01"}, format="json"
    )

    assert (response.status_code, RoleHolder.objects.count()) == (status, 1 if status == 201 else 0)


def test_holder_create_forbidden_message(signed_in, organizer_b, chair):
    response = signed_in(organizer_b).post(
        LIST, {"role": chair.pk, "person": PersonFactory().pk, "start": "2025-03-01"}, format="json"
    )

    assert response.json() == {
        "detail": "Only the organizers of the role's organisation can add holders to it."
    }


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"start": "2025-06-01"},
            {
                "start": [
                    "Another term on this seat overlaps these dates: end it first or choose another seat."
                ]
            },
        ),
        (
            {"start": "2024-01-01", "end": "2025-02-01"},
            {
                "start": [
                    "Another term on this seat overlaps these dates: end it first or choose another seat."
                ]
            },
        ),
        ({"seat": 3}, {"seat": ["Choose a seat between 1 and 2."]}),
        ({"seat": 0}, {"seat": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"end": "2024-12-31", "start": "2025-06-01"},
            {"end": ["The end of a term cannot come before its start."]},
        ),
        (
            {"start": "yesterday"},
            {"start": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
        ),
        ({"start": None}, {"start": ["This field may not be null."]}),
        ({"role": 999999}, {"role": ['Invalid pk "999999" - object does not exist.']}),
        ({"role": "chair"}, {"role": ["Incorrect type. Expected pk value, received str."]}),
        ({"term_number": 0}, {"term_number": ["Ensure this value is greater than or equal to 1."]}),
    ],
)
def test_holder_create_bad_input_is_400(signed_in, organizer_a, chair, terms, change, errors):
    before = RoleHolder.objects.count()
    data = {"role": chair.pk, "person": PersonFactory().pk, "seat": 1, "start": "2025-03-01", **change}

    response = signed_in(organizer_a).post(LIST, data, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert RoleHolder.objects.count() == before


def test_holder_create_every_seat_taken_is_400(signed_in, organizer_a, chair, terms):
    services.holder_add(role=chair, person=PersonFactory(), seat=2, start=datetime.date(2025, 1, 1))

    response = signed_in(organizer_a).post(
        LIST, {"role": chair.pk, "person": PersonFactory().pk, "start": "2025-03-01"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"seat": ["Every seat of this role is taken on that date."]},
    )


def test_holder_partial_update_ends_term(signed_in, organizer_a, terms, chair):
    running = terms["running"]
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    response = signed_in(organizer_a).patch(f"{LIST}{running.pk}/", {"end": yesterday}, format="json")

    assert (response.status_code, response.json()["end"], response.json()["start"]) == (
        200,
        yesterday,
        "2025-01-01",
    )
    assert response.json()["is_current"] is False
    chair.refresh_from_db()
    assert chair.filled_seats == 0


def test_holder_update_overlap_is_400(signed_in, organizer_a, terms):
    past = terms["past"]

    response = signed_in(organizer_a).put(
        f"{LIST}{past.pk}/", {"seat": 1, "start": "2022-01-01", "end": "2025-06-01"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"start": ["Another term on this seat overlaps these dates: end it first or choose another seat."]},
    )


def test_holder_update_put_without_end_reopens_the_term(signed_in, staff_user, terms):
    past = terms["past"]

    response = signed_in(staff_user).put(
        f"{LIST}{past.pk}/", {"seat": 2, "start": "2022-01-01", "term_number": 3}, format="json"
    )

    assert (response.status_code, response.json()["end"], response.json()["term_number"]) == (200, None, 3)


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 401),
        ("plain_user", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("organizer_a", 200),
        ("staff_user", 200),
    ],
)
def test_holder_update_permissions(request, api_client, signed_in, terms, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.patch(f"{LIST}{terms['running'].pk}/", {"term_number": 2}, format="json")

    terms["running"].refresh_from_db()
    assert (response.status_code, terms["running"].term_number) == (status, 2 if status == 200 else 1)


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 401),
        ("plain_user", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("organizer_a", 204),
        ("staff_user", 204),
    ],
)
def test_holder_delete_permissions(request, api_client, signed_in, terms, chair, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client

    response = client.delete(f"{LIST}{terms['running'].pk}/")

    chair.refresh_from_db()
    assert (response.status_code, RoleHolder.objects.filter(pk=terms["running"].pk).exists()) == (
        status,
        status != 204,
    )
    assert chair.filled_seats == (0 if status == 204 else 1)


def test_holder_delete_private_term_by_outsider_is_404(signed_in, organizer_b, terms):
    response = signed_in(organizer_b).delete(f"{LIST}{terms['past'].pk}/")

    assert (response.status_code, RoleHolder.objects.filter(pk=terms["past"].pk).exists()) == (404, True)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.dates().map(str) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=5,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.dictionaries(
        st.sampled_from(["role", "person", "seat", "start", "end", "term_number"]), json_values, max_size=3
    )
)
def test_holder_create_any_json_never_500(organizer_a, chair, changes):
    client = APIClient()
    client.force_login(organizer_a, backend="django.contrib.auth.backends.ModelBackend")
    cache.clear()
    RoleHolder.objects.all().delete()
    data = {"role": chair.pk, "person": PersonFactory().pk, "start": "2025-03-01", **changes}

    response = client.post(LIST, json.dumps(data), content_type="application/json")

    assert response.status_code in (201, 400, 403)
