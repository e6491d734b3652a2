"""What the benchmark measures: scenarios (method, address, expected status) and the targets they must meet.

Any status other than the one a scenario expects counts as an error. Write scenarios draw on the pool of
signed-in accounts (`Account`: a session cookie with a CSRF token, and an API token) and build their address
and body per request number, so that every request writes something new (a learner enrolls in a session they
were not in; a nomination names a nominee email never used), also when the database is reused by a later
run; the rows they leave are counted before and after (`effect`), so that a write answered with the expected
status but refused by the service (the enroll view redirects either way) still counts as an error.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db.models import Count
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token

from nominations.enums import NominationState, QuestionKind
from nominations.models import Nomination, NominationCall
from roles import selectors as role_selectors
from roles import services as role_services
from roles.enums import Capacity, OrganizationStatus, RegionCode, RoleKind
from roles.models import (
    Competency,
    CompetencyCategory,
    Membership,
    Organization,
    Person,
    Role,
    RoleHolder,
)
from training.enums import SessionStatus
from training.models import Enrollment, TrainingSession

from .seed import COMMON_WORD, PAGE_SIZE, RARE_WORD
from .seed_nominations import REVIEW_CALL_ID, SUBMIT_CALL_ID

TARGET_P95_MS = 50.0
TARGET_DEEP_PAGE_RATIO = 1.5  # page 500's p95 at most this many times page 1's
TARGET_API_ROLES_SHARE = 0.25  # the API role list's throughput, as a share of the floor's
DEEP_PAGE = 500
TARGET_LIST_PAGE_BYTES = 150_000  # a list page's HTML before compression
TARGET_MATRIX_BYTES = 200_000  # the busiest organisation's matrix before compression
CYCLE = 20  # the directory, search and API-list scenarios cycle through at least this many addresses

FLOOR, PAGE, SEARCH, API, WRITE = "floor", "page", "search", "api", "write"
ENROLLABLE_PER_ACCOUNT = 5_000  # sessions each account of the pool may still enroll in (far more than needed)
ENROLL_MARGIN = timedelta(minutes=30)  # a session stays open for enrollment during the whole run


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
    kind: str  # FLOOR, PAGE, SEARCH, API or WRITE
    method: str = "GET"
    expected_status: int = 200
    auth: str | None = None  # None (anonymous), "session" or "token"
    body: Callable[[Account, int], bytes] | None = None  # per account and request number
    content_type: str = ""
    target: Callable[[Account, int], str] | None = None  # the address per account and request number
    account_ids: tuple[int, ...] = ()  # only these accounts of the pool (by user id); empty: all of them
    effect: Callable[[], int] | None = None  # counts the rows the requests write: one more per request
    urls: tuple[str, ...] = ()  # anonymous scenarios cycling through addresses: request n asks urls[n % len]
    prepare: Callable[[int], None] | None = None  # runs before request n (untimed): a write, for example
    finish: Callable[[], None] | None = None  # undoes what `prepare` left, after the scenario
    max_bytes: int | None = None  # the target for the largest response before compression

    def pool(self, accounts: Sequence[Account]) -> list[Account]:
        """The accounts this scenario signs in as, in order."""
        if not self.account_ids:
            return list(accounts)
        return [account for account in accounts if account.user_id in self.account_ids]

    def url_for(self, account: Account | None, number: int) -> str:
        if self.target and account:
            return self.target(account, number)
        if self.urls:
            return self.urls[number % len(self.urls)]
        return self.url

    @property
    def addresses(self) -> tuple[str, ...]:
        """The distinct addresses an anonymous scenario asks for (one for the others)."""
        return self.urls or (self.url,)


@dataclass(frozen=True)
class Facts:
    """Where the scenarios point in the seeded database."""

    listed_roles: int
    deep_page: int
    role_id: int
    competency_slug: str
    organization_slug: str
    region_code: str = ""  # the region with the most organisations (its overview)
    # Training and nominations (None where the database holds none)
    session_id: int | None = None
    review_call_id: int | None = None
    review_call_nominations: int = 0
    review_call_organizer: int | None = None  # a user id of the pool
    submit_call_id: int | None = None
    submit_answers: tuple[tuple[str, str], ...] = ()  # the submit call's required questions, answered
    enrollable: dict[int, tuple[int, ...]] = field(default_factory=dict)  # user id: session ids
    # What the cycling scenarios go through: the busiest organisations and most required competencies
    # (first: the busiest, the most required), the categories, the directory's first role and its title.
    organization_roles: int = 0  # roles of the busiest organisation (its matrix)
    organization_slugs: tuple[str, ...] = ()
    competency_slugs: tuple[str, ...] = ()
    category_slugs: tuple[str, ...] = ()
    first_role_id: int | None = None
    first_role_title: str = ""
    run: str = field(default_factory=lambda: secrets.token_hex(4))  # marks this run's nominee emails

    @property
    def deep_page_name(self) -> str:
        return f"directory page {self.deep_page}"

    @property
    def review_table_name(self) -> str:
        return f"review table ({self.review_call_nominations} nominations)"


def gather_facts() -> Facts:
    """The directory's deep page (500, or the last one at small scale), the busiest role, the most
    required competencies and the organisations with the most roles (the first: the busiest), the
    competency categories and the directory's first role (the one the write-then-read scenario edits)."""
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
    competencies = list(
        Competency.objects.filter(active=True)
        .annotate(required_by=Count("role_requirements"))
        .order_by("-required_by", "id")
        .values_list("slug", flat=True)[:CYCLE]
    )
    busiest = list(
        Organization.objects.filter(status=OrganizationStatus.APPROVED, active=True)
        .annotate(role_count=Count("roles"))
        .order_by("-role_count", "id")
        .values_list("slug", "role_count")[:CYCLE]
    )
    competency = competencies[0] if competencies else None
    organization = busiest[0][0] if busiest else None
    first_role = role_selectors.role_directory().prefetch_related(None).values_list("id", "title_en").first()
    region = (
        Organization.objects.filter(status=OrganizationStatus.APPROVED, active=True, region__isnull=False)
        .values("region__code")
        .annotate(organizations=Count("id"))
        .order_by("-organizations", "region__code")
        .values_list("region__code", flat=True)
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
        region_code=region or "",
        organization_roles=busiest[0][1],
        organization_slugs=tuple(slug for slug, _count in busiest),
        competency_slugs=tuple(competencies),
        category_slugs=tuple(
            CompetencyCategory.objects.order_by("order", "slug").values_list("slug", flat=True)
        ),
        first_role_id=first_role[0] if first_role else None,
        first_role_title=first_role[1] if first_role else "",
        **_training_facts(),
        **_nomination_facts(),
    )


