"""The load soak's crowd (`make soak`, `make soak-smoke`; scripts/soak/run.sh starts it against gunicorn).

Simulated people use the registry the way its users do: anonymous visitors browse the public pages in
every language, some search, tools read the API, community members nominate through the public form (GET
the form, its CSRF token, POST valid data), and signed-in learners (the demo accounts) enroll in training
sessions and cancel, mostly in the small sessions, whose waitlists then move. Every request declares the
statuses it expects; any other answer counts as unexpected (a locust failure).

When the run ends the figures (requests, requests per second, unexpected answers, p50/p95/p99) are printed
per endpoint group and overall and written as JSON to SOAK_REPORT, and the run fails (exit status 1) on any
5xx, on more unexpected answers than SOAK_MAX_UNEXPECTED (a fraction) or on a p95 above SOAK_MAX_P95_MS
(not asserted when empty, as in CI's smoke run: timings on a shared machine are reported only).

The locustfile knows nothing of Django: it discovers the registry's organisations, roles, sessions and
calls through the API, as any client would. SOAK_LEARNERS lists the demo accounts (run.sh reads them from
the soak's database, those with a seat in a small session first, so that their cancellations move the
waitlists from the start) and SOAK_PASSWORD their password.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import re
import threading
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.stats import StatsEntry

LANGUAGES = ("en", "fr", "es", "pt-br", "id", "ar")
SEARCH_WORDS = ("board", "treasurer", "coordinator", "training", "community", "trésorier", "comunidad", "hub")
RUN = os.environ.get("SOAK_RUN") or datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
PASSWORD = os.environ.get("SOAK_PASSWORD", "demo-leadership-2026")
LEARNERS = [email for email in os.environ.get("SOAK_LEARNERS", "").split(",") if email]
REPORT = Path(os.environ.get("SOAK_REPORT", "var/soak-report.json"))
MAX_P95_MS = os.environ.get("SOAK_MAX_P95_MS", "300").strip()
MAX_UNEXPECTED = float(os.environ.get("SOAK_MAX_UNEXPECTED", "0.01"))
SMALL_SESSION_SEATS = 5  # learners go to sessions this small most of the time: their waitlists move
SWITCH_ACCOUNT_AFTER = 25  # a learner signs out and in as another demo account after this many tasks

CANCEL_ACTION = re.compile(r'action="(/[^"]*/training/enrollments/\d+/cancel/)"')
ENROLL_ACTION = re.compile(r'action="(/[^"]*/training/sessions/\d+/enroll/)"')


# --- What the API says is there (read once, by the first user who needs it) ----------------------------
class Catalogue:
    """Ids and slugs for the detail pages, discovered through the public API."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded = False
        self.organizations: list[str] = []
        self.roles: list[int] = []
        self.competencies: list[str] = []
        self.courses: list[int] = []
        self.sessions: list[int] = []
        self.small_sessions: list[int] = []
        self.calls: list[int] = []
        self.regions: list[str] = []

    def load(self, user: SoakUser) -> None:
        with self.lock:
            if self.loaded:
                return

            def results(path: str) -> list[dict[str, Any]]:
                response = user.call("GET", path, name="api: catalogue (first load)", headers=JSON)
                if response.status_code != 200:
                    return []
                body = response.json()
                return list(body["results"] if isinstance(body, dict) else body)  # some lists are not paged

            now = quote(datetime.datetime.now(datetime.UTC).isoformat())
            self.organizations = [row["slug"] for row in results("/api/v1/organizations/?page_size=200")]
            self.roles = [row["id"] for row in results("/api/v1/roles/?page_size=200")]
            self.competencies = [row["slug"] for row in results("/api/v1/competencies/?page_size=200")]
            self.courses = [row["id"] for row in results("/api/v1/courses/?page_size=200")]
            self.regions = [row["code"] for row in results("/api/v1/regions/")]
            open_sessions = [
                row
                for row in results(
                    f"/api/v1/training-sessions/?status=published&starts_after={now}&page_size=200"
                )
                if row["enrollment_deadline"] > datetime.datetime.now(datetime.UTC).isoformat()
            ]
            self.sessions = [row["id"] for row in open_sessions]
            self.small_sessions = [
                row["id"] for row in open_sessions if row["capacity"] <= SMALL_SESSION_SEATS
            ]
            self.calls = [
                row["id"] for row in results("/api/v1/nomination-calls/?page_size=200") if row["is_open"]
            ]
            self.loaded = True


