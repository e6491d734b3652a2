"""Every write of the roles app that has rules: people, organisations and memberships."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from leadership.common.emails import email_queue_template, emails_erase_address, site_link
from leadership.common.enums import EmailKind

from ..enums import Capacity, MembershipRequestKind, MembershipRequestState, OrganizationStatus
from ..models import Language, Membership, MembershipRequest, Organization, Person, Region
from ..rules import forget_capacities
from .sessions import account_sessions_end

User = get_user_model()


# --- People ----------------------------------------------------------------------------------------


def _verified_emails(user: Any) -> list[str]:
    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


@transaction.atomic
def person_for_user(*, user: Any, display_name: str = "", wikimedia_username: str = "") -> Person:
    """The one Person of an account, created with it or claimed from an unclaimed Person.

    An unclaimed Person is claimed when the account has a verified email or the Wikimedia username that
    matches it exactly; a Person is never duplicated for an account.
    """
    existing = Person.objects.filter(user=user).first()
    if existing is not None:
        if wikimedia_username and not existing.wikimedia_username:
            existing.wikimedia_username = wikimedia_username
            existing.save(update_fields=["wikimedia_username", "updated_at"])
        return existing
    unclaimed = Person.objects.select_for_update().filter(user__isnull=True)
    match = None
    if wikimedia_username:
        match = unclaimed.filter(wikimedia_username=wikimedia_username).first()
    if match is None:
        emails = _verified_emails(user)
        if emails:
            same_address = Q()
            for address in emails:
                same_address |= Q(email__iexact=address)
            match = unclaimed.filter(same_address).order_by("id").first()
    if match is not None:
        match.user = user
        match.email = match.email or user.email
        if wikimedia_username:
            match.wikimedia_username = wikimedia_username
        match.save()
        return match
    name = (
        display_name
        or wikimedia_username
        or (user.email.split("@")[0] if user.email else user.get_username())
    )
    return Person.objects.create(
        user=user,
        display_name=name[:150],
        wikimedia_username=wikimedia_username,
        email=user.email or "",
        time_zone="UTC",
    )


@transaction.atomic
def person_update(
    *,
    person: Person,
    display_name: str,
    wikimedia_username: str,
    region: Region | None,
    time_zone: Any,
    is_public: bool,
    languages: Iterable[Language],
) -> Person:
    if wikimedia_username and (
        Person.objects.exclude(pk=person.pk).filter(wikimedia_username=wikimedia_username).exists()
    ):
        raise ValidationError(
            {"wikimedia_username": _("Another person in the registry already uses this Wikimedia username.")}
        )
    person.display_name = display_name
    person.wikimedia_username = wikimedia_username
    person.region = region
    person.time_zone = time_zone
    person.is_public = is_public
    person.full_clean()
    person.save()
    person.languages.set(languages)
    return person


def person_export(user: Any) -> dict[str, Any]:
    """What the roles app holds about an account, for its owner's download."""
    person = Person.objects.filter(user=user).prefetch_related("languages").select_related("region").first()
    memberships = Membership.objects.filter(person__user=user).select_related("organization")
    requests = MembershipRequest.objects.filter(person__user=user).select_related("organization")
    return {
        "person": None
        if person is None
        else {
            "display_name": person.display_name,
            "wikimedia_username": person.wikimedia_username,
            "email": person.email,
            "region": person.region.code if person.region else None,
            "time_zone": str(person.time_zone),
            "languages": [language.code for language in person.languages.all()],
            "public_profile": person.is_public,
            "created_at": person.created_at.isoformat(),
        },
        "memberships": [
            {
                "organization": m.organization.slug,
                "capacity": m.capacity,
                "since": m.created_at.isoformat(),
            }
            for m in memberships
        ],
        "membership_requests": [
            {
                "organization": req.organization.slug,
                "kind": req.kind,
                "state": req.state,
                "message": req.message,
                "created_at": req.created_at.isoformat(),
            }
            for req in requests
        ],
    }


