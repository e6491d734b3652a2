"""The invariants the database must hold whatever happened to it: a load soak, a crash, a bad deploy.

The database's constraints already forbid most bad states one row at a time (a counter above the capacity, a
waitlist position on a confirmed enrollment); what they cannot see spans rows: a session's counter that no
longer matches its enrollments, two learners at the same waitlist position or a gap in the waitlist, an email
that failed for good or was never written for the nomination that needs it. `manage.py check_consistency`
runs these checks (after `make soak`, or by an operator); each returns the violations it found, as
sentences an operator can act on, and an empty list when all is well.

This module sits in `leadership/`, above the apps, because it reads several of them at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from post_office.models import STATUS, Email

from leadership.common.emails import is_unsubscribed
from leadership.common.enums import EmailKind
from nominations import selectors as nomination_selectors
from nominations.enums import NominationState
from nominations.models import Nomination
from training.enums import EnrollmentState
from training.models import TrainingSession

# Outbox rows in these states are still on their way or delivered; any other state (failed, or no state at
# all) is an email that nobody will send.
LIVE_EMAIL_STATUSES = (STATUS.sent, STATUS.queued, STATUS.requeued)
SHOWN_PER_CHECK = 10  # violations listed per check; the rest are counted


@dataclass
class Report:
    """What the checks found, and the figures they read (printed by the command, kept in the soak's report)."""

    violations: dict[str, list[str]] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.violations.values())


def check_seats() -> list[str]:
    """No session has more seat-holding enrollments than seats, and each session's counter matches them."""
    sessions = (
        TrainingSession.objects.annotate(
            held=Count("enrollments", filter=Q(enrollments__state__in=EnrollmentState.seat_holding()))
        )
        .filter(
            Q(held__gt=F("capacity")) | Q(confirmed_count__gt=F("capacity")) | ~Q(held=F("confirmed_count"))
        )
        .order_by("pk")
        .values_list("pk", "capacity", "confirmed_count", "held")
    )
    return [
        f"Training session {pk}: {held} learners hold a seat, its counter says {counted}, it has {capacity} seats."
        for pk, capacity, counted, held in sessions
    ]


def check_waitlists() -> list[str]:
    """Every session's waitlist positions are 1, 2, ... n: unique, without gaps."""
    waitlists = (
        TrainingSession.objects.filter(enrollments__state=EnrollmentState.WAITLISTED)
        .annotate(
            waiting=Count("enrollments", filter=Q(enrollments__state=EnrollmentState.WAITLISTED)),
            positions=Count(
                "enrollments__waitlist_position",
                filter=Q(enrollments__state=EnrollmentState.WAITLISTED),
                distinct=True,
            ),
            first=Min(
                "enrollments__waitlist_position", filter=Q(enrollments__state=EnrollmentState.WAITLISTED)
            ),
            last=Max(
                "enrollments__waitlist_position", filter=Q(enrollments__state=EnrollmentState.WAITLISTED)
            ),
        )
        .filter(~Q(positions=F("waiting")) | ~Q(first=1) | ~Q(last=F("waiting")))
        .order_by("pk")
        .values_list("pk", "waiting", "positions", "first", "last")
    )
    return [
        f"Training session {pk}: {waiting} learners wait at {positions} distinct positions from {first} to "
        f"{last}; expected positions 1 to {waiting}."
        for pk, waiting, positions, first, last in waitlists
    ]


def check_outbox(*, since: datetime.datetime | None = None) -> tuple[list[str], dict[str, int]]:
    """No outbox row (written since `since`) failed for good or was left without a state."""
    rows = Email.objects.all()
    if since is not None:
        rows = rows.filter(created__gte=since)
    by_status = {row["status"]: row["n"] for row in rows.order_by().values("status").annotate(n=Count("id"))}
    names = {
        STATUS.sent: "sent",
        STATUS.queued: "queued",
        STATUS.requeued: "requeued",
        STATUS.failed: "failed",
    }
    figures = {f"emails_{names.get(status, 'without_status')}": count for status, count in by_status.items()}
    figures["emails"] = sum(by_status.values())
    lost = rows.exclude(status__in=LIVE_EMAIL_STATUSES).order_by("pk")
    violations = [
        f"Email {pk} ({'failed' if status == STATUS.failed else 'without a status'}): it will never be sent."
        for pk, status in lost.values_list("pk", "status")
    ]
    return violations, figures


def _recipients(values: Iterable[list[str]]) -> set[str]:
    """Every address of post_office's `to` values (lists of addresses), lowercased."""
    return {address.strip().lower() for value in values for address in value if address.strip()}


def check_nomination_emails(*, since: datetime.datetime) -> tuple[list[str], dict[str, int]]:
    """Every nomination submitted since `since` that waits on someone has the email that asks them.

    An anonymous nominator's nomination waits for the nominator to confirm their address (the verification
    email, to them); an invited nomination waits for the nominee's consent (the consent email, to the
    nominee). An address that unsubscribed from that kind of email is rightly sent nothing.
    """
    nominations = list(
        Nomination.objects.filter(created_at__gte=since)
        .order_by("pk")
        .values_list(
            "pk", "state", "nominator_id", "nominator_email", "nominator_verified_at", "nominee_email"
        )
    )
    addressed = _recipients(Email.objects.filter(created__gte=since).values_list("to", flat=True).iterator())
    violations = []
    waiting = 0
    for pk, state, nominator_id, nominator_email, verified_at, nominee_email in nominations:
        if state == NominationState.SUBMITTED and nominator_id is None and verified_at is None:
            address, kind, what = (
                nominator_email,
                EmailKind.NOMINATION_NOMINATOR,
                "verification email to its nominator",
            )
        elif state == NominationState.INVITED:
            address, kind, what = nominee_email, EmailKind.NOMINATION, "consent email to its nominee"
        else:
            continue
        if not address:  # erased
            continue
        waiting += 1
        if address.lower() not in addressed and not is_unsubscribed(address=address, kind=kind):
            violations.append(f"Nomination {pk} ({state}) has no {what} in the outbox.")
    return violations, {"nominations": len(nominations), "nominations_awaiting_an_answer": waiting}


def check_nomination_scores() -> list[str]:
    """Every nomination's stored ranking aggregate (weighted score, review count) is the one its reviews give."""
    return [
        f"Nomination {pk}: its stored weighted score is {stored} over {count} reviews; its reviews give "
        f"{live} over {live_count}."
        for pk, stored, count, live, live_count in nomination_selectors.nominations_score_drift()
    ]


def check_all(*, since: datetime.datetime | None = None) -> Report:
    """Run every check. The outbox check reads the rows written since `since` (every row without it); the
    nominations' emails are checked since `since`, or over the retention period of sent emails (older ones
    may rightly have been purged)."""
    report = Report()
    report.violations["seats"] = check_seats()
    report.violations["waitlists"] = check_waitlists()
    report.violations["outbox"], outbox_figures = check_outbox(since=since)
    report.figures.update(outbox_figures)
    nominations_since = since or timezone.now() - datetime.timedelta(days=settings.EMAIL_RETENTION_DAYS)
    report.violations["nomination_emails"], nomination_figures = check_nomination_emails(
        since=nominations_since
    )
    report.figures.update(nomination_figures)
    report.violations["nomination_scores"] = check_nomination_scores()
    report.figures["sessions"] = TrainingSession.objects.count()
    report.figures["waitlisted"] = TrainingSession.objects.aggregate(
        n=Count("enrollments", filter=Q(enrollments__state=EnrollmentState.WAITLISTED))
    )["n"]
    return report
