"""The roles app's models, one module per part of the domain."""

from .accounts import AccountSession
from .competencies import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    PersonCompetency,
    ProficiencyLevel,
)
from .organizations import Language, Membership, MembershipRequest, Organization, Person, Region
from .roles import Role, RoleHolder, RoleRequirement, RoleTemplate, TemplateRequirement

__all__ = [
    "AccountSession",
    "Competency",
    "CompetencyCategory",
    "CompetencyLevelDescriptor",
    "Language",
    "Membership",
    "MembershipRequest",
    "Organization",
    "Person",
    "PersonCompetency",
    "ProficiencyLevel",
    "Region",
    "Role",
    "RoleHolder",
    "RoleRequirement",
    "RoleTemplate",
    "TemplateRequirement",
]
