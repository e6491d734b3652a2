"""The suite's named organisations and accounts.

tests/conftest.py's fixtures of the same names make them through these functions, and so do the
authorization matrices, whose world is built once per module where function-scoped fixtures cannot reach.
"""

from django.contrib.auth.models import AbstractBaseUser

from roles.enums import Capacity
from roles.models import Organization

from .roles import MembershipFactory, OrganizationFactory, UserFactory


def org_a() -> Organization:
    return OrganizationFactory(name="Wikimedia Alpha", name_en="Wikimedia Alpha", slug="wikimedia-alpha")


def org_b() -> Organization:
    return OrganizationFactory(name="Wikimedia Beta", name_en="Wikimedia Beta", slug="wikimedia-beta")


def member(organization: Organization, capacity: str, username: str) -> AbstractBaseUser:
    user = UserFactory(username=username)
    MembershipFactory(person=user.person, organization=organization, capacity=capacity)
    return user


def plain_user() -> AbstractBaseUser:
    return UserFactory(username="plain")


def organizer_a(org_a: Organization) -> AbstractBaseUser:
    return member(org_a, Capacity.ORGANIZER, "organizer-a")


def organizer_b(org_b: Organization) -> AbstractBaseUser:
    return member(org_b, Capacity.ORGANIZER, "organizer-b")


def hub_coordinator_a(org_a: Organization) -> AbstractBaseUser:
    return member(org_a, Capacity.HUB_COORDINATOR, "hubcoord-a")


def staff_user() -> AbstractBaseUser:
    return UserFactory(username="staff", is_staff=True, is_superuser=True)
