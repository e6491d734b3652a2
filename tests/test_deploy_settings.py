"""Production settings: the environment of a deployment passes `check --deploy` and sends safe headers.

Each test starts a fresh Python process, because the settings module derives its values from the
environment once, at import.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.production import ROOT, production_env, run_python

pytestmark = pytest.mark.unit

SETTINGS = ROOT / "leadership" / "settings.py"
HEADERS_SCRIPT = """
import json
import django
from django.conf import settings
django.setup()
from django.test import Client

client = Client()
live = client.get("/healthz/live", secure=True, HTTP_HOST="registry.example.org")
plain = client.get("/en/", HTTP_HOST="registry.example.org")
print(json.dumps({
    "status": live.status_code,
    "headers": {name.lower(): value for name, value in live.headers.items()},
    "plain": [plain.status_code, plain.headers.get("Location")],
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
}))
"""


def test_check_deploy_production_environment_passes_without_warning(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    assert (result.stdout.strip(), result.stderr) == ("System check identified no issues (0 silenced).", "")


def test_settings_debug_off_without_secret_key_refuses_to_start(tmp_path):
    result = run_python(["manage.py", "check"], production_env(tmp_path, SECRET_KEY=""))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off."
    )


@pytest.fixture(scope="module")
def production_response(tmp_path_factory) -> dict:
    result = run_python(["-c", HEADERS_SCRIPT], production_env(tmp_path_factory.mktemp("headers")))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_response_sends_hsts_for_a_year_at_least(production_response):
    hsts = production_response["headers"]["strict-transport-security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))

    assert production_response["status"] == 200
    assert max_age >= 31_536_000
    assert hsts == f"max-age={max_age}; includeSubDomains; preload"


def test_production_response_csp_forbids_inline_code_and_framing(production_response):
    policy = production_response["headers"]["content-security-policy"]
    directives = dict([*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip())

    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_production_response_sends_nosniff_referrer_policy_and_deny_framing(production_response):
    headers = production_response["headers"]

    assert (headers["x-content-type-options"], headers["referrer-policy"], headers["x-frame-options"]) == (
        "nosniff",
        "strict-origin-when-cross-origin",
        "DENY",
    )


def test_production_plain_http_redirects_to_https_with_secure_cookies(production_response):
    assert production_response["plain"] == [301, "https://registry.example.org/en/"]
    assert production_response["cookies_secure"] == [True, True]


def _settings_environment_variables() -> set[str]:
    source = SETTINGS.read_text(encoding="utf-8")
    return set(re.findall(r"""\b(?:env|Env\(\))\.\w+\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))


def test_readme_documents_every_environment_variable_of_the_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", readme, flags=re.MULTILINE))
    read = _settings_environment_variables()

    assert len(read) >= 20
    assert sorted(read - documented) == []
