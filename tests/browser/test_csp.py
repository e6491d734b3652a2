"""The main pages in a real browser break no rule of the Content-Security-Policy.

The policy allows no inline script and no inline style (no 'unsafe-inline'), so an inline `style=""`, an
`onclick=`, a `<script>` block or a library that writes either would be blocked and the page would lose it.
Chromium reports each blocked thing as a `securitypolicyviolation` event and a "Refused to ..." console error;
both are collected on every page, anonymous and signed in as an organizer.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from roles.enums import Capacity
from tests.browser.conftest import signed_in_tab
from tests.factories import MembershipFactory, UserFactory
from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleHolderFactory, RoleTemplateFactory
from tests.factories.training import TrainingSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every page before its own scripts: keeps what the browser blocked, for the test to read.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
    + ` (${event.sample})`
  );
}, true);
"""
# Resolves after the tasks already queued (violation events of the page's last scripts) have run.
READ_VIOLATIONS = "() => new Promise((resolve) => setTimeout(() => resolve(window.__cspViolations || []), 0))"


@pytest.fixture
def world(org_a):
    organizer = UserFactory(username="ada", email="ada@example.org")
    MembershipFactory(person=organizer.person, organization=org_a, capacity=Capacity.ORGANIZER)
    role = RoleFactory(organization=org_a, title="Board treasurer", title_en="Board treasurer")
    RoleHolderFactory(role=role, person=organizer.person)
    session = TrainingSessionFactory(course__organization=org_a)
    call = NominationCallFactory(organization=org_a, roles=[role])
    return {
        "organizer": organizer,
        "organization": org_a,
        "role": role,
        "competency": CompetencyFactory(slug="budgeting", name="Budgeting", name_en="Budgeting"),
        "template": RoleTemplateFactory(slug="board-treasurer"),
        "session": session,
        "call": call,
    }


def _watch(tab) -> list[str]:
    """Record the page's CSP violations (read per page) and the console's "Refused to" errors (kept here)."""
    refused: list[str] = []
    tab.context.add_init_script(RECORD_VIOLATIONS)
    tab.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if message.type == "error"
            and ("Content Security Policy" in message.text or "Refused to" in message.text)
            else None
        ),
    )
    return refused


def _visit_all(tab, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    refused = _watch(tab)
    found: dict[str, list[str]] = {}
    for path in paths:
        response = tab.goto(f"{base_url}{path}")
        assert response is not None
        assert response.status == 200, path
        assert "content-security-policy" in response.headers, path
        violations = tab.evaluate(READ_VIOLATIONS) + refused
        refused.clear()
        if violations:
            found[path] = violations
    return found


def test_public_pages_break_no_csp_rule(page, live_server, world):
    paths = [
        reverse("home"),
        reverse("roles:organization_list"),
        reverse("roles:organization_detail", kwargs={"slug": world["organization"].slug}),
        reverse("roles:role_list"),
        reverse("roles:role_detail", kwargs={"pk": world["role"].pk}),
        reverse("roles:role_template_list"),
        reverse("roles:role_template_detail", kwargs={"slug": world["template"].slug}),
        reverse("roles:competency_list"),
        reverse("roles:competency_detail", kwargs={"slug": world["competency"].slug}),
        reverse("roles:people_list"),
        reverse("training:course_list"),
        reverse("training:course_detail", kwargs={"pk": world["session"].course.pk}),
        reverse("training:session_detail", kwargs={"pk": world["session"].pk}),
        reverse("training:calendar"),
        reverse("nominations:call_list"),
        reverse("nominations:call_detail", kwargs={"pk": world["call"].pk}),
        reverse("nominations:nominate", kwargs={"pk": world["call"].pk}),
        reverse("overview:movement"),
        reverse("overview:organization", kwargs={"slug": world["organization"].slug}),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("api_docs"),
    ]

    assert _visit_all(page, live_server.url, paths) == {}


def test_signed_in_organizer_pages_break_no_csp_rule(browser, live_server, settings, world):
    settings.ALLOWED_HOSTS = ["*"]
    tab = signed_in_tab(browser, live_server, "ada@example.org")
    slug = world["organization"].slug
    paths = [
        reverse("roles:me"),
        reverse("roles:me_competencies"),
        reverse("roles:me_delete"),
        reverse("roles:organization_edit", kwargs={"slug": slug}),
        reverse("roles:role_create", kwargs={"slug": slug}),
        reverse("roles:role_edit", kwargs={"pk": world["role"].pk}),
        reverse("roles:role_holders", kwargs={"pk": world["role"].pk}),
        reverse("training:course_create"),
        reverse("training:session_edit", kwargs={"pk": world["session"].pk}),
        reverse("training:my_trainings"),
        reverse("nominations:call_manage", kwargs={"pk": world["call"].pk}),
        reverse("nominations:mine"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("socialaccount_connections"),
        reverse("api-root"),
    ]
    try:
        assert _visit_all(tab, live_server.url, paths) == {}
    finally:
        tab.context.close()
