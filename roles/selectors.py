"""Reads of the roles app that are reused or need care with queries.

Each returns a queryset with its joins, prefetches and annotations in place, so that a page costs the same
few queries whatever the length of its lists.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from modeltranslation.utils import build_localized_fieldname

from .enums import (
    Capacity,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
)
from .models import Language, Membership, MembershipRequest, Organization, Person

LISTED = Q(status=OrganizationStatus.APPROVED, active=True)
CAPACITY_ORDER = {Capacity.ORGANIZER: 0, Capacity.HUB_COORDINATOR: 1, Capacity.MEMBER: 2}


def localized_field_names(field: str) -> list[str]:
    """The per-language columns of a translated field: name_en, name_fr, ..., name_ind (for id), name_ar."""
    return [build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES]


def organization_name_search(text: str) -> Q:
    """Organisations whose name contains the text in any of the site's languages."""
    query = Q()
    for field in localized_field_names("name"):
        query |= Q(**{f"{field}__icontains": text})
    return query


def organization_list() -> QuerySet[Organization]:
    """The public directory: approved, active organisations with their region, languages and member count."""
    return (
        Organization.objects.filter(LISTED)
        .select_related("region")
        .prefetch_related(Prefetch("languages", queryset=Language.objects.order_by("code")))
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name_en", "id")
    )


def hub_choices() -> QuerySet[Organization]:
    """Hubs a proposed or edited organisation may name as serving it."""
    return Organization.objects.filter(LISTED, kind__in=OrganizationKind.hub_kinds()).order_by(
        "name_en", "id"
    )


def organization_for_page(*, slug: str) -> Organization | None:
    """One organisation with everything its page shows about itself (not its members)."""
    listed_neighbours = Organization.objects.filter(LISTED).select_related("region").order_by("name_en", "id")
    return (
        Organization.objects.select_related("region")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code")),
            Prefetch("hubs", queryset=listed_neighbours),
            Prefetch("served_organizations", queryset=listed_neighbours),
        )
        .filter(slug=slug)
        .first()
    )


def organization_members(
    *, organization: Organization, include_private: bool, viewer: Any = None
) -> QuerySet:
    """Memberships of an organisation, organizers first.

    Without `include_private`, only people who made their profile public are listed, plus the viewer.
    """
    memberships = Membership.objects.filter(organization=organization).select_related("person")
    if not include_private:
        visible = Q(person__is_public=True)
        if viewer is not None and getattr(viewer, "is_authenticated", False):
            visible |= Q(person__user_id=viewer.pk)
        memberships = memberships.filter(visible)
    return memberships.annotate(
        capacity_rank=Case(
            *(When(capacity=capacity, then=Value(rank)) for capacity, rank in CAPACITY_ORDER.items()),
            default=Value(9),
            output_field=IntegerField(),
        )
    ).order_by("capacity_rank", "person__display_name", "id")


def organization_pending_requests(*, organization: Organization) -> QuerySet[MembershipRequest]:
    """Requests to join an organisation that wait for its organizers."""
    return (
        MembershipRequest.objects.filter(
            organization=organization,
            kind=MembershipRequestKind.REQUEST,
            state=MembershipRequestState.PENDING,
        )
        .select_related("person")
        .order_by("created_at", "id")
    )


def organization_pending_invitations(*, organization: Organization) -> QuerySet[MembershipRequest]:
    """Invitations an organisation sent that wait for the invitee."""
    return (
        MembershipRequest.objects.filter(
            organization=organization,
            kind=MembershipRequestKind.INVITATION,
            state=MembershipRequestState.PENDING,
        )
        .select_related("person", "created_by")
        .order_by("created_at", "id")
    )


