"""What the benchmark measures: scenarios (method, address, expected status) and the targets they must meet.

Any status other than the one a scenario expects counts as an error. Write scenarios draw on the pool of
signed-in accounts (`Account`: a session cookie with a CSRF token, and an API token) and build their bodies
per request; issue 3 measures reads only, plus a signed-in page that proves the pool works.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db.models import Count
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token

from roles.enums import OrganizationStatus
from roles.models import Competency, Organization, Role, RoleHolder

from .seed import COMMON_WORD, PAGE_SIZE, RARE_WORD

TARGET_P95_MS = 50.0
TARGET_DEEP_PAGE_RATIO = 1.5  # page 500's p95 at most this many times page 1's
TARGET_API_ROLES_SHARE = 0.25  # the API role list's throughput, as a share of the floor's
DEEP_PAGE = 500

FLOOR, PAGE, SEARCH, API = "floor", "page", "search", "api"


@dataclass(frozen=True)
class Account:
    """A signed-in account of the pool: its session and CSRF cookies, and its API token."""

    user_id: int
    person_id: int | None
    session_key: str
    csrf_token: str
    api_token: str


@dataclass(frozen=True)
class Scenario:
    name: str
    url: str
    kind: str  # FLOOR, PAGE, SEARCH or API
    method: str = "GET"
    expected_status: int = 200
    auth: str | None = None  # None (anonymous), "session" or "token"
    body: Callable[[Account, int], bytes] | None = None  # per account and request number
    content_type: str = ""


@dataclass(frozen=True)
class Facts:
    """Where the scenarios point in the seeded database."""

    listed_roles: int
    deep_page: int
    role_id: int
    competency_slug: str
    organization_slug: str

    @property
    def deep_page_name(self) -> str:
        return f"directory page {self.deep_page}"


def gather_facts() -> Facts:
    """The directory's deep page (500, or the last one at small scale), the busiest role, the most
    required competency and the organisation with the most roles."""
    listed = Role.objects.filter(
        active=True, organization__status=OrganizationStatus.APPROVED, organization__active=True
    )
    listed_roles = listed.count()
    last_page = max(1, math.ceil(listed_roles / PAGE_SIZE))
    role = (
        RoleHolder.objects.filter(role__in=listed)
        .values("role_id")
        .annotate(terms=Count("id"))
        .order_by("-terms", "role_id")
        .first()
    )
    competency = (
        Competency.objects.filter(active=True)
        .annotate(required_by=Count("role_requirements"))
        .order_by("-required_by", "id")
        .values_list("slug", flat=True)
        .first()
    )
    organization = (
        Organization.objects.filter(status=OrganizationStatus.APPROVED, active=True)
        .annotate(role_count=Count("roles"))
        .order_by("-role_count", "id")
        .values_list("slug", flat=True)
        .first()
    )
    if role is None or competency is None or organization is None:
        raise RuntimeError(
            "The benchmark database holds no roles, competencies or organisations: seed it first."
        )
    return Facts(
        listed_roles=listed_roles,
        deep_page=min(DEEP_PAGE, last_page),
        role_id=role["role_id"],
        competency_slug=competency,
        organization_slug=organization,
    )


def build(facts: Facts) -> list[Scenario]:
    """Every scenario, the floor first (the others are compared with it)."""
    return [
        Scenario("floor /healthz/live", "/healthz/live", FLOOR),
        Scenario("directory page 1", "/en/roles/", PAGE),
        Scenario(f"directory search, common word “{COMMON_WORD}”", f"/en/roles/?q={COMMON_WORD}", SEARCH),
        Scenario(f"directory search, rare word “{RARE_WORD}”", f"/en/roles/?q={RARE_WORD}", SEARCH),
        Scenario(facts.deep_page_name, f"/en/roles/?page={facts.deep_page}", PAGE),
        Scenario("role page", f"/en/roles/{facts.role_id}/", PAGE),
        Scenario("competency page", f"/en/competencies/{facts.competency_slug}/", PAGE),
        Scenario("organisation matrix", f"/en/organizations/{facts.organization_slug}/matrix/", PAGE),
        Scenario("API roles", "/api/v1/roles/", API),
        Scenario("API competencies", "/api/v1/competencies/", API),
        Scenario("API people", "/api/v1/people/", API),
        Scenario("my profile (signed in)", "/en/me/", PAGE, auth="session"),
    ]


def make_accounts() -> list[Account]:
    """Sign every account of the pool in: a session as django.contrib.auth.login writes it, a CSRF secret,
    and the account's API token. Sessions are signed with this process's SECRET_KEY, which the server
    shares."""
    engine = import_module(settings.SESSION_ENGINE)
    accounts = []
    tokens = dict(Token.objects.values_list("user_id", "key"))
    for user in get_user_model().objects.filter(is_active=True).select_related("person").order_by("id"):
        if user.pk not in tokens:
            continue
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        person = getattr(user, "person", None)
        accounts.append(
            Account(
                user_id=user.pk,
                person_id=person.pk if person else None,
                session_key=session.session_key or "",
                csrf_token=get_random_string(CSRF_SECRET_LENGTH),
                api_token=tokens[user.pk],
            )
        )
    return accounts


# --- Targets -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    target: str
    passed: bool
    detail: str


def check_errors(results: Sequence[dict[str, Any]]) -> list[Check]:
    """Every scenario answered every request with its expected status (the smoke run's only check)."""
    return [
        Check(
            f"{result['name']}: every answer as expected",
            result["errors"] == 0,
            f"{result['errors']} of {result['requests']} requests failed ({result.get('statuses', {})})",
        )
        for result in results
    ]


def check_targets(results: Sequence[dict[str, Any]], facts: Facts) -> list[Check]:
    """Issue 3's targets: p95 ≤ 50 ms for every page, search and API list; the deep page within 1.5 times
    page 1 (p95); the API role list at least a quarter of the floor's throughput."""
    by_name = {result["name"]: result for result in results}
    checks = []
    for result in results:
        if result["kind"] == FLOOR:
            continue
        p95 = result["p95_ms"]
        checks.append(
            Check(
                f"{result['name']}: p95 ≤ {TARGET_P95_MS:g} ms",
                p95 is not None and p95 <= TARGET_P95_MS,
                f"p95 {p95} ms",
            )
        )
    first, deep = by_name.get("directory page 1"), by_name.get(facts.deep_page_name)
    if first and deep and first["p95_ms"] and deep["p95_ms"]:
        ratio = deep["p95_ms"] / first["p95_ms"]
        checks.append(
            Check(
                f"{facts.deep_page_name} within {TARGET_DEEP_PAGE_RATIO:g}× of page 1 (p95)",
                ratio <= TARGET_DEEP_PAGE_RATIO,
                f"{ratio:.2f}× ({deep['p95_ms']} ms against {first['p95_ms']} ms)",
            )
        )
    api_roles = by_name.get("API roles")
    if api_roles and api_roles["ratio_to_floor"] is not None:
        share = api_roles["ratio_to_floor"]
        checks.append(
            Check(
                f"API roles ≥ {TARGET_API_ROLES_SHARE:g} of the floor's throughput",
                share >= TARGET_API_ROLES_SHARE,
                f"{share:.2f} of the floor ({api_roles['rps']} against {by_name[results[0]['name']]['rps']} req/s)",
            )
        )
    return checks