CATALOGUE = Catalogue()
RANDOM = random.Random()  # noqa: S311 - picks what the simulated people click next, not secrets
JSON = {"Accept": "application/json"}
ACCOUNTS = itertools.cycle(
    LEARNERS
)  # in SOAK_LEARNERS's order: run.sh puts the small sessions' learners first
NUMBERS = itertools.count(1)


# --- Reading a form's fields from its page -------------------------------------------------------------
class FormFields(HTMLParser):
    """The fields of a page's form: inputs (type, value), textareas, and selects with their options."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, dict[str, Any]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "option" and self._select is not None:
            self.fields[self._select]["options"].append(attributes.get("value") or "")
        if not name:
            return
        if tag == "input":
            field = self.fields.setdefault(
                name, {"tag": tag, "type": attributes.get("type", "text"), "values": [], "required": False}
            )
            field["values"].append(attributes.get("value") or "")
            field["required"] = field["required"] or "required" in attributes
        elif tag in ("textarea", "select"):
            self.fields[name] = {"tag": tag, "options": [], "required": "required" in attributes}
            if tag == "select":
                self._select = name

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def nomination_form_data(page: str, number: int) -> list[tuple[str, str]]:
    """Valid answers to a call's nomination form as its page shows it: whom (someone new each time), why,
    and every required question of the call answered."""
    parser = FormFields()
    parser.feed(page)
    fixed = {
        "kind": "other",
        "nominee_name": f"Soak Nominee {number}",
        "nominee_email": f"soak-{RUN}-{number}@nominee.example.org",
        "nominator_email": f"soak-{RUN}-{number}@nominator.example.org",
        "nominator_name": "Soak Nominator",
        "statement": "Has organised our editathons for three years and mentors every newcomer who asks.",
        "language": RANDOM.choice(LANGUAGES),
        "website": "",  # the honeypot people never see
    }
    data = []
    for name, field in parser.fields.items():
        if name in fixed:
            data.append((name, fixed[name]))
        elif name == "csrfmiddlewaretoken":
            data.append((name, field["values"][0]))
        elif name == "nominee_region":
            data.append((name, RANDOM.choice([option for option in field["options"] if option] or [""])))
        elif field.get("required"):
            options = [option for option in field.get("options", []) if option]
            data.append((name, options[0] if options else "An answer from the soak."))
    return data


# --- The people --------------------------------------------------------------------------------------------
class SoakUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)

    def call(
        self, method: str, path: str, *, name: str, expect: tuple[int, ...] = (200,), **kwargs: Any
    ) -> Any:
        """One request, named "<group>: <what>", that fails unless its status is one of `expect`."""
        with self.client.request(
            method, path, name=name, catch_response=True, allow_redirects=False, **kwargs
        ) as response:
            if response.status_code in expect:
                response.success()
            else:
                response.failure(f"status {response.status_code}, expected {' or '.join(map(str, expect))}")
            return response

    def on_start(self) -> None:
        CATALOGUE.load(self)

    def page(self, path: str, what: str, group: str = "browse") -> Any:
        return self.call("GET", f"/{RANDOM.choice(LANGUAGES)}{path}", name=f"{group}: {what}")

    def post_form(
        self, path: str, data: list[tuple[str, str]] | dict[str, str], *, name: str, referer: str
    ) -> Any:
        return self.call(
            "POST", path, name=name, expect=(302,), data=data, headers={"Referer": f"{self.host}{referer}"}
        )

    def csrf(self) -> str:
        return str(self.client.cookies.get("csrftoken", ""))


class Visitor(SoakUser):
    """An anonymous visitor browsing the public registry, in any of its languages."""

    weight = 7

    @task(3)
    def home(self) -> None:
        self.page("/", "home")

    @task(2)
    def organizations(self) -> None:
        self.page("/organizations/", "organisations")
        if CATALOGUE.organizations:
            slug = RANDOM.choice(CATALOGUE.organizations)
            self.page(f"/organizations/{slug}/", "organisation page")
            if RANDOM.random() < 0.3:
                self.page(f"/organizations/{slug}/matrix/", "organisation matrix")

    @task(3)
    def roles(self) -> None:
        self.page("/roles/", "roles directory")
        if CATALOGUE.roles:
            self.page(f"/roles/{RANDOM.choice(CATALOGUE.roles)}/", "role page")

    @task(2)
    def competencies(self) -> None:
        self.page("/competencies/", "competencies")
        if CATALOGUE.competencies:
            self.page(f"/competencies/{RANDOM.choice(CATALOGUE.competencies)}/", "competency page")

    @task(2)
    def trainings(self) -> None:
        self.page("/training/", "training catalogue")
        self.page("/training/calendar/", "training calendar")
        if CATALOGUE.courses and RANDOM.random() < 0.5:
            self.page(f"/training/courses/{RANDOM.choice(CATALOGUE.courses)}/", "course page")
        if CATALOGUE.sessions:
            self.page(f"/training/sessions/{RANDOM.choice(CATALOGUE.sessions)}/", "session page")

    @task(2)
    def overview(self) -> None:
        self.page("/overview/", "movement overview")
        if CATALOGUE.regions and RANDOM.random() < 0.5:
            self.page(f"/overview/regions/{RANDOM.choice(CATALOGUE.regions)}/", "region overview")
        if CATALOGUE.organizations and RANDOM.random() < 0.3:
            self.page(
                f"/overview/organizations/{RANDOM.choice(CATALOGUE.organizations)}/", "organisation overview"
            )

    @task(1)
    def calls(self) -> None:
        self.page("/nominations/", "nomination calls")
        if CATALOGUE.calls:
            self.page(f"/nominations/calls/{RANDOM.choice(CATALOGUE.calls)}/", "call page")


class Searcher(SoakUser):
    """Someone looking for a role, an organisation, a competency or a course by a word."""

    weight = 3

    @task(3)
    def roles(self) -> None:
        self.page(f"/roles/?q={quote(RANDOM.choice(SEARCH_WORDS))}", "roles", group="search")

    @task(1)
    def organizations(self) -> None:
        self.page(f"/organizations/?q={quote(RANDOM.choice(SEARCH_WORDS))}", "organisations", group="search")

    @task(1)
    def competencies(self) -> None:
        self.page(f"/competencies/?q={quote(RANDOM.choice(SEARCH_WORDS))}", "competencies", group="search")

    @task(1)
    def courses(self) -> None:
        self.page(f"/training/?q={quote(RANDOM.choice(SEARCH_WORDS))}", "courses", group="search")

    @task(1)
    def api(self) -> None:
        self.call(
            "GET",
            f"/api/v1/roles/?q={quote(RANDOM.choice(SEARCH_WORDS))}",
            name="search: API roles",
            headers=JSON,
        )


class ApiReader(SoakUser):
    """An external tool reading the registry through the REST API, in the language it asks for."""

    weight = 3
    LISTS = (
        "roles",
        "organizations",
        "competencies",
        "competency-categories",
        "role-templates",
        "people",
        "courses",
        "training-sessions",
        "nomination-calls",
        "regions",
    )

    def get(self, path: str, what: str) -> Any:
        language = RANDOM.choice(LANGUAGES)
        return self.call("GET", path, name=f"api: {what}", headers={**JSON, "Accept-Language": language})

    @task(6)
    def lists(self) -> None:
        name = RANDOM.choice(self.LISTS)
        self.get(f"/api/v1/{name}/", f"{name} list")

    @task(3)
    def details(self) -> None:
        if CATALOGUE.roles:
            self.get(f"/api/v1/roles/{RANDOM.choice(CATALOGUE.roles)}/", "role")
        if CATALOGUE.organizations:
            self.get(f"/api/v1/organizations/{RANDOM.choice(CATALOGUE.organizations)}/", "organisation")
        if CATALOGUE.sessions:
            self.get(f"/api/v1/training-sessions/{RANDOM.choice(CATALOGUE.sessions)}/", "training session")

    @task(1)
    def overview(self) -> None:
        self.get("/api/v1/overview/", "movement overview")


class Nominator(SoakUser):
    """A community member nominating someone through the public form, without an account."""

    weight = 3
    nominated = 0

    @task
    def nominate(self) -> None:
        if not CATALOGUE.calls:
            return
        call = RANDOM.choice(CATALOGUE.calls)
        form_path = f"/en/nominations/calls/{call}/nominate/"
        form = self.call("GET", form_path, name="nominate: form")
        if form.status_code != 200:
            return
        answer = self.post_form(
            form_path,
            nomination_form_data(form.text, next(NUMBERS)),
            name="nominate: submit (POST)",
            referer=form_path,
        )
        if answer.status_code == 302:
            NOMINATIONS.add()
            self.call("GET", answer.headers["Location"], name="nominate: thank-you page")


class Learner(SoakUser):
    """A signed-in learner (a demo account) who enrolls in sessions, leaves them and looks at their trainings."""

    weight = 4

    def on_start(self) -> None:
        super().on_start()
        self.tasks_done = 0
        self.sign_in()

    def sign_in(self) -> None:
        self.email = next(ACCOUNTS)
        login = "/en/accounts/login/"
        self.call("GET", login, name="learner: login form")
        self.post_form(
            login,
            {"csrfmiddlewaretoken": self.csrf(), "login": self.email, "password": PASSWORD},
            name="learner: sign in (POST)",
            referer=login,
        )

    def switch_account(self) -> None:
        self.tasks_done += 1
        if self.tasks_done % SWITCH_ACCOUNT_AFTER == 0 and len(LEARNERS) > 1:
            self.post_form(
                "/en/accounts/logout/",
                {"csrfmiddlewaretoken": self.csrf()},
                name="learner: sign out (POST)",
                referer="/en/me/",
            )
            self.sign_in()

    @task(4)
    def session(self) -> None:
        """Open a session's page (a small one, mostly); enroll, or leave it half of the time when enrolled."""
        self.switch_account()
        pool = (
            CATALOGUE.small_sessions
            if CATALOGUE.small_sessions and RANDOM.random() < 0.7
            else CATALOGUE.sessions
        )
        if not pool:
            return
        path = f"/en/training/sessions/{RANDOM.choice(pool)}/"
        page = self.call("GET", path, name="learner: session page")
        enroll, cancel = ENROLL_ACTION.search(page.text or ""), CANCEL_ACTION.search(page.text or "")
        if enroll:
            self.post_form(
                enroll.group(1),
                {"csrfmiddlewaretoken": self.csrf()},
                name="learner: enroll (POST)",
                referer=path,
            )
        elif cancel and RANDOM.random() < 0.5:
            data = {"csrfmiddlewaretoken": self.csrf(), "next": path}
            self.post_form(cancel.group(1), data, name="learner: cancel (POST)", referer=path)

    @task(1)
    def my_trainings(self) -> None:
        """Look at one's trainings; leave one of them now and then."""
        self.switch_account()
        path = "/en/training/me/"
        page = self.call("GET", path, name="learner: my trainings")
        actions = CANCEL_ACTION.findall(page.text or "")
        if actions and RANDOM.random() < 0.3:
            data = {"csrfmiddlewaretoken": self.csrf(), "next": path}
            self.post_form(RANDOM.choice(actions), data, name="learner: cancel (POST)", referer=path)

    @task(1)
    def profile(self) -> None:
        self.switch_account()
        self.call("GET", "/en/me/", name="learner: my profile")