def _training_facts() -> dict[str, Any]:
    """The upcoming published session with the most learners, and for each account of the pool the open
    sessions it has not enrolled in yet (soonest first)."""
    now = timezone.now()
    session = (
        TrainingSession.objects.filter(status=SessionStatus.PUBLISHED, starts_at__gt=now)
        .order_by("-confirmed_count", "starts_at", "id")
        .values_list("id", flat=True)
        .first()
    )
    open_sessions = list(
        TrainingSession.objects.filter(
            status=SessionStatus.PUBLISHED,
            enrollment_deadline__gt=now + ENROLL_MARGIN,
            starts_at__gt=now + ENROLL_MARGIN,
        )
        .order_by("starts_at", "id")
        .values_list("id", flat=True)[: ENROLLABLE_PER_ACCOUNT * 2]
    )
    learners = dict(
        Person.objects.filter(user__isnull=False, user__is_active=True).values_list("user_id", "id")
    )
    enrolled = set(
        Enrollment.objects.filter(person_id__in=learners.values()).values_list("person_id", "session_id")
    )
    enrollable = {
        user_id: tuple(s for s in open_sessions if (person_id, s) not in enrolled)[:ENROLLABLE_PER_ACCOUNT]
        for user_id, person_id in learners.items()
    }
    return {"session_id": session, "enrollable": enrollable}


