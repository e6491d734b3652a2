"""The weekly digest: each organisation's organizers hear, on Monday morning, what needs their action.

One email per organisation, organizer and ISO week (DigestLog's unique constraint, written in the same
transaction as the queued email, so a second run or two workers at once send nothing twice). It lists the
terms ending in the next 90 days, the holders past their term limit, the vacant seats, the new nominations
in the organisation's calls over the last seven days, and the five largest competency gaps with whether a
training session is scheduled for each. An organisation with none of these gets no email that week.

Monday 06:00 is read in each organizer's own time zone (Person.time_zone): the periodic task runs hourly,
so an organizer in Jakarta gets the digest hours before one in Lima, each on their own Monday morning.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from leadership.common.emails import email_queue_template, is_unsubscribed, site_link
from leadership.common.enums import EmailKind
from nominations.selectors import nominations_received_count
from roles.enums import Capacity, OrganizationStatus
from roles.models import Membership, Organization, Person

from . import selectors
from .invitations import person_address, person_language
from .models import CompetencyGap, DigestLog, ScopeSummary

__all__ = [
    "DIGEST_GAPS",
    "DIGEST_HOUR",
    "Digest",
    "digest_build",
    "digest_send",
    "digest_week",
    "weekly_digests_send",
]

DIGEST_HOUR = 6  # Monday, from 06:00 in the organizer's time zone
DIGEST_GAPS = 5  # the largest gaps listed
DIGEST_LIST_LIMIT = (
    20  # terms ending, holders past their limit, roles with vacant seats: at most this many each
)
NEW_NOMINATIONS_SINCE = datetime.timedelta(days=7)
# Time zones run from UTC-12 to UTC+14: outside these offsets it is Monday morning nowhere.
_OFFSETS = [datetime.timedelta(minutes=15 * quarter) for quarter in range(-12 * 4, 14 * 4 + 1)]


@dataclass
class Digest:
    """What one organisation's digest says, the same for each of its organizers (only the language differs)."""

    organization: Organization
    summary: ScopeSummary
    terms_ending: list[Any] = field(default_factory=list)
    over_limit: list[Any] = field(default_factory=list)
    vacant_roles: list[Any] = field(default_factory=list)
    vacant_seats: int = 0
    new_nominations: int = 0
    gaps: list[CompetencyGap] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.terms_ending or self.over_limit or self.vacant_seats or self.new_nominations or self.gaps
        )


def _now() -> datetime.datetime:
    return timezone.now()


def digest_week(*, person: Person, now: datetime.datetime) -> datetime.date | None:
    """The Monday (a date) of the digest due to a person now, or None when it is not Monday 06:00+ for them."""
    local = now.astimezone(_zone(person))
    if local.weekday() != 0 or local.hour < DIGEST_HOUR:
        return None
    return local.date()


def _zone(person: Person) -> datetime.tzinfo:
    zone = person.time_zone
    if isinstance(zone, str):  # an unsaved instance may still hold the text
        return ZoneInfo(zone)
    return zone or datetime.UTC


def _monday_morning_somewhere(now: datetime.datetime) -> bool:
    return any(
        (local := now.astimezone(datetime.UTC) + offset).weekday() == 0 and local.hour >= DIGEST_HOUR
        for offset in _OFFSETS
    )


def _new_nominations(*, organization: Organization, now: datetime.datetime) -> int:
    """Nominations made in the organisation's calls over the last seven days (verified, not erased)."""
    return nominations_received_count(organization=organization, since=now - NEW_NOMINATIONS_SINCE, until=now)


def digest_build(*, organization: Organization, now: datetime.datetime | None = None) -> Digest:
    """Gather one organisation's digest: live renewal lists and the materialised gaps of its scope."""
    now = now or _now()
    summary = selectors.organization_summary(organization=organization, now=now)
    # Live, not the summary's count (up to 15 minutes old): the seats must match the roles listed.
    roles: list[Any] = selectors.vacant_roles(scope=summary, now=now)
    vacant = [role for role in roles if role.vacant > 0]
    return Digest(
        organization=organization,
        summary=summary,
        terms_ending=list(selectors.terms_ending(scope=summary, now=now, limit=DIGEST_LIST_LIMIT)),
        over_limit=list(selectors.over_limit_terms(scope=summary, now=now, limit=DIGEST_LIST_LIMIT)),
        vacant_roles=vacant[:DIGEST_LIST_LIMIT],
        vacant_seats=sum(role.vacant for role in vacant),
        new_nominations=_new_nominations(organization=organization, now=now),
        gaps=[gap for gap in selectors.scope_gaps(scope=summary, limit=DIGEST_GAPS) if gap.gap > 0],
    )


