"""`manage.py check_consistency`: are the invariants that span rows still true? Exit status 1 when not.

`make soak` runs it on the soak's database after the load; an operator runs it after an incident. It checks
that no training session holds more learners than seats (and that its counter matches its enrollments),
that every waitlist reads 1, 2, ... n, that no outbox email failed for good, and that every nomination
waiting for an answer has the email that asks for it, and that each nomination's stored ranking score
is the one its reviews give (see `leadership.consistency`).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from leadership.consistency import SHOWN_PER_CHECK, check_all

TITLES = {
    "seats": "Seats: no session above its capacity, counters match the enrollments",
    "waitlists": "Waitlists: positions unique and contiguous (1..n)",
    "outbox": "Outbox: every email sent or still queued, none failed",
    "nomination_emails": "Nominations: each one waiting for an answer has its email",
    "nomination_scores": "Nominations: each stored ranking score is the one its reviews give",
}


def _since(value: str) -> datetime.datetime:
    moment = parse_datetime(value)
    if moment is None:
        raise CommandError(f"--since takes an ISO 8601 date and time, not {value!r}.")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)


class Command(BaseCommand):
    help = (
        "Check the invariants that span rows: seats never above capacity, waitlist positions 1..n, no email "
        "lost from the outbox, an email for every nomination waiting for an answer. Exits with status 1 and "
        "lists the violations when one does not hold."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=_since,
            help="Check only the emails and nominations written since this ISO 8601 time (e.g. a soak's start).",
        )
        parser.add_argument(
            "--json", dest="json_path", help="Also write the findings and figures as JSON here."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = check_all(since=options["since"])
        for name, violations in report.violations.items():
            verdict = (
                self.style.SUCCESS("ok") if not violations else self.style.ERROR(f"{len(violations)} FAILED")
            )
            self.stdout.write(f"{TITLES[name]}: {verdict}")
            for line in violations[:SHOWN_PER_CHECK]:
                self.stdout.write(f"  - {line}")
            if len(violations) > SHOWN_PER_CHECK:
                self.stdout.write(f"  ... and {len(violations) - SHOWN_PER_CHECK} more")
        figures = ", ".join(f"{name} {value}" for name, value in sorted(report.figures.items()))
        self.stdout.write(f"Figures: {figures}")
        if options["json_path"]:
            Path(options["json_path"]).write_text(
                json.dumps(
                    {"ok": report.ok, "violations": report.violations, "figures": report.figures}, indent=2
                )
                + "\n"
            )
        if not report.ok:
            failed = sum(len(violations) for violations in report.violations.values())
            raise CommandError(f"The database is not consistent: {failed} violation(s), listed above.")
        self.stdout.write(self.style.SUCCESS("The database is consistent."))