def person_erase(user: Any) -> None:
    """Erase the Person of an account, its memberships and every history row and email that copied it."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return
    person_id = person.pk
    addresses = {person.email, user.email, *_verified_emails(user)} - {""}
    MembershipRequest.objects.filter(person=person).delete()
    if person.wikimedia_username:
        MembershipRequest.objects.filter(wikimedia_username=person.wikimedia_username).delete()
    for address in addresses:
        MembershipRequest.objects.filter(email__iexact=address).delete()
        emails_erase_address(address)
    # Deleting writes "deleted" history rows of the person and its memberships: erase the history after.
    person.delete()
    Membership.history.filter(person_id=person_id).delete()
    Person.history.filter(id=person_id).delete()


@transaction.atomic
def account_delete(*, user: Any) -> None:
    """Delete an account and everything every app holds about it (see leadership.common.privacy)."""
    from leadership.common import privacy

    if Membership.objects.filter(person__user=user, capacity=Capacity.ORGANIZER).exists():
        for membership in Membership.objects.filter(person__user=user, capacity=Capacity.ORGANIZER):
            _ensure_other_organizer(membership)
    privacy.erase_sections(user)
    privacy.record_erasure("account", user.pk)
    account_sessions_end(user=user)  # deleted on the server: refusing them is not enough
    user.delete()


@transaction.atomic
def account_delete_replay(pk: int) -> bool:
    """Replay of a journaled account deletion after a restore: the account was deleted (its organisations'
    other organizers were checked then), so it is erased again without asking; a missing account is done."""
    from leadership.common import privacy

    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        return False
    privacy.erase_sections(user)
    account_sessions_end(user=user)
    user.delete()
    return True


# --- Organisations ---------------------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _staff_addresses() -> list[str]:
    return list(
        User.objects.filter(is_staff=True, is_active=True).exclude(email="").values_list("email", flat=True)
    )


@transaction.atomic
def organization_propose(*, proposer: Person, data: dict[str, Any]) -> Organization:
    """A signed-in user proposes a new organisation; staff approve it, and the proposer becomes organizer."""
    languages = data.pop("languages", [])
    hubs = data.pop("hubs", [])
    organization = Organization(status=OrganizationStatus.PROPOSED, proposed_by=proposer, **data)
    name_en: str = organization.name_en  # type: ignore[attr-defined]  # a modeltranslation field
    organization.slug = _unique_slug(name_en or organization.name)
    organization.full_clean()
    organization.save()
    organization.languages.set(languages)
    organization.hubs.set(hubs)
    link = site_link(reverse("admin:roles_organization_change", args=[organization.pk]))
    for address in _staff_addresses():
        email_queue_template(
            to=address,
            kind=EmailKind.ORGANIZATION,
            template="organization_proposed",
            context={"organization": organization, "proposer": proposer.display_name, "link": link},
            language="en",
        )
    return organization


@transaction.atomic
def organization_decide(*, organization: Organization, approve: bool, by: Person | None) -> Organization:
    """Staff approve or reject a proposed organisation; on approval the proposer becomes its organizer."""
    if organization.status != OrganizationStatus.PROPOSED:
        raise ValidationError(_("This organisation was already decided on."))
    organization.status = OrganizationStatus.APPROVED if approve else OrganizationStatus.REJECTED
    organization.save(update_fields=["status", "updated_at"])
    proposer = organization.proposed_by
    if proposer is not None:
        if approve:
            Membership.objects.get_or_create(
                person=proposer, organization=organization, defaults={"capacity": Capacity.ORGANIZER}
            )
        if proposer.email:
            email_queue_template(
                to=proposer.email,
                kind=EmailKind.ORGANIZATION,
                template="organization_decided",
                context={
                    "organization": organization,
                    "approved": approve,
                    "link": site_link(reverse("roles:organization_detail", args=[organization.slug])),
                },
                language=translation.get_language(),
            )
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, data: dict[str, Any]) -> Organization:
    languages = data.pop("languages", None)
    hubs = data.pop("hubs", None)
    for field, value in data.items():
        setattr(organization, field, value)
    organization.full_clean()
    organization.save()
    if languages is not None:
        organization.languages.set(languages)
    if hubs is not None:
        organization.hubs.set([hub for hub in hubs if hub.pk != organization.pk])
    return organization


# --- Memberships -----------------------------------------------------------------------------------


def _ensure_other_organizer(membership: Membership) -> None:
    others = Membership.objects.filter(
        organization_id=membership.organization_id, capacity=Capacity.ORGANIZER
    ).exclude(pk=membership.pk)
    if membership.capacity == Capacity.ORGANIZER and not others.exists():
        raise ValidationError(
            _("An organisation needs at least one organizer: name another organizer before this change.")
        )


@transaction.atomic
def membership_request_join(
    *, person: Person, organization: Organization, message: str = ""
) -> MembershipRequest:
    """A signed-in person asks to join an organisation; its organizers are told."""
    if not organization.is_listed:
        raise ValidationError(_("This organisation does not take members yet."))
    if Membership.objects.filter(person=person, organization=organization).exists():
        raise ValidationError(_("You are already a member of this organisation."))
    if MembershipRequest.objects.filter(
        person=person, organization=organization, state=MembershipRequestState.PENDING
    ).exists():
        raise ValidationError(_("Your request to join this organisation is already waiting for an answer."))
    request = MembershipRequest.objects.create(
        organization=organization,
        kind=MembershipRequestKind.REQUEST,
        person=person,
        capacity=Capacity.MEMBER,
        message=message,
        created_by=person,
    )
    link = site_link(reverse("roles:organization_members", args=[organization.slug]))
    organizers = Membership.objects.filter(
        organization=organization, capacity=Capacity.ORGANIZER
    ).select_related("person")
    for organizer in organizers:
        if organizer.person.email:
            email_queue_template(
                to=organizer.person.email,
                kind=EmailKind.MEMBERSHIP,
                template="membership_requested",
                context={"organization": organization, "requester": person.display_name, "link": link},
                language=translation.get_language(),
            )
    return request


@transaction.atomic
def membership_invite(
    *,
    organization: Organization,
    by: Person,
    email: str = "",
    wikimedia_username: str = "",
    capacity: str = Capacity.MEMBER,
    message: str = "",
) -> MembershipRequest:
    """An organizer invites someone by email or Wikimedia username; the invitee accepts after signing in."""
    email = email.strip()
    wikimedia_username = wikimedia_username.strip()
    if not email and not wikimedia_username:
        raise ValidationError(_("Give the email address or the Wikimedia username of the person to invite."))
    person = None
    if wikimedia_username:
        person = Person.objects.filter(wikimedia_username=wikimedia_username).first()
    if person is None and email:
        person = Person.objects.filter(user__emailaddress__email__iexact=email, user__isnull=False).first()
    if person is not None and Membership.objects.filter(person=person, organization=organization).exists():
        raise ValidationError(_("This person is already a member of this organisation."))
    pending = MembershipRequest.objects.filter(
        organization=organization, state=MembershipRequestState.PENDING
    )
    if (
        (person is not None and pending.filter(person=person).exists())
        or (email and pending.filter(email__iexact=email).exists())
        or (wikimedia_username and pending.filter(wikimedia_username=wikimedia_username).exists())
    ):
        raise ValidationError(_("This person already has an invitation or a request waiting for an answer."))
    invitation = MembershipRequest.objects.create(
        organization=organization,
        kind=MembershipRequestKind.INVITATION,
        person=person,
        email=email,
        wikimedia_username=wikimedia_username,
        capacity=capacity,
        message=message,
        created_by=by,
    )
    address = email or (person.email if person is not None else "")
    if address:
        email_queue_template(
            to=address,
            kind=EmailKind.MEMBERSHIP,
            template="membership_invited",
            context={
                "organization": organization,
                "inviter": by.display_name,
                "capacity": invitation.get_capacity_display(),
                "message": message,
                "link": site_link(reverse("roles:invitation", args=[invitation.pk])),
            },
            language=translation.get_language(),
        )
    return invitation


@transaction.atomic
def membership_request_decide(
    *, request: MembershipRequest, accept: bool, by: Person, user: Any = None
) -> MembershipRequest:
    """Accept or decline a request to join (by an organizer) or an invitation (by the invitee)."""
    request = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_pending:
        raise ValidationError(_("This request was already answered."))
    member = request.person if request.kind == MembershipRequestKind.REQUEST else by
    if member is None:
        raise ValidationError(_("Sign in as the invited person to answer this invitation."))
    request.state = MembershipRequestState.ACCEPTED if accept else MembershipRequestState.DECLINED
    request.person = member
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save()
    if accept:
        Membership.objects.get_or_create(
            person=member, organization=request.organization, defaults={"capacity": request.capacity}
        )
    if user is not None:
        forget_capacities(user)
    if request.kind == MembershipRequestKind.REQUEST and member.email:
        email_queue_template(
            to=member.email,
            kind=EmailKind.MEMBERSHIP,
            template="membership_decided",
            context={
                "organization": request.organization,
                "accepted": accept,
                "link": site_link(reverse("roles:organization_detail", args=[request.organization.slug])),
            },
            language=translation.get_language(),
        )
    return request


@transaction.atomic
def membership_request_cancel(*, request: MembershipRequest, by: Person) -> MembershipRequest:
    """The requester withdraws a request, or an organizer withdraws an invitation."""
    if not request.is_pending:
        raise ValidationError(_("This request was already answered."))
    request.state = MembershipRequestState.CANCELLED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save()
    return request


@transaction.atomic
def membership_change_capacity(*, membership: Membership, capacity: str) -> Membership:
    if capacity not in Capacity.values:
        raise ValidationError(_("Choose a valid capacity."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if capacity != Capacity.ORGANIZER:
        _ensure_other_organizer(membership)
    membership.capacity = capacity
    membership.save(update_fields=["capacity", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by_user: Any = None) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_other_organizer(membership)
    membership.delete()
    if by_user is not None:
        forget_capacities(by_user)
