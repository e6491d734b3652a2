"""Object permissions of organisations, people and memberships, as django-rules predicates.

Used by views (permission_required), templates ({% has_perm %}) and the API (RulesPermission) alike.
Other apps build on `org_capacity`, `is_staff` and `is_authenticated` from here.
"""

from __future__ import annotations

from typing import Any

import rules
from rules import always_allow, is_authenticated

from .enums import Capacity, OrganizationStatus

__all__ = ["always_allow", "is_authenticated"]

_CACHE_ATTR = "_leadership_capacities"


def org_capacities(user: Any) -> dict[int, str]:
    """{organisation id: capacity} for a user, read once per user object (that is, once per request)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .models import Membership

        cached = dict(Membership.objects.filter(person__user=user).values_list("organization_id", "capacity"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_capacities(user: Any) -> None:
    """Drop the per-request cache after a change of the user's memberships."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def org_capacity(user: Any, organization_id: int | None) -> str | None:
    if organization_id is None:
        return None
    return org_capacities(user).get(organization_id)


@rules.predicate
def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False) and user.is_active)


@rules.predicate
def is_org_organizer(user: Any, organization: Any) -> bool:
    return organization is not None and org_capacity(user, organization.pk) == Capacity.ORGANIZER


@rules.predicate
def is_org_hub_coordinator(user: Any, organization: Any) -> bool:
    return organization is not None and org_capacity(user, organization.pk) == Capacity.HUB_COORDINATOR


@rules.predicate
def is_org_member(user: Any, organization: Any) -> bool:
    return organization is not None and org_capacity(user, organization.pk) is not None


@rules.predicate
def is_org_listed(user: Any, organization: Any) -> bool:
    return organization is not None and organization.status == OrganizationStatus.APPROVED


@rules.predicate
def is_org_proposer(user: Any, organization: Any) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return organization is not None and person is not None and organization.proposed_by_id == person.pk


can_view_organization = is_org_listed | is_org_member | is_org_proposer | is_staff
can_join_organization = is_authenticated & is_org_listed & ~is_org_member


@rules.predicate
def is_person_self(user: Any, person: Any) -> bool:
    return person is not None and getattr(user, "is_authenticated", False) and person.user_id == user.pk


@rules.predicate
def is_person_public(user: Any, person: Any) -> bool:
    return person is not None and person.is_public


can_view_person = is_person_public | is_person_self | is_staff


@rules.predicate
def is_membership_org_organizer(user: Any, membership: Any) -> bool:
    return membership is not None and org_capacity(user, membership.organization_id) == Capacity.ORGANIZER


@rules.predicate
def is_membership_self(user: Any, membership: Any) -> bool:
    return (
        membership is not None
        and getattr(user, "is_authenticated", False)
        and membership.person.user_id == user.pk
    )


@rules.predicate
def is_membership_public(user: Any, membership: Any) -> bool:
    return membership is not None and membership.person.is_public


can_view_membership = is_membership_public | is_membership_self | is_membership_org_organizer | is_staff


@rules.predicate
def is_request_org_organizer(user: Any, request: Any) -> bool:
    return request is not None and org_capacity(user, request.organization_id) == Capacity.ORGANIZER


@rules.predicate
def is_request_addressee(user: Any, request: Any) -> bool:
    """The person an invitation is for (by person, verified email or Wikimedia username)."""
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    person = getattr(user, "person", None)
    if person is None:
        return False
    if request.person_id is not None:
        return request.person_id == person.pk
    if request.wikimedia_username and request.wikimedia_username == person.wikimedia_username:
        return True
    if request.email:
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=user, email__iexact=request.email, verified=True).exists()
    return False


@rules.predicate
def is_invitation(user: Any, request: Any) -> bool:
    return request is not None and request.kind == "invitation"


# Organizers decide on requests to join; the invited person decides on an invitation.
can_decide_membership_request = (~is_invitation & (is_request_org_organizer | is_staff)) | (
    is_invitation & is_request_addressee
)


@rules.predicate
def is_own_request(user: Any, request: Any) -> bool:
    """The person who asked to join (for a request; an invitation belongs to its organisation)."""
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    person = getattr(user, "person", None)
    return person is not None and request.person_id == person.pk


# Organizers withdraw their organisation's invitations; people withdraw their own requests to join.
can_cancel_membership_request = (is_invitation & (is_request_org_organizer | is_staff)) | (
    ~is_invitation & is_own_request
)

rules.add_perm("roles.cancel_membershiprequest", can_cancel_membership_request)


# --- Competencies, roles, requirements and holders -----------------------------------------------------


@rules.predicate
def is_person_competency_owner(user: Any, record: Any) -> bool:
    """A person edits their own self-assessment, never the levels others recorded for them."""
    return (
        record is not None
        and getattr(user, "is_authenticated", False)
        and record.source == "self"
        and record.person.user_id == user.pk
    )


@rules.predicate
def is_person_competency_public(user: Any, record: Any) -> bool:
    return record is not None and record.person.is_public


can_view_person_competency = is_person_competency_public | is_person_competency_owner | is_staff


@rules.predicate
def is_role_organizer(user: Any, role: Any) -> bool:
    return role is not None and org_capacity(user, role.organization_id) == Capacity.ORGANIZER


@rules.predicate
def is_requirement_organizer(user: Any, requirement: Any) -> bool:
    return requirement is not None and is_role_organizer(user, requirement.role)


@rules.predicate
def is_holder_organizer(user: Any, holder: Any) -> bool:
    return holder is not None and org_capacity(user, holder.role.organization_id) == Capacity.ORGANIZER


@rules.predicate
def is_holder_public(user: Any, holder: Any) -> bool:
    return holder is not None and holder.person.is_public


can_view_role_holder = is_holder_public | is_holder_organizer | is_staff


# --- People's competencies: who may confirm a level ------------------------------------------------------


@rules.predicate
def is_person_organizer(user: Any, person: Any) -> bool:
    """The user organizes an organisation where the person is a member or holds a role today."""
    if person is None:
        return False
    organized = [org for org, capacity in org_capacities(user).items() if capacity == Capacity.ORGANIZER]
    if not organized:
        return False
    from django.db.models import Q
    from django.utils import timezone

    from .models import Membership, RoleHolder

    if Membership.objects.filter(person=person, organization_id__in=organized).exists():
        return True
    today = timezone.localdate()
    return (
        RoleHolder.objects.filter(person=person, role__organization_id__in=organized, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gt=today))
        .exists()
    )


# An organizer confirms the levels of the people of their organisations, never their own.
can_confirm_competency = (is_person_organizer | is_staff) & ~is_person_self

rules.add_perm("roles.confirm_competency_person", can_confirm_competency)
