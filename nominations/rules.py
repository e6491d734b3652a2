"""Object permissions of calls, nominations, endorsements and reviews, as django-rules predicates.

Used by views (permission_required), templates ({% has_perm %}) and the API (RulesPermission) alike.
Nothing about a nominee is visible to anyone but the nominator and staff until the nominee accepts;
nominations are never listed publicly.
"""

from __future__ import annotations

from typing import Any

import rules

from roles.enums import Capacity
from roles.rules import always_allow, is_authenticated, is_staff, org_capacity

from .enums import NominationState

__all__ = ["always_allow", "is_authenticated", "is_staff"]


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _reviewer_call_ids(user: Any) -> set[int]:
    """The calls a user reviews, read once per user object (that is, once per request)."""
    if not _signed_in(user):
        return set()
    cached = getattr(user, "_leadership_reviewed_calls", None)
    if cached is None:
        from .models import NominationCall

        cached = set(NominationCall.objects.filter(reviewers=user).values_list("pk", flat=True))
        user._leadership_reviewed_calls = cached
    return cached


def forget_reviewed_calls(user: Any) -> None:
    if hasattr(user, "_leadership_reviewed_calls"):
        delattr(user, "_leadership_reviewed_calls")


# --- Calls ----------------------------------------------------------------------------------------------


@rules.predicate
def is_call_organizer(user: Any, call: Any) -> bool:
    """An organizer of the call's organisation (a movement-wide call has none: staff only)."""
    return (
        call is not None
        and call.organization_id is not None
        and org_capacity(user, call.organization_id) == Capacity.ORGANIZER
    )


@rules.predicate
def is_call_reviewer(user: Any, call: Any) -> bool:
    return call is not None and call.pk in _reviewer_call_ids(user)


@rules.predicate
def reviews_are_open(user: Any, call: Any) -> bool:
    return call is not None and call.reviewing_open


@rules.predicate
def is_call_open(user: Any, call: Any) -> bool:
    return call is not None and call.is_open


@rules.predicate
def is_organization_organizer(user: Any, organization: Any) -> bool:
    return organization is not None and org_capacity(user, organization.pk) == Capacity.ORGANIZER


can_change_call = is_call_organizer | is_staff
can_review_call = is_call_reviewer | is_staff
# A call belongs to an organisation its author organizes; a movement-wide call (None) is for staff.
can_add_call_to_organization = is_organization_organizer | is_staff

# --- Nominations -----------------------------------------------------------------------------------------


@rules.predicate
def is_nomination_nominator(user: Any, nomination: Any) -> bool:
    return nomination is not None and _signed_in(user) and nomination.nominator_id == user.pk


@rules.predicate
def is_nomination_nominee(user: Any, nomination: Any) -> bool:
    """The nominee, once they accepted and their Person is theirs."""
    if nomination is None or not _signed_in(user) or nomination.person_id is None:
        return False
    person = getattr(user, "person", None)
    return person is not None and nomination.person_id == person.pk


@rules.predicate
def is_nomination_consented(user: Any, nomination: Any) -> bool:
    return nomination is not None and nomination.state in NominationState.consented()


@rules.predicate
def is_nomination_reviewable(user: Any, nomination: Any) -> bool:
    return nomination is not None and nomination.state in NominationState.reviewable()


@rules.predicate
def is_nomination_call_organizer(user: Any, nomination: Any) -> bool:
    return nomination is not None and is_call_organizer(user, nomination.call)


@rules.predicate
def is_nomination_call_reviewer(user: Any, nomination: Any) -> bool:
    return nomination is not None and nomination.call_id in _reviewer_call_ids(user)


@rules.predicate
def nomination_reviews_are_open(user: Any, nomination: Any) -> bool:
    return nomination is not None and nomination.call.reviewing_open


@rules.predicate
def has_declared_conflict(user: Any, nomination: Any) -> bool:
    if nomination is None or not _signed_in(user):
        return False
    from .models import Review

    return Review.objects.filter(nomination=nomination, reviewer=user, conflict_of_interest=True).exists()


@rules.predicate
def has_endorsed(user: Any, nomination: Any) -> bool:
    if nomination is None or not _signed_in(user):
        return False
    from .models import Endorsement

    return Endorsement.objects.filter(nomination=nomination, user=user).exists()


can_view_nomination = (
    is_nomination_nominator
    | is_staff
    | (
        is_nomination_consented
        & (is_nomination_nominee | is_nomination_call_organizer | is_nomination_call_reviewer)
    )
)
can_manage_nomination = is_nomination_consented & (is_nomination_call_organizer | is_staff)
# Reviewers review the accepted nominations of their calls, while reviewing is open, unless conflicted.
can_review_nomination = is_nomination_call_reviewer & is_nomination_reviewable & nomination_reviews_are_open
can_score_nomination = can_review_nomination & ~has_declared_conflict
# After consent, signed-in members endorse through the shared link, once each; never the nominee themself.
can_endorse_nomination = (
    is_authenticated
    & is_nomination_reviewable
    & ~is_nomination_nominee
    & ~is_nomination_nominator
    & ~has_endorsed
)
# The nominee (after accepting) or the nominator shares the endorsement link.
can_share_nomination = is_nomination_consented & (is_nomination_nominee | is_nomination_nominator)
can_erase_nomination = is_nomination_nominee | is_staff


@rules.predicate
def is_endorsement_author(user: Any, endorsement: Any) -> bool:
    return endorsement is not None and _signed_in(user) and endorsement.user_id == user.pk


@rules.predicate
def is_endorsement_visible(user: Any, endorsement: Any) -> bool:
    return endorsement is not None and can_view_nomination(user, endorsement.nomination)


@rules.predicate
def is_review_author(user: Any, review: Any) -> bool:
    return review is not None and _signed_in(user) and review.reviewer_id == user.pk


@rules.predicate
def is_review_call_organizer(user: Any, review: Any) -> bool:
    return review is not None and is_call_organizer(user, review.nomination.call)


rules.add_perm("nominations.change_call", can_change_call)
rules.add_perm("nominations.manage_call", can_change_call)
rules.add_perm("nominations.review_call", can_review_call)
rules.add_perm("nominations.add_call_to_organization", can_add_call_to_organization)
rules.add_perm("nominations.manage_nomination", can_manage_nomination)
rules.add_perm("nominations.review_nomination", can_review_nomination)
rules.add_perm("nominations.score_nomination", can_score_nomination)
rules.add_perm("nominations.endorse_nomination", can_endorse_nomination)
rules.add_perm("nominations.share_nomination", can_share_nomination)
rules.add_perm("nominations.erase_nomination", can_erase_nomination)