def _nomination_facts() -> dict[str, Any]:
    """The review table's call (its size and an organizer of its organisation in the pool), and the open
    call that takes the submitted nominations with its required questions answered."""
    facts: dict[str, Any] = {}
    review = NominationCall.objects.filter(pk=REVIEW_CALL_ID).values("id", "organization_id").first()
    if review is not None:
        facts["review_call_id"] = review["id"]
        facts["review_call_nominations"] = Nomination.objects.filter(
            call_id=review["id"], state__in=NominationState.consented(), erased_at__isnull=True
        ).count()
        facts["review_call_organizer"] = (
            Membership.objects.filter(
                organization_id=review["organization_id"],
                capacity=Capacity.ORGANIZER,
                person__user__isnull=False,
            )
            .order_by("person__user_id")
            .values_list("person__user_id", flat=True)
            .first()
        )
    submit = NominationCall.objects.filter(pk=SUBMIT_CALL_ID).prefetch_related("questions").first()
    if submit is not None and submit.is_open:
        facts["submit_call_id"] = submit.pk
        facts["submit_answers"] = tuple(
            (
                f"question_{question.pk}",
                question.choices[0] if question.kind == QuestionKind.CHOICE else "Ran our editathons.",
            )
            for question in submit.questions.all()
            if question.required
        )
    return facts


def build(facts: Facts) -> list[Scenario]:
    """Every scenario, the floor first (the others are compared with it)."""
    return [
        *_registry_scenarios(facts),
        *training_scenarios(facts),
        *nomination_scenarios(facts),
        *overview_scenarios(facts),
    ]