def person_of(user: Any) -> Person | None:
    """The Person of a signed-in account, read once per request (the page header shows it too)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def pending_invitations_for(*, user: Any, person: Person | None) -> QuerySet[MembershipRequest]:
    """Invitations addressed to an account: to its Person, a verified email or its Wikimedia username."""
    if person is None:
        return MembershipRequest.objects.none()
    addressed = Q(person=person)
    unassigned = Q(person__isnull=True)
    verified = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    by_email = Q()
    for address in verified:
        by_email |= Q(email__iexact=address)
    if by_email:
        addressed |= unassigned & by_email
    if person.wikimedia_username:
        addressed |= unassigned & Q(wikimedia_username=person.wikimedia_username)
    return (
        MembershipRequest.objects.filter(
            addressed, kind=MembershipRequestKind.INVITATION, state=MembershipRequestState.PENDING
        )
        .select_related("organization", "created_by")
        .order_by("created_at", "id")
    )


def person_memberships(*, person: Person, listed_only: bool = False) -> QuerySet[Membership]:
    """A person's memberships with their organisations (only listed organisations on public pages)."""
    memberships = Membership.objects.filter(person=person).select_related(
        "organization", "organization__region"
    )
    if listed_only:
        memberships = memberships.filter(
            organization__status=OrganizationStatus.APPROVED, organization__active=True
        )
    return memberships.order_by("organization__name_en", "id")


def person_pending_requests(*, person: Person) -> QuerySet[MembershipRequest]:
    """A person's own requests to join that still wait for an answer."""
    return (
        MembershipRequest.objects.filter(
            person=person, kind=MembershipRequestKind.REQUEST, state=MembershipRequestState.PENDING
        )
        .select_related("organization")
        .order_by("created_at", "id")
    )


def person_has_pending_request(*, person: Person | None, organization: Organization) -> bool:
    if person is None:
        return False
    return MembershipRequest.objects.filter(
        person=person,
        organization=organization,
        kind=MembershipRequestKind.REQUEST,
        state=MembershipRequestState.PENDING,
    ).exists()


def person_for_profile(*, pk: int) -> Person | None:
    return (
        Person.objects.select_related("region")
        .prefetch_related(Prefetch("languages", queryset=Language.objects.order_by("code")))
        .filter(pk=pk)
        .first()
    )


def organizations_for_api(*, approved_only: bool = True) -> QuerySet[Organization]:
    """Organisations as the REST API shows them, in the same few queries whatever their number.

    Sorted by the name shown in the active language (with modeltranslation's fallback: English, then any
    language that has a value), case-insensitively; `sort_name` serves the API's `?ordering=name` too.
    Hubs are the approved ones only; `served_organizations_count` counts the approved organisations a hub
    serves. Without `approved_only`, proposed and rejected organisations are included, for the detail and
    write endpoints to decide on with the `roles.view_organization` rule.
    """
    # Local imports: this function was appended to a module whose import block belongs to its owner.
    from django.db.models import CharField, F, OuterRef, Subquery
    from django.db.models.functions import Coalesce, Lower, NullIf
    from modeltranslation.utils import get_language

    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    languages = dict.fromkeys([get_language(), *fallbacks])
    shown_name = Coalesce(
        *(NullIf(F(build_localized_fieldname("name", code)), Value("")) for code in languages),
        Value(""),
        output_field=CharField(),
    )
    served = (
        Organization.objects.filter(hubs=OuterRef("pk"), status=OrganizationStatus.APPROVED)
        .order_by()
        .values("hubs")
        .annotate(n=Count("pk"))
        .values("n")
    )
    approved_hubs = Organization.objects.filter(status=OrganizationStatus.APPROVED).only("pk", "slug")
    organizations = Organization.objects.all()
    if approved_only:
        organizations = organizations.filter(status=OrganizationStatus.APPROVED)
    return (
        organizations.select_related("region")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code")),
            Prefetch("hubs", queryset=approved_hubs.order_by("slug")),
        )
        .annotate(
            sort_name=Lower(shown_name),
            served_organizations_count=Coalesce(Subquery(served, output_field=IntegerField()), Value(0)),
        )
        .order_by("sort_name", "pk")
    )