# --- Counting and judging -------------------------------------------------------------------------------
class Tally:
    """Counts shared by every simulated user (locust runs them as greenlets of one process)."""

    def __init__(self) -> None:
        self.value = 0

    def add(self) -> None:
        self.value += 1


NOMINATIONS = Tally()
STATUSES: dict[str, Counter[str]] = defaultdict(Counter)


@events.request.add_listener
def count_status(name: str, response: Any = None, exception: Any = None, **_kwargs: Any) -> None:
    """Every answer's status per group (0: no answer at all), for the 5xx count and the report."""
    status = getattr(response, "status_code", 0) or 0
    STATUSES[group_of(name)][str(status)] += 1


def group_of(name: str) -> str:
    return name.split(":", 1)[0]


def figures(entry: StatsEntry, seconds: float) -> dict[str, Any]:
    requests = entry.num_requests
    return {
        "requests": requests,
        "unexpected": entry.num_failures,
        "rps": round(requests / seconds, 1) if seconds else None,
        "p50_ms": entry.get_response_time_percentile(0.50) if requests else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if requests else None,
        "p99_ms": entry.get_response_time_percentile(0.99) if requests else None,
        "max_ms": round(entry.max_response_time or 0, 1),
    }


def build_report(environment: Environment) -> dict[str, Any]:
    stats = environment.stats
    total = stats.total
    seconds = max((total.last_request_timestamp or 0) - total.start_time, 0.0)
    groups: dict[str, StatsEntry] = {}
    for entry in stats.entries.values():
        group = group_of(entry.name)
        if group not in groups:
            groups[group] = StatsEntry(stats, group, "", use_response_times_cache=False)
        groups[group].extend(entry)
    server_errors = sum(
        n for counter in STATUSES.values() for status, n in counter.items() if int(status) >= 500
    )
    unexpected_ratio = total.num_failures / total.num_requests if total.num_requests else 1.0
    p95 = total.get_response_time_percentile(0.95) if total.num_requests else None
    crashes = environment.runner.exceptions if environment.runner else {}
    checks = [
        {"target": "requests were made", "passed": total.num_requests > 0, "detail": str(total.num_requests)},
        {
            "target": "no error in the simulated users' code",
            "passed": not crashes,
            "detail": "; ".join(f"{row['msg']} ×{row['count']}" for row in crashes.values())[:500] or "none",
        },
        {"target": "no 5xx answer", "passed": server_errors == 0, "detail": str(server_errors)},
        {
            "target": f"unexpected statuses ≤ {MAX_UNEXPECTED:.0%}",
            "passed": unexpected_ratio <= MAX_UNEXPECTED,
            "detail": f"{unexpected_ratio:.2%} ({total.num_failures} of {total.num_requests})",
        },
    ]
    if MAX_P95_MS:
        checks.append(
            {
                "target": f"p95 ≤ {MAX_P95_MS} ms",
                "passed": p95 is not None and p95 <= float(MAX_P95_MS),
                "detail": f"{p95} ms",
            }
        )
    return {
        "run": {
            "id": RUN,
            "host": environment.host,
            "users": getattr(environment.parsed_options, "num_users", None),
            "seconds": round(seconds, 1),
            "max_p95_ms": float(MAX_P95_MS) if MAX_P95_MS else None,
            "max_unexpected": MAX_UNEXPECTED,
        },
        "total": figures(total, seconds),
        "groups": {name: figures(entry, seconds) for name, entry in sorted(groups.items())},
        "endpoints": {
            entry.name: {"method": entry.method, **figures(entry, seconds)}
            for entry in sorted(stats.entries.values(), key=lambda entry: entry.name)
        },
        "statuses": {group: dict(sorted(counter.items())) for group, counter in sorted(STATUSES.items())},
        "unexpected_examples": [
            {"endpoint": error.name, "error": str(error.error), "occurrences": error.occurrences}
            for error in list(stats.errors.values())[:20]
        ],
        "server_errors": server_errors,
        "nominations_submitted": NOMINATIONS.value,
        "checks": checks,
        "passed": all(check["passed"] for check in checks),
    }


