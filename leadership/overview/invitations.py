"""Inviting a candidate to be nominated for a role: once per role and person, by email in their language."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from leadership.common.emails import email_queue_template, site_link
from leadership.common.enums import EmailKind
from nominations.selectors import role_open_call
from roles.models import Person, Role

from .models import DigestLog, NominationInvite

__all__ = ["invite_to_nominate", "person_address", "person_language"]


def person_address(person: Person) -> str:
    """Where to write to a person: their account's email, else the email the registry holds for them."""
    user = person.user if person.user_id is not None else None
    return (user.email if user is not None else "") or person.email


def person_language(person: Person) -> str:
    """The site language a person reads: the first of the site's languages (in the site's order) that they
    speak, else the site's default language."""
    spoken = {code.lower() for code in person.languages.values_list("code", flat=True)}
    for code, _name in settings.LANGUAGES:
        if code.lower() in spoken:
            return code
    return settings.LANGUAGE_CODE


@transaction.atomic
def invite_to_nominate(
    *, role: Role, person: Person, invited_by: Person | None, now: datetime.datetime | None = None
) -> NominationInvite:
    """Invite a person to be nominated for a role through its open call (an organizer's action).

    Once per role and person: a second call returns the first invitation and sends nothing. Raises
    ValidationError when the role has no open call or the person has no email address.
    """
    existing = NominationInvite.objects.filter(role=role, person=person).first()
    if existing is not None:
        return existing
    call = role_open_call(role=role)
    if call is None:
        raise ValidationError(_("This role has no open call for nominations: open one before inviting."))
    address = person_address(person)
    if not address:
        raise ValidationError(_("This person has no email address: they cannot be invited."))
    invite, created = NominationInvite.objects.get_or_create(
        role=role, person=person, defaults={"invited_by": invited_by}
    )
    if not created:  # a simultaneous request invited them first
        return invite
    language = person_language(person)
    with translation.override(language):
        link = site_link(reverse("nominations:nominate", args=[call.pk]))
    email_queue_template(
        to=address,
        kind=EmailKind.NOMINATION_INVITATION,
        template="overview_invite",
        context={
            "person": person.display_name,
            "role": role,
            "organization": role.organization,
            "inviter": invited_by.display_name if invited_by is not None else "",
            "call": call,
            "closes_at": call.closes_at,
            "link": link,
        },
        language=language,
    )
    return invite


def person_invitations_export(user: Any) -> dict[str, Any]:
    """What the overview holds about an account, for its owner's download: the invitations to be nominated
    it received and sent (without naming whom: that is the other person's data), and its digests' weeks."""
    received = NominationInvite.objects.filter(person__user=user).select_related("role__organization")
    sent = NominationInvite.objects.filter(invited_by__user=user).select_related(
        "role__organization", "person"
    )
    return {
        "invitations_received": [
            {
                "role": invite.role.title,
                "organization": invite.role.organization.slug,
                "invited_at": invite.created_at.isoformat(),
            }
            for invite in received.order_by("created_at", "id")
        ],
        "invitations_sent": [
            {
                "role": invite.role.title,
                "organization": invite.role.organization.slug,
                "invited_at": invite.created_at.isoformat(),
            }
            for invite in sent.order_by("created_at", "id")
        ],
        "digests_received": [
            {"organization": slug, "week": week.isoformat()}
            for slug, week in DigestLog.objects.filter(person__user=user)
            .order_by("week", "organization__slug")
            .values_list("organization__slug", "week")
        ],
    }
