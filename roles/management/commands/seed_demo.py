"""`manage.py seed_demo`: the fictional demo data of the quick start, created once, unchanged on a rerun."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from tqdm import tqdm

from roles.demo import ADMIN_EMAIL, ORGANIZER_EMAIL, PEOPLE, DemoContext, collect_steps
from roles.enums import Capacity


class Command(BaseCommand):
    help = (
        "Create the fictional demo data: organisations of every kind in every region, hubs, demo accounts "
        "and memberships; competencies, role templates, roles in every organisation, their holders (terms "
        "ending soon, past their limit, vacant seats) and people's competencies. Only what is missing is "
        "created, so running it again changes nothing; it queues no email."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Show no progress bar.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even with DEBUG off (the demo accounts have a published password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "DEBUG is off: this looks like a real site, and the demo accounts (a superuser among them) "
                "have a published password. Use --allow-without-debug if this is really a demo."
            )
        steps = collect_steps()
        ctx = DemoContext(password=settings.DEMO_PASSWORD)
        progress = tqdm(
            total=sum(step.size for step in steps),
            desc="Demo data",
            unit="row",
            file=sys.stderr,
            disable=True if options["quiet"] else None,  # None: shown on a terminal only
            dynamic_ncols=True,
        )
        with progress, translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            for step in steps:
                progress.set_description(step.name)
                done = 0
                for _row in step.run(ctx):
                    done += 1
                    progress.update(1)
                if done < step.size:
                    progress.update(step.size - done)
            progress.set_description("Demo data")
        if options["verbosity"] >= 1:
            self._summary(ctx)

    def _summary(self, ctx: DemoContext) -> None:
        created = ", ".join(f"{count} {what}" for what, count in ctx.created.items() if count)
        outcome = f"created {created}" if created else "nothing was missing"
        left_out = ", ".join(f"{count} {what}" for what, count in ctx.left_out.items() if count)
        if left_out:
            outcome += f"; left out {left_out}"
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({outcome})."))
        organizer = next(person for person in PEOPLE if person.email == ORGANIZER_EMAIL)
        roles = "; ".join(
            f"{Capacity(capacity).label.lower()} of {ctx.organization(slug).name}"
            for slug, capacity in organizer.memberships
        )
        password = settings.DEMO_PASSWORD
        self.stdout.write(
            "\n".join(
                [
                    f"  Open:            {settings.SITE_URL}/",
                    f"  Demo admin:      {ADMIN_EMAIL}  password: {password}",
                    f"  Demo organizer:  {ORGANIZER_EMAIL}  password: {password}",
                    f"                   ({roles})",
                    "  Every other …@demo.example.org account has the same password.",
                ]
            )
        )