def _overview_link(organization: Organization, language: str) -> str:
    with translation.override(language):
        return site_link(reverse("overview:organization", kwargs={"slug": organization.slug}))


def _send_one(*, digest: Digest, person: Person, week: datetime.date) -> bool:
    """Queue one organizer's digest for one week, unless it went already; True when it was queued now."""
    address = person_address(person)
    if not address or is_unsubscribed(address=address, kind=EmailKind.OVERVIEW_DIGEST):
        return False
    language = person_language(person)
    with transaction.atomic():
        _log, created = DigestLog.objects.get_or_create(
            organization=digest.organization, person=person, week=week
        )
        if not created:
            return False
        # Dates read in the organizer's own zone (the date filter converts to the current zone).
        with timezone.override(_zone(person)):
            email_queue_template(
                to=address,
                kind=EmailKind.OVERVIEW_DIGEST,
                template="overview_digest",
                context={
                    "organization": digest.organization,
                    "person": person.display_name,
                    "digest": digest,
                    "week": week,
                    "link": _overview_link(digest.organization, language),
                },
                language=language,
            )
    return True


def _organizers(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, capacity=Capacity.ORGANIZER)
        .select_related("person__user")
        .order_by("person_id")
    )


def digest_send(
    *,
    organization: Organization,
    now: datetime.datetime | None = None,
    people: list[Person] | None = None,
) -> int:
    """Send an organisation's digest to those of its organizers for whom it is Monday morning now.

    `people` narrows the organizers (the periodic task passes those it found due); each gets at most one
    digest per week. Nothing is sent when the organisation has nothing to report. Returns how many were sent.
    """
    now = now or _now()
    if people is None:
        people = [membership.person for membership in _organizers(organization)]
    due = [(person, week) for person in people if (week := digest_week(person=person, now=now)) is not None]
    if not due:
        return 0
    digest = digest_build(organization=organization, now=now)
    if digest.is_empty:
        return 0
    return sum(_send_one(digest=digest, person=person, week=week) for person, week in due)


def weekly_digests_send(*, now: datetime.datetime | None = None) -> int:
    """Send every digest due now: organizers of approved, active organisations on their Monday morning.

    Reads the organizers once, keeps those for whom it is Monday from 06:00 and who have not had this week's
    digest of that organisation, then builds each such organisation's digest once. Returns how many were sent.
    """
    now = now or _now()
    if not _monday_morning_somewhere(now):
        return 0
    memberships = (
        Membership.objects.filter(
            capacity=Capacity.ORGANIZER,
            organization__status=OrganizationStatus.APPROVED,
            organization__active=True,
        )
        .select_related("organization", "person__user")
        .order_by("organization_id", "person_id")
    )
    due: dict[int, tuple[Organization, list[Person]]] = {}
    weeks: dict[tuple[int, int], datetime.date] = {}
    for membership in memberships:
        week = digest_week(person=membership.person, now=now)
        if week is not None:
            weeks[(membership.organization_id, membership.person_id)] = week
            due.setdefault(membership.organization_id, (membership.organization, []))[1].append(
                membership.person
            )
    if not due:
        return 0
    sent_already = set(
        DigestLog.objects.filter(week__in=set(weeks.values()), organization_id__in=list(due)).values_list(
            "organization_id", "person_id", "week"
        )
    )
    sent = 0
    for organization_id, (organization, people) in due.items():
        waiting = [
            person
            for person in people
            if (organization_id, person.pk, weeks[(organization_id, person.pk)]) not in sent_already
        ]
        if waiting:
            sent += digest_send(organization=organization, now=now, people=waiting)
    return sent