def _url(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _form(fields: dict[str, str] | list[tuple[str, str]]) -> bytes:
    return urlencode(fields).encode()


FORM = "application/x-www-form-urlencoded"


def training_scenarios(facts: Facts) -> list[Scenario]:
    """The catalogue, the calendar, a session's page and enrolling (each request a new learner+session pair:
    the n-th request of an account of the pool takes the n-th session it may still enroll in)."""
    scenarios = [
        Scenario("training catalogue", _url("training:course_list"), PAGE, max_bytes=TARGET_LIST_PAGE_BYTES),
        Scenario("training calendar", _url("training:calendar"), PAGE, max_bytes=TARGET_LIST_PAGE_BYTES),
    ]
    if facts.session_id is not None:
        scenarios.append(Scenario("session page", _url("training:session_detail", facts.session_id), PAGE))
    learners = tuple(user_id for user_id, sessions in sorted(facts.enrollable.items()) if sessions)
    if learners:
        enrollable = facts.enrollable

        def enroll_url(account: Account, number: int) -> str:
            sessions = enrollable[account.user_id]
            return _url("training:session_enroll", sessions[min(number // len(learners), len(sessions) - 1)])

        def enrollments() -> int:
            return Enrollment.objects.filter(person__user_id__in=learners).count()

        scenarios.append(
            Scenario(
                "enroll in a session (POST)",
                _url("training:session_enroll", enrollable[learners[0]][0]),
                WRITE,
                method="POST",
                expected_status=302,  # back to the session's page, with a message
                auth="session",
                body=lambda account, number: b"",
                content_type=FORM,
                target=enroll_url,
                account_ids=learners,
                effect=enrollments,
            )
        )
    return scenarios


def nomination_scenarios(facts: Facts) -> list[Scenario]:
    """The open calls, a call's page, nominating (a new nominee email each request, marked with the run) and
    the review table of the big call as one of its organizers."""
    scenarios = [
        Scenario("open calls", _url("nominations:call_list"), PAGE, max_bytes=TARGET_LIST_PAGE_BYTES)
    ]
    if facts.review_call_id is not None:
        scenarios.append(Scenario("call page", _url("nominations:call_detail", facts.review_call_id), PAGE))
    if facts.submit_call_id is not None:
        run, answers = facts.run, facts.submit_answers

        def nominate(account: Account, number: int) -> bytes:
            return _form(
                [
                    ("kind", "other"),
                    ("nominee_name", f"Nominee {run} {number}"),
                    ("nominee_email", f"bench-{run}-{number}@nominee.example.org"),
                    ("nominee_region", "ESEAP"),
                    ("nominee_languages", "id"),
                    ("statement", "Organised our editathons for three years and mentors every newcomer."),
                    ("language", "en"),
                    ("website", ""),
                    *answers,
                ]
            )

        def nominations() -> int:
            return Nomination.objects.filter(nominee_email__startswith=f"bench-{run}-").count()

        scenarios.append(
            Scenario(
                "nominate (POST)",
                _url("nominations:nominate", facts.submit_call_id),
                WRITE,
                method="POST",
                expected_status=302,  # to the "thank you" page
                auth="session",
                body=nominate,
                content_type=FORM,
                effect=nominations,
            )
        )
    if facts.review_call_id is not None and facts.review_call_organizer is not None:
        scenarios.append(
            Scenario(
                facts.review_table_name,
                _url("nominations:call_manage", facts.review_call_id),
                PAGE,
                auth="session",
                account_ids=(facts.review_call_organizer,),
                max_bytes=TARGET_LIST_PAGE_BYTES,
            )
        )
    return scenarios


def overview_scenarios(facts: Facts) -> list[Scenario]:
    """Issue 6: the movement's overview and a region's (the one with the most organisations) within the
    same targets as every page, read from the figures `overview.refresh` materialised; an organisation's
    overview (its live renewal lists) and the API's movement figures beside them."""
    scenarios = [Scenario("movement overview", _url("overview:movement"), PAGE)]
    if facts.region_code:
        scenarios.append(Scenario("region overview", _url("overview:region", facts.region_code), PAGE))
    scenarios += [
        Scenario("organisation overview", _url("overview:organization", facts.organization_slug), PAGE),
        Scenario("API movement overview", "/api/v1/overview/", API),
    ]
    return scenarios


# Words that many roles contain (from the generator's vocabulary), by language: the common word first.
COMMON_WORDS = {
    "en": (
        COMMON_WORD, "board", "organisation", "budget", "newcomers", "editors", "movement", "reports",
        "wikidata", "wikipedia", "commons", "quarter", "activities", "timeline", "affiliate",
        "discussions", "volunteers", "local", "partnerships", "strategy",
    ),
    "fr": (
        "communauté", "bénévoles", "conseil", "organisation", "budget", "calendrier", "nouveaux",
        "contributeurs", "mouvement", "rapports", "wikidata", "wikipédia", "trimestre", "activités",
        "affilié", "discussions", "locale", "partenariats", "stratégie", "président",
    ),
    "ar": (
        "المجتمع", "متطوعيه", "المجلس", "المنظمة", "الميزانية", "الجدول", "القادمين", "بمحررين", "الحركة",
        "التقارير", "ويكي", "ويكيبيديا", "سنة", "الأنشطة", "المنتسبة", "نقاشات", "المحلي", "شراكات",
        "الاستراتيجية", "رئيس",
    ),
}  # fmt: skip
# The rare word in each language's text (the same handful of roles), alone and with filters.
RARE_WORDS = (RARE_WORD, "archives", "archivos", "arquivos", "الأرشيف")
RARE_FILTERS = ("", "&vacant=on", "&open=on", f"&kind={RoleKind.BOARD}")


def _query(path: str, **params: str) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def directory_urls(facts: Facts) -> tuple[str, ...]:
    """Page 1 of the directory, unfiltered and under each filter: kinds, regions, vacant seats, open for
    nominations, the busiest organisations, the most required competencies."""
    path = "/en/roles/"
    return (
        path,
        *(_query(path, kind=kind) for kind in RoleKind.values),
        *(_query(path, region=region) for region in RegionCode.values),
        _query(path, vacant="on"),
        _query(path, open="on"),
        *(_query(path, organization=slug) for slug in facts.organization_slugs[:4]),
        *(_query(path, competency=slug) for slug in facts.competency_slugs[:4]),
    )


def deep_page_urls(facts: Facts) -> tuple[str, ...]:
    """The CYCLE pages up to the deep page (481 to 500 at full scale; fewer when there are fewer pages)."""
    first = max(1, facts.deep_page - CYCLE + 1)
    return tuple(f"/en/roles/?page={page}" for page in range(first, facts.deep_page + 1))


def search_urls(language: str, words: Sequence[str]) -> tuple[str, ...]:
    """A search for each word in the language's directory (its prefix: /fr/, /ar/…)."""
    return tuple(_query(f"/{language}/roles/", q=word) for word in words)


def rare_search_urls() -> tuple[str, ...]:
    return tuple(
        f"/en/roles/?{urlencode({'q': word})}{extra}" for word in RARE_WORDS for extra in RARE_FILTERS
    )


def api_role_urls(facts: Facts) -> tuple[str, ...]:
    path = "/api/v1/roles/"
    return (
        path,
        *(_query(path, q=word) for word in COMMON_WORDS["en"][:5]),
        *(_query(path, kind=kind) for kind in RoleKind.values),
        *(_query(path, region=region) for region in RegionCode.values[:4]),
        *(_query(path, organization=slug) for slug in facts.organization_slugs[:3]),
        *(_query(path, competency=slug) for slug in facts.competency_slugs[:3]),
    )


def api_competency_urls(facts: Facts) -> tuple[str, ...]:
    path = "/api/v1/competencies/"
    words = (
        "communication",
        "wiki",
        "data",
        "budget",
        "train",
        "event",
        "commons",
        "lead",
        "grant",
        "policy",
    )
    return (
        path,
        *(_query(path, q=word) for word in words),
        *(_query(path, category=slug) for slug in facts.category_slugs),
        *(_query(path, parent=slug) for slug in facts.competency_slugs[:3]),
        _query(path, active="true"),
        _query(path, page_size="100"),
        _query(path, ordering="name"),
    )


def api_people_urls(facts: Facts) -> tuple[str, ...]:
    path = "/api/v1/people/"
    return (
        path,
        *(_query(path, competency=slug) for slug in facts.competency_slugs[:8]),
        *(_query(path, mentor=slug) for slug in facts.competency_slugs[:4]),
        *(_query(path, organization=slug) for slug in facts.organization_slugs[:4]),
        *(_query(path, q=name) for name in ("ana", "li", "mo", "sa", "ad", "el", "ra", "ni", "ka", "to")),
    )


def people_urls(facts: Facts) -> tuple[str, ...]:
    """The people page filtered by each of the most required competencies (its `competency` parameter)."""
    return tuple(_query("/en/people/", competency=slug) for slug in facts.competency_slugs)


def _cycling(name: str, urls: Sequence[str], kind: str, **options: Any) -> Scenario:
    unique = tuple(dict.fromkeys(urls))
    return Scenario(name, unique[0], kind, urls=unique if len(unique) > 1 else (), **options)


def _edit_first_role(facts: Facts) -> tuple[Callable[[int], None] | None, Callable[[], None] | None]:
    """A write that changes what directory page 1 shows: the title of its first role, through the service
    (so that whatever the service invalidates is invalidated); `finish` puts the title back."""
    role_id, title = facts.first_role_id, facts.first_role_title
    if role_id is None:
        return None, None

    def retitle(text: str) -> None:
        role_services.role_update(role=Role.objects.get(pk=role_id), data={"title_en": text})

    return (lambda number: retitle(f"{title} {number}")), (lambda: retitle(title))


def _registry_scenarios(facts: Facts) -> list[Scenario]:
    prepare, finish = _edit_first_role(facts)
    scenarios = [
        Scenario("floor /healthz/live", "/healthz/live", FLOOR),
        _cycling("directory page 1", directory_urls(facts), PAGE, max_bytes=TARGET_LIST_PAGE_BYTES),
        _cycling(
            "directory search, common words (en)",
            search_urls("en", COMMON_WORDS["en"]),
            SEARCH,
            max_bytes=TARGET_LIST_PAGE_BYTES,
        ),
        _cycling(
            "directory search, rare words",
            rare_search_urls(),
            SEARCH,
            max_bytes=TARGET_LIST_PAGE_BYTES,
        ),
        _cycling(facts.deep_page_name, deep_page_urls(facts), PAGE, max_bytes=TARGET_LIST_PAGE_BYTES),
        Scenario("role page", f"/en/roles/{facts.role_id}/", PAGE),
        Scenario("competency page", f"/en/competencies/{facts.competency_slug}/", PAGE),
        Scenario(
            "organisation matrix",
            f"/en/organizations/{facts.organization_slug}/matrix/",
            PAGE,
            max_bytes=TARGET_MATRIX_BYTES,
        ),
        _cycling("API roles", api_role_urls(facts), API),
        _cycling("API competencies", api_competency_urls(facts), API),
        _cycling("API people", api_people_urls(facts), API),
        Scenario("my profile (signed in)", "/en/me/", PAGE, auth="session"),
        _cycling("people, competency filter", people_urls(facts), PAGE, max_bytes=TARGET_LIST_PAGE_BYTES),
        _cycling(
            "directory search, common words (fr)",
            search_urls("fr", COMMON_WORDS["fr"]),
            SEARCH,
            max_bytes=TARGET_LIST_PAGE_BYTES,
        ),
        _cycling(
            "directory search, common words (ar)",
            search_urls("ar", COMMON_WORDS["ar"]),
            SEARCH,
            max_bytes=TARGET_LIST_PAGE_BYTES,
        ),
    ]
    if prepare is not None:
        scenarios.append(
            Scenario(
                "directory page 1 after a role edit",
                "/en/roles/",
                PAGE,
                prepare=prepare,
                finish=finish,
                max_bytes=TARGET_LIST_PAGE_BYTES,
            )
        )
    return scenarios


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
    """Every scenario answered every request with its expected status, and every write wrote its row
    (the smoke run's only checks)."""
    checks = []
    for result in results:
        checks.append(
            Check(
                f"{result['name']}: every answer as expected",
                result["errors"] == 0,
                f"{result['errors']} of {result['requests']} requests failed ({result.get('statuses', {})})",
            )
        )
        if result.get("writes") is not None:
            checks.append(
                Check(
                    f"{result['name']}: every request wrote its row",
                    result["writes"] == result["writes_expected"],
                    f"{result['writes']} rows for {result['writes_expected']} requests",
                )
            )
    return checks


def check_targets(results: Sequence[dict[str, Any]], facts: Facts) -> list[Check]:
    """Issue 3's targets, as issue 13 keeps them: p95 ≤ 50 ms for every page, search, write and API list;
    the deep page within 1.5 times page 1 (p95); list pages ≤ 150 KB and the matrix ≤ 200 KB before
    compression; the API role list at least a quarter of the floor's throughput. With several runs, the
    results are the runs' medians (`runs.median_results`)."""
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
    for result in results:
        limit, size = result.get("max_bytes"), (result.get("bytes") or {}).get("uncompressed")
        if limit and size is not None:
            sizes = result["bytes"]
            checks.append(
                Check(
                    f"{result['name']}: ≤ {limit / 1000:g} KB before compression",
                    size <= limit,
                    f"{size / 1000:.1f} KB, {sizes['compressed'] / 1000:.1f} KB compressed "
                    f"(the largest of {sizes['urls']} addresses)",
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
