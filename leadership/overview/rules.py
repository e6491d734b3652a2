"""Who sees the overview's named people and who invites candidates, as django-rules predicates.

The figures themselves (counts, gaps, timelines, diversity aggregates) are public; what names a person is
not. Used by views (permission_required), templates ({% has_perm %}) and the API (RulesPermission) alike.
Built on the registry's own predicates (roles.rules): no twin of `is_staff` or of the organizer checks.
"""

from __future__ import annotations

from typing import Any

import rules

from roles.enums import Capacity
from roles.rules import is_authenticated, is_role_organizer, is_staff, org_capacities

__all__ = [
    "can_invite_to_nominate",
    "can_use_peer_learning",
    "can_view_candidates",
    "can_view_scope_people",
    "is_hub_organizer_of",
    "is_scope_organizer",
    "role_has_open_call",
]


def _organized_ids(user: Any) -> list[int]:
    return [org for org, capacity in org_capacities(user).items() if capacity == Capacity.ORGANIZER]


@rules.predicate
def is_hub_organizer_of(user: Any, organization: Any) -> bool:
    """The user organizes a hub that serves the organisation (the hub's overview covers it)."""
    if organization is None:
        return False
    organized = _organized_ids(user)
    if not organized:
        return False
    from roles.models import Organization

    served_by: Any = Organization.hubs.through
    return served_by.objects.filter(
        from_organization_id=organization.pk, to_organization_id__in=organized
    ).exists()


@rules.predicate
def is_scope_organizer(user: Any, organization: Any) -> bool:
    return organization is not None and organization.pk in _organized_ids(user)


@rules.predicate
def role_has_open_call(user: Any, role: Any) -> bool:
    if role is None:
        return False
    from nominations.selectors import role_open_call

    return role_open_call(role=role) is not None


# Candidates for a role: that organisation's organizers (not a hub's: people put themselves forward to it).
can_view_candidates = is_role_organizer | is_staff
# Named people of a scope (renewal lists, emerging leaders): its organizers, a serving hub's, or staff.
can_view_scope_people = is_scope_organizer | is_hub_organizer_of | is_staff
can_use_peer_learning = is_authenticated
can_invite_to_nominate = can_view_candidates & role_has_open_call

rules.add_perm("overview.view_candidates", can_view_candidates)  # object: the role
rules.add_perm("overview.view_scope_people", can_view_scope_people)  # object: the organisation
rules.add_perm("overview.use_peer_learning", can_use_peer_learning)
rules.add_perm("overview.invite_to_nominate", can_invite_to_nominate)  # object: the role
