"""The API fuzzer's world, its two profiles and its tally.

`FUZZ_PROFILE=quick` (the default, part of the suite) tries a few derandomized examples per operation;
`FUZZ_PROFILE=deep` (`make fuzz`) tries many more and walks longer stateful scenarios. Both are seeded, so a
failure found once is found again. At the end of the session the tally prints what was fuzzed.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.authtoken.models import Token
from schemathesis.core.result import Ok
from schemathesis.generation.meta import StatefulPhaseData

from nominations.enums import NominationState
from roles.enums import Capacity
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory
from tests.factories.nominations import NominationCallFactory, NominationFactory
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
)
from tests.factories.training import (
    CourseCompetencyFactory,
    CourseFactory,
    EnrollmentFactory,
    TrainingSessionFactory,
)


@dataclass(frozen=True)
class Profile:
    max_examples: int  # per operation and phase, for each client
    coverage: bool  # schemathesis's coverage phase: boundary values of every parameter
    scenarios: int  # stateful runs
    steps: int  # calls per stateful run, at most


PROFILES = {
    "quick": Profile(max_examples=4, coverage=False, scenarios=6, steps=8),
    "deep": Profile(max_examples=100, coverage=True, scenarios=50, steps=20),
}
PROFILE_NAME = os.environ.get("FUZZ_PROFILE", "quick")
PROFILE = PROFILES[PROFILE_NAME]
SEED = 20_260_907

# Keys of the world's objects, fixed so that the fuzzer can name them (ids far above what a run creates).
ORGANIZATION = "fuzzland"
CATEGORY = "fuzz-category"
COMPETENCY = "fuzzing"
KEY = 900_001  # the id of the world's role, person, call, nomination and session

# Schemathesis's checks, every one of them on: the run fails on any of these.
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "positive_data_acceptance",
    "negative_data_rejection",
    "use_after_free",
    "ensure_resource_availability",
    "missing_required_header",
    "ignored_auth",
    "object_level_authorization",
    "unsupported_method",
    "allow_header_conformance",
]


def schemathesis_config() -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            # Schemathesis asks for gzip like a browser, but its WSGI transport hands the checks the body
            # as served, undecoded; compression has its own tests (tests/security/test_compression.py).
            "headers": {"Accept-Encoding": "identity"},
            "generation": {
                "max-examples": PROFILE.max_examples,
                "deterministic": PROFILE_NAME == "quick",
                "mode": "all",  # valid data and invalid data
                "database": "none",  # no example database: CI and laptops find the same things
            },
            "phases": {
                "coverage": {"enabled": PROFILE.coverage},
                "stateful": {
                    "max-steps": PROFILE.steps,
                    # The scenarios sign in with a real token. Made-up credentials sent beside it (a random
                    # session cookie) would make the ignored_auth check read a valid request as one with
                    # made-up auth; the stateless runs try made-up and missing credentials already.
                    "generation": {"with-security-parameters": False},
                },
            },
            # Most of the time, a body names objects of the world rather than random ones, so that creations
            # succeed and the stateful runs go on to read, change and delete what they created; the rest of
            # the time the value stays random, which tries the refusals.
            "dictionaries": {
                "organizations": {"values": [ORGANIZATION]},
                "categories": {"values": [CATEGORY]},
                "competencies": {"values": [COMPETENCY]},
                "keys": {"values": [KEY]},
            },
            "parameters": {
                "body.organization": {"dictionary": "organizations", "probability": 0.8},
                "body.category": {"dictionary": "categories", "probability": 0.8},
                "body.requirements[*].competency": {"dictionary": "competencies", "probability": 0.8},
                **{
                    f"body.{name}": {"dictionary": "keys", "probability": 0.8}
                    for name in ("role", "person", "call", "nomination", "session")
                },
            },
            "checks": {
                **{name: {"enabled": True} for name in CHECKS},
                # A request that matches the schema may still break a rule JSON Schema cannot say: a slug
                # or id must name an existing object (`?organization=`, `"call": 12`), a cursor must come
                # from a `next` link, a call must be open, a term must not overlap another. The API answers
                # those 400 with the field at fault, by design (tests/<app>/api/ pin the messages), so 400 is
                # an acceptable answer to valid-looking data; a 5xx or a wrong shape still fails.
                "positive_data_acceptance": {
                    "enabled": True,
                    "expected-statuses": ["2XX", 400, 401, 403, 404, 409, 429],
                },
            },
        }
    )


class Tally:
    """What the fuzzer did: operations, calls (examples), checks run and failed, by check."""

    def __init__(self) -> None:
        self.operations: set[str] = set()
        self.examples = 0
        self.checks: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.phases: Counter[str] = Counter()
        self.chained: Counter[str] = Counter()  # stateful steps that followed a link and succeeded

    def after_validate(self, context, case, response, results) -> None:
        self.operations.add(case.operation.label)
        self.examples += 1
        phase = case.meta.phase if case.meta is not None else None
        self.phases[phase.name.value if phase is not None else "explicit"] += 1
        linked = isinstance(getattr(phase, "data", None), StatefulPhaseData) and phase.data.description
        if linked and 200 <= response.status_code < 300:
            self.chained[f"{case.operation.method.upper()} {case.operation.path}"] += 1
        for result in results:
            self.checks[result.name] += 1
            if result.failure is not None:
                self.failures[result.name] += 1

    def lines(self) -> list[str]:
        return [
            f"API fuzzing ({PROFILE_NAME} profile, seed {SEED}): {len(self.operations)} operations tested, "
            f"{self.examples} examples generated, {sum(self.checks.values())} checks run, "
            f"{sum(self.failures.values())} failures",
            "  examples by phase: "
            + ", ".join(f"{name} {count}" for name, count in sorted(self.phases.items())),
            "  checks run: " + ", ".join(f"{name} {count}" for name, count in sorted(self.checks.items())),
            f"  stateful steps that followed a link and succeeded: {sum(self.chained.values())} "
            + "("
            + ", ".join(f"{name} {count}" for name, count in sorted(self.chained.items()))
            + ")",
        ]


TALLY = Tally()


def load_schema() -> schemathesis.BaseSchema:
    """The schema as /api/v1/schema/ serves it, called through the WSGI app (no server, same database)."""
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", get_wsgi_application(), config=schemathesis_config()
    )

    @schema.hook
    def after_validate(context, case, response, results):
        TALLY.after_validate(context, case, response, results)

    return schema


def operation_count(schema: schemathesis.BaseSchema) -> int:
    return sum(1 for result in schema.get_all_operations() if isinstance(result, Ok))


@dataclass
class World:
    organizer_token: str
    staff_token: str


@pytest.fixture
def world(db, settings) -> Iterator[World]:
    """An organisation whose organizer can create in it: roles, a template, competencies, an open call
    with a nomination, a course with a session that has seats; plus a staff account for the catalogue.

    Throttles are off (a dummy cache counts nothing): the fuzzer sends hundreds of requests a minute, and
    a 429 would stop it from reaching the code under test. Throttling has its own tests in tests/api/.
    """
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    org = OrganizationFactory(name="Wikimedia Fuzzland", name_en="Wikimedia Fuzzland", slug=ORGANIZATION)
    organizer = UserFactory(username="fuzz-organizer")
    MembershipFactory(person=organizer.person, organization=org, capacity=Capacity.ORGANIZER)
    staff = UserFactory(username="fuzz-staff", is_staff=True, is_superuser=True)
    competency = CompetencyFactory(category=CompetencyCategoryFactory(slug=CATEGORY), slug=COMPETENCY)
    RoleTemplateFactory()
    role = RoleFactory(id=KEY, organization=org, seats=3, open_for_nominations=True)
    RoleRequirementFactory(role=role, competency=competency)
    RoleHolderFactory(role=role, person=PersonFactory(id=KEY))
    call = NominationCallFactory(id=KEY, organization=org, roles=[role], reviewers=[organizer])
    NominationFactory(id=KEY, call=call, state=NominationState.IN_REVIEW)
    course = CourseFactory(organization=org)
    CourseCompetencyFactory(course=course, competency=competency)
    session = TrainingSessionFactory(id=KEY, course=course, capacity=500)
    EnrollmentFactory(session=session, person=PersonFactory())
    # The fuzzer calls the WSGI app itself, not through Django's test client, so Django would close the
    # database connection at the end of each request, and with it the test's transaction (PostgreSQL).
    # Django's test client keeps it open the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield World(
        organizer_token=Token.objects.create(user=organizer).key,
        staff_token=Token.objects.create(user=staff).key,
    )
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if TALLY.examples:
        terminalreporter.section("API fuzzing")
        for line in TALLY.lines():
            terminalreporter.write_line(line)
