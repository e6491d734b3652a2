"""Every list runs a constant number of queries, whatever its length (1 and 3 items, same literal count)."""

import pytest
from django.urls import reverse

from roles.enums import Capacity, MembershipRequestKind, OrganizationKind
from tests.factories import MembershipFactory, MembershipRequestFactory, OrganizationFactory, PersonFactory
from tests.factories.roles import language

pytestmark = pytest.mark.django_db


def make_organizations(count: int) -> None:
    hub = OrganizationFactory(name="Zeta Hub", kind=OrganizationKind.REGIONAL_HUB)
    for n in range(count - 1):
        organization = OrganizationFactory(name=f"Chapter {n}")
        organization.languages.add(language("fr"), language("de"))
        organization.hubs.add(hub)
        MembershipFactory(organization=organization)


@pytest.mark.parametrize("count", [1, 3])
def test_organization_list_queries_are_constant(client, django_assert_num_queries, count):
    make_organizations(count)

    # organisations page + count, their languages, the regions of the filter form
    with django_assert_num_queries(4):
        response = client.get(reverse("roles:organization_list"))

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_organization_list_htmx_queries_are_constant(client, django_assert_num_queries, count):
    make_organizations(count)

    # organisations page + count, their languages (the filter form is not in the partial)
    with django_assert_num_queries(3):
        response = client.get(reverse("roles:organization_list"), {"q": "a"}, headers={"HX-Request": "true"})

    assert len(response.context["object_list"]) == count


def add_members(organization, count: int) -> None:
    for n in range(count):
        MembershipFactory(organization=organization, person=PersonFactory(display_name=f"Member {n}"))


@pytest.mark.parametrize("count", [1, 3])
def test_organization_detail_member_list_queries_are_constant(
    client, org_a, django_assert_num_queries, count
):
    add_members(org_a, count)
    for n in range(count):
        org_a.hubs.add(OrganizationFactory(kind=OrganizationKind.THEMATIC_HUB, name=f"Hub {n}"))
        org_a.languages.add(language(["fr", "es", "ar"][n]))

    # organisation, languages, hubs, served organisations, members
    with django_assert_num_queries(5):
        response = client.get(reverse("roles:organization_detail", args=[org_a.slug]))

    assert len(response.context["members"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_organization_detail_as_organizer_queries_are_constant(
    client, org_a, organizer_a, django_assert_num_queries, count
):
    add_members(org_a, count)
    client.force_login(organizer_a)

    # session, user, organisation, languages, hubs, served, capacities, person, pending request, members
    with django_assert_num_queries(10):
        response = client.get(reverse("roles:organization_detail", args=[org_a.slug]))

    assert len(response.context["members"]) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_organization_members_page_queries_are_constant(
    client, org_a, organizer_a, django_assert_num_queries, count
):
    add_members(org_a, count)
    for n in range(count):
        MembershipRequestFactory(organization=org_a, person=PersonFactory(display_name=f"Asker {n}"))
        MembershipRequestFactory(
            organization=org_a,
            kind=MembershipRequestKind.INVITATION,
            person=None,
            email=f"guest{n}@example.org",
            created_by=organizer_a.person,
            capacity=Capacity.HUB_COORDINATOR,
        )
    client.force_login(organizer_a)

    # session, user, capacities, organisation, members, requests, invitations, person (page header)
    with django_assert_num_queries(8):
        response = client.get(reverse("roles:organization_members", args=[org_a.slug]))

    assert len(response.context["rows"]) == count + 1
    assert len(response.context["requests"]) == count
    assert len(response.context["invitations"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_me_page_queries_are_constant(client, plain_user, django_assert_num_queries, count):
    for n in range(count):
        MembershipFactory(person=plain_user.person, organization=OrganizationFactory(name=f"Org {n}"))
        MembershipRequestFactory(person=plain_user.person)
        MembershipRequestFactory(
            kind=MembershipRequestKind.INVITATION, person=None, email="plain@example.org"
        )
    client.force_login(plain_user)

    # session, user, person, its languages, verified emails, invitations, regions and languages of the
    # form, memberships, capacities, requests
    with django_assert_num_queries(11):
        response = client.get(reverse("roles:me"))

    assert len(response.context["memberships"]) == count
