"""Organizers manage who holds a role: add, end, edit and delete terms through the holder services."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roles import services
from roles.enums import Capacity
from roles.models import Person, Role, RoleHolder
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.registry import RoleFactory

pytestmark = pytest.mark.django_db

ACTOR_STATUSES = [
    (None, 302),
    ("plain_user", 403),
    ("organizer_a", 200),
    ("organizer_b", 403),
    ("hub_coordinator_a", 403),
    ("staff_user", 200),
]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def role(org_a):
    return RoleFactory(organization=org_a, title="Board member", seats=2)


@pytest.fixture
def member(org_a):
    person = PersonFactory(display_name="Mira Member", is_public=False)
    MembershipFactory(person=person, organization=org_a, capacity=Capacity.MEMBER)
    return person


def holders_url(role) -> str:
    return reverse("roles:role_holders", args=[role.pk])


def term(**fields) -> dict:
    return {"seat": "1", "start": "2025-01-01", "end": "", "term_number": "", **fields}


@pytest.mark.parametrize(("actor", "status"), ACTOR_STATUSES)
def test_role_holders_page_by_actor(client, role, request, actor, status):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    assert client.get(holders_url(role)).status_code == status


@pytest.mark.parametrize(("actor", "status"), ACTOR_STATUSES)
def test_role_holders_add_by_actor(client, role, member, request, actor, status):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    response = client.post(holders_url(role), term(person=str(member.pk)))

    assert response.status_code == (302 if status == 200 else status)
    assert RoleHolder.objects.filter(role=role).exists() is (status == 200)


def test_role_holders_person_choices_are_members_and_past_holders_of_the_organization(
    client, role, member, org_b, organizer_a
):
    former = PersonFactory(display_name="Fay Former")
    services.holder_add(
        role=RoleFactory(organization=role.organization),
        person=former,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    MembershipFactory(person=PersonFactory(display_name="Otto Other"), organization=org_b)
    client.force_login(organizer_a)

    response = client.get(holders_url(role))

    labels = [label for value, label in response.context["form"].fields["person"].choices if value]
    assert labels == ["Fay Former", "Mira Member", "organizer-a"]


def test_role_holders_add_an_existing_member(client, role, member, organizer_a):
    client.force_login(organizer_a)

    response = client.post(holders_url(role), term(person=str(member.pk), seat="2"))

    holder = RoleHolder.objects.get()
    assert response["Location"] == holders_url(role)
    assert (holder.person, holder.seat, holder.start, holder.end, holder.term_number) == (
        member,
        2,
        datetime.date(2025, 1, 1),
        None,
        1,
    )
    assert Role.objects.get(pk=role.pk).filled_seats == 1
    assert messages_of(response) == ["The term on seat 2 was added."]


def test_role_holders_add_a_new_person_without_an_account(client, role, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        holders_url(role),
        term(new_name="Nadia New", new_email="Nadia@Example.org", new_username="Nadia N", seat=""),
    )

    assert response.status_code == 302
    person = Person.objects.get(display_name="Nadia New")
    assert (person.user, person.email, person.wikimedia_username, person.is_public) == (
        None,
        "nadia@example.org",
        "Nadia N",
        False,
    )
    assert RoleHolder.objects.get().person == person


def test_role_holders_new_person_with_a_known_wikimedia_username_is_not_duplicated(client, role, organizer_a):
    known = PersonFactory(display_name="Known", wikimedia_username="Known user")
    client.force_login(organizer_a)

    client.post(holders_url(role), term(new_name="Someone", new_username="Known user"))

    assert RoleHolder.objects.get().person == known
    assert Person.objects.filter(wikimedia_username="Known user").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "person", "Choose a person or give the name of a new one."),
        ({"new_username": "bad|name", "new_name": "X"}, "new_username", None),
        ({"new_name": "X", "new_email": "not-an-email"}, "new_email", "Enter a valid email address."),
        ({"new_name": "X", "seat": "3"}, "seat", "Choose a seat between 1 and 2."),
        ({"new_name": "X", "seat": "0"}, "seat", "Ensure this value is greater than or equal to 1."),
        ({"new_name": "X", "start": "not a date"}, "start", "Enter a valid date."),
        (
            {"new_name": "X", "start": "2025-01-01", "end": "2024-01-01"},
            "end",
            "The end of a term cannot come before its start.",
        ),
    ],
)
def test_role_holders_add_with_bad_input_re_renders_with_the_data(
    client, role, organizer_a, data, field, message
):
    client.force_login(organizer_a)

    response = client.post(holders_url(role), term(**data))

    assert response.status_code == 200
    assert RoleHolder.objects.count() == 0
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    else:
        assert len(errors) == 1
    if data.get("new_name"):
        assert 'value="X"' in response.content.decode()


def test_role_holders_add_with_both_a_person_and_a_new_name_is_refused(client, role, member, organizer_a):
    client.force_login(organizer_a)

    response = client.post(holders_url(role), term(person=str(member.pk), new_name="Someone"))

    assert response.context["form"].non_field_errors() == [
        "Choose a person from the list or give a new person's name, not both."
    ]
    assert Person.objects.filter(display_name="Someone").count() == 0


def test_role_holders_overlapping_term_is_refused_with_the_data_kept(client, role, member, organizer_a):
    services.holder_add(role=role, person=PersonFactory(), seat=1, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    response = client.post(f"/fr/roles/{role.pk}/holders/", term(person=str(member.pk), start="2025-03-01"))

    assert response.status_code == 200
    assert RoleHolder.objects.count() == 1
    assert len(response.context["form"].errors["start"]) == 1
    assert 'value="2025-03-01"' in response.content.decode()
    assert Person.objects.filter(pk=member.pk).exists()


def test_role_holders_new_person_is_not_created_when_the_term_is_refused(client, role, organizer_a):
    services.holder_add(role=role, person=PersonFactory(), seat=1, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    client.post(holders_url(role), term(new_name="Nadia New", start="2025-03-01"))

    assert Person.objects.filter(display_name="Nadia New").count() == 0


def test_role_holders_end_a_term(client, role, member, organizer_a):
    holder = services.holder_add(role=role, person=member, seat=1, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:role_holder_end", args=[role.pk, holder.pk]), {f"end{holder.pk}-end": "2025-06-30"}
    )

    holder.refresh_from_db()
    assert response["Location"] == holders_url(role)
    assert holder.end == datetime.date(2025, 6, 30)
    assert Role.objects.get(pk=role.pk).filled_seats == 0
    assert messages_of(response) == ["The term was ended."]


def test_role_holders_end_before_start_shows_the_error(client, role, member, organizer_a):
    holder = services.holder_add(role=role, person=member, seat=1, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:role_holder_end", args=[role.pk, holder.pk]), {f"end{holder.pk}-end": "2023-01-01"}
    )

    holder.refresh_from_db()
    assert holder.end is None
    assert messages_of(response) == ["The end of a term cannot come before its start."]


@pytest.mark.parametrize(("actor", "status"), ACTOR_STATUSES)
def test_role_holder_edit_by_actor(client, role, member, request, actor, status):
    holder = services.holder_add(role=role, person=member, seat=1, start=datetime.date(2024, 1, 1))
    if actor:
        client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("roles:role_holder_edit", args=[role.pk, holder.pk])).status_code == status
    end = client.post(reverse("roles:role_holder_end", args=[role.pk, holder.pk]), {})
    assert end.status_code == (302 if status == 200 else status)


def test_role_holder_edit_saves_and_refuses_an_overlap(client, role, member, organizer_a):
    first = services.holder_add(role=role, person=member, seat=1, start=datetime.date(2024, 1, 1))
    second = services.holder_add(role=role, person=PersonFactory(), seat=2, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)
    url = reverse("roles:role_holder_edit", args=[role.pk, second.pk])

    refused = client.post(url, {"seat": "1", "start": "2024-06-01", "end": "", "term_number": "1"})
    saved = client.post(url, {"seat": "2", "start": "2024-02-01", "end": "2026-01-01", "term_number": "2"})

    assert refused.status_code == 200
    assert len(refused.context["form"].errors["start"]) == 1
    assert 'value="2024-06-01"' in refused.content.decode()
    second.refresh_from_db()
    assert saved.status_code == 302
    assert (second.seat, second.start, second.end, second.term_number) == (
        2,
        datetime.date(2024, 2, 1),
        datetime.date(2026, 1, 1),
        2,
    )
    first.refresh_from_db()
    assert first.seat == 1


def test_role_holder_of_another_role_is_not_found(client, role, member, organizer_a):
    other = RoleFactory(organization=role.organization)
    holder = services.holder_add(role=other, person=member, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    assert client.get(reverse("roles:role_holder_edit", args=[role.pk, holder.pk])).status_code == 404


@pytest.mark.parametrize(("actor", "status"), ACTOR_STATUSES)
def test_role_holder_delete_by_actor(client, role, member, request, actor, status):
    holder = services.holder_add(role=role, person=member, seat=1, start=datetime.date(2024, 1, 1))
    if actor:
        client.force_login(request.getfixturevalue(actor))
    url = reverse("roles:role_holder_delete", args=[role.pk, holder.pk])

    assert client.get(url).status_code == status
    response = client.post(url)

    assert response.status_code == (302 if status == 200 else status)
    assert RoleHolder.objects.filter(pk=holder.pk).exists() is (status != 200)


def test_role_holder_delete_frees_the_seat(client, role, member, organizer_a):
    holder = services.holder_add(role=role, person=member, seat=1, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    response = client.post(reverse("roles:role_holder_delete", args=[role.pk, holder.pk]))

    assert Role.objects.get(pk=role.pk).filled_seats == 0
    assert messages_of(response) == ["The term was deleted."]


@pytest.mark.parametrize("count", [1, 3])
def test_role_holders_page_queries_are_constant(client, org_a, organizer_a, django_assert_num_queries, count):
    role = RoleFactory(organization=org_a, seats=3)
    for n in range(count):
        person = PersonFactory()
        MembershipFactory(person=person, organization=org_a)
        services.holder_add(role=role, person=person, seat=n + 1, start=datetime.date(2024, 1, 1))
    client.force_login(organizer_a)

    # session, user, capacities, role, people to choose from, terms, the header's person
    with django_assert_num_queries(7):
        response = client.get(holders_url(role))

    assert len(response.context["holders"]) == count