def print_report(report: dict[str, Any]) -> None:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f}"

    lines = [
        "",
        f"Soak figures ({report['run']['users']} users, {report['run']['seconds']} s, {report['run']['host']})",
        f"  {'group':<12} {'requests':>9} {'rps':>7} {'unexpected':>10} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}",
    ]
    for name, row in [*report["groups"].items(), ("TOTAL", report["total"])]:
        lines.append(
            f"  {name:<12} {row['requests']:>9} {row['rps'] or 0:>7} {row['unexpected']:>10} "
            f"{ms(row['p50_ms']):>7} {ms(row['p95_ms']):>7} {ms(row['p99_ms']):>7}"
        )
    lines.append(f"  statuses: {json.dumps(report['statuses'])}")
    lines.append(f"  nominations submitted: {report['nominations_submitted']}")
    for example in report["unexpected_examples"][:10]:
        lines.append(f"  unexpected: {example['endpoint']}: {example['error']} ×{example['occurrences']}")
    for check in report["checks"]:
        lines.append(f"  [{'ok' if check['passed'] else 'FAILED'}] {check['target']}: {check['detail']}")
    print("\n".join(lines), flush=True)  # noqa: T201 - the soak's output for the operator


@events.quitting.add_listener
def judge(environment: Environment, **_kwargs: Any) -> None:
    """Print and keep the figures; fail the run when a target is missed."""
    report = build_report(environment)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_report(report)
    if not report["passed"]:
        environment.process_exit_code = 1
