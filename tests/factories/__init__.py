"""One factory_boy factory per model."""

from .roles import (
    LanguageFactory,
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    region,
)

__all__ = [
    "LanguageFactory",
    "MembershipFactory",
    "MembershipRequestFactory",
    "OrganizationFactory",
    "PersonFactory",
    "UserFactory",
    "region",
]
