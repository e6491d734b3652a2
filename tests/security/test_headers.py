"""The main pages with production settings send the security headers and safe cookies, every one of them.

One fresh process (tests/security/production_pages.py) runs a deployment's settings on a SQLite database of
its own and visits the pages over HTTPS, anonymous and then signed in; the tests read what it recorded.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.production import production_env, run_python

pytestmark = pytest.mark.unit

PAGES = [
    ("home", 200),
    ("organisations", 200),
    ("organisation", 200),
    ("roles", 200),
    ("role", 200),
    ("competencies", 200),
    ("competency", 200),
    ("trainings", 200),
    ("training session", 200),
    ("nomination call", 200),
    ("nomination form", 200),
    ("overview", 200),
    ("sign-up", 200),
    ("API docs", 200),
    ("API root", 200),
    ("API list", 200),
    ("login", 200),
    ("sign-in", 302),
    ("me (signed in)", 200),
    ("API list (signed in)", 200),
    ("log-out", 302),
]
YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def visits(tmp_path_factory) -> list[dict]:
    env = production_env(tmp_path_factory.mktemp("production-pages"))
    env.pop("DATABASE_URL", None)  # SQLite in the process's own VAR_DIR, away from this run's test database
    result = run_python(["-m", "tests.security.production_pages"], env, timeout=300)
    assert result.returncode == 0, result.stderr[-5000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def test_production_pages_answer_as_expected_over_https(visits):
    assert [(visit["page"], visit["status"]) for visit in visits] == PAGES
    assert visits[-3]["headers"].get("location") is None  # /me/ rendered: the sign-in held
    assert visits[-4]["headers"]["location"] == "/en/me/"


def test_production_pages_send_hsts_of_a_year_including_subdomains(visits):
    for visit in visits:
        hsts = visit["headers"]["strict-transport-security"]
        max_age = int(re.fullmatch(r"max-age=(\d+); includeSubDomains; preload", hsts).group(1))
        assert max_age >= YEAR, visit["page"]


def test_production_pages_csp_forbids_inline_code_and_framing(visits):
    for visit in visits:
        directives = _directives(visit["headers"]["content-security-policy"])
        for name in ("default-src", "script-src", "style-src"):
            assert directives[name] == ["'self'"], (visit["page"], name)
        assert directives["frame-ancestors"] == ["'none'"], visit["page"]
        assert directives["object-src"] == ["'none'"], visit["page"]
        assert "unsafe" not in visit["headers"]["content-security-policy"], visit["page"]


def test_production_pages_send_nosniff_referrer_policy_and_deny_framing(visits):
    for visit in visits:
        headers = visit["headers"]
        assert (
            headers["x-content-type-options"],
            headers["referrer-policy"],
            headers["x-frame-options"],
        ) == (
            "nosniff",
            "strict-origin-when-cross-origin",
            "DENY",
        ), visit["page"]


def test_production_cookies_are_secure_httponly_and_samesite(visits):
    cookies = [(visit["page"], cookie) for visit in visits for cookie in visit["cookies"]]
    kept = [(page, cookie) for page, cookie in cookies if not cookie["deleted"]]

    assert {cookie["name"] for _page, cookie in kept} == {"csrftoken", "sessionid", "messages"}
    for page, cookie in kept:
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax"), (
            page,
            cookie,
        )
    # A deleted cookie carries no value; it still says SameSite.
    assert all(cookie["samesite"] == "Lax" for _page, cookie in cookies)


def test_production_sign_in_sets_a_session_cookie_and_log_out_deletes_it(visits):
    by_page = {visit["page"]: {cookie["name"]: cookie for cookie in visit["cookies"]} for visit in visits}

    assert by_page["sign-in"]["sessionid"]["deleted"] is False
    assert by_page["log-out"]["sessionid"]["deleted"] is True
