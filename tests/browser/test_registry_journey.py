"""Issue 3's journey of an organizer in a real browser, and another organisation's organizer refused."""

import re

import pytest
from rest_framework.authtoken.models import Token

from roles.enums import Capacity, Importance, Level
from roles.models import Competency, Role, RoleHolder, RoleRequirement
from tests.browser.conftest import assert_accessible
from tests.factories import MembershipFactory, UserFactory
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)
from tests.factories.roles import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registry(org_a, org_b):
    organizer = UserFactory(username="ada", email="ada@example.org")
    MembershipFactory(person=organizer.person, organization=org_a, capacity=Capacity.ORGANIZER)
    other = UserFactory(username="bruno", email="bruno@example.org")
    MembershipFactory(person=other.person, organization=org_b, capacity=Capacity.ORGANIZER)
    budgeting = CompetencyFactory(
        slug="budgeting", name="Budgeting", name_en="Budgeting", name_fr="Budgétisation"
    )
    reporting = CompetencyFactory(slug="reporting", name="Reporting", name_en="Reporting", name_fr="Rapports")
    ethics = CompetencyFactory(slug="ethics", name="Ethics", name_en="Ethics", name_fr="Éthique")
    template = RoleTemplateFactory(
        slug="board-treasurer",
        title="Board treasurer",
        title_en="Board treasurer",
        title_fr="Trésorière du conseil",
    )
    for competency, level in (
        (budgeting, Level.PROFICIENT),
        (reporting, Level.PRACTISING),
        (ethics, Level.AWARE),
    ):
        TemplateRequirementFactory(template=template, competency=competency, min_level=level)
    return {"organizer": organizer, "other": other, "budgeting": budgeting, "reporting": reporting}


def _log_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(re.compile(r".*/en/me/$"))


def test_organizer_adapts_a_template_and_finds_the_role_in_french(page, live_server, org_a, registry):
    _log_in(page, live_server, "ada@example.org")

    # Adapt the template into a role of the organizer's own organisation.
    page.goto(f"{live_server.url}/en/organizations/{org_a.slug}/roles/adapt/")
    assert_accessible(page)
    page.get_by_label("Board treasurer").check()
    page.get_by_role("button", name="Create the role from this template").click()
    page.wait_for_url(re.compile(r".*/en/roles/\d+/edit/$"))
    role = Role.objects.get(organization=org_a)
    assert role.template.slug == "board-treasurer"

    # Change two requirements and give the role a French title of its own.
    page.locator("input[name='title_fr']").fill("Trésorière du conseil de Wikimédia Alpha")
    rows = {
        RoleRequirement.objects.get(role=role, competency=registry["budgeting"]).competency_id: "budgeting",
        RoleRequirement.objects.get(role=role, competency=registry["reporting"]).competency_id: "reporting",
    }
    for index in range(3):
        competency_id = page.locator(f"select[name='requirements-{index}-competency']").input_value()
        if rows.get(int(competency_id)) == "budgeting":
            page.locator(f"select[name='requirements-{index}-min_level']").select_option(str(Level.EXPERT))
        elif rows.get(int(competency_id)) == "reporting":
            page.locator(f"select[name='requirements-{index}-importance']").select_option(
                Importance.DESIRABLE
            )
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/en/roles/{role.pk}/")
    requirements = {
        req.competency.slug: (req.min_level, req.importance)
        for req in RoleRequirement.objects.filter(role=role)
    }
    assert requirements == {
        "budgeting": (Level.EXPERT, Importance.ESSENTIAL),
        "reporting": (Level.PRACTISING, Importance.DESIRABLE),
        "ethics": (Level.AWARE, Importance.ESSENTIAL),
    }

    # Add a holder: a new person without an account.
    page.goto(f"{live_server.url}/en/roles/{role.pk}/holders/")
    page.get_by_label("Or a new person: name").fill("Grace Demo")
    page.get_by_label("Start").fill("2026-01-01")
    page.get_by_role("button", name="Add the term").click()
    page.wait_for_load_state()
    holder = RoleHolder.objects.get(role=role)
    assert (holder.person.display_name, holder.seat, str(holder.start)) == ("Grace Demo", 1, "2026-01-01")

    # In French, the directory finds the role by a word of its French title.
    page.goto(f"{live_server.url}/fr/roles/")
    page.locator("input[name='q']").fill("wikimédia alpha")
    page.locator("input[name='q']").press("Enter")
    page.wait_for_url(re.compile(r".*/fr/roles/\?.*q=wikim"))
    link = page.locator(f"a[href='/fr/roles/{role.pk}/']")
    assert link.inner_text() == "Trésorière du conseil de Wikimédia Alpha"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)

    # And sees it in the organisation's competency matrix: listed with its requirements by category...
    page.goto(f"{live_server.url}/fr/organizations/{org_a.slug}/matrix/")
    assert page.get_by_role("heading", name="Trésorière du conseil de Wikimédia Alpha").count() == 1
    assert page.get_by_role("link", name="Budgétisation").count() == 1
    assert page.locator("table").count() == 0
    assert_accessible(page)
    # ...and as a row of the full grid of budgeting's category, chosen in the select.
    category = Competency.objects.get(slug="budgeting").category
    page.get_by_label("Grille complète d'une catégorie").select_option(category.slug)
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url(re.compile(rf".*/matrix/\?category={category.slug}"))
    assert page.get_by_role("rowheader", name="Trésorière du conseil de Wikimédia Alpha").count() == 1
    assert page.get_by_role("columnheader", name="Budgétisation").count() == 1
    assert_accessible(page)


def test_matrix_fits_a_phone_without_sideways_scrolling(browser, live_server, org_a):
    """At 390 px the page never scrolls sideways: the list wraps, and the grid scrolls inside its region."""
    for n in range(3):
        role = Role.objects.create(
            organization=org_a, title=f"Coordinator of a very long named programme {n}", seats=1
        )
        for competency in CompetencyFactory.create_batch(12, category=CompetencyCategoryFactory(slug="wide")):
            RoleRequirement.objects.create(role=role, competency=competency, min_level=n + 1)
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    for query in ("", "?category=wide"):
        tab.goto(f"{live_server.url}/en/organizations/{org_a.slug}/matrix/{query}")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390, query
    # the grid is wider than the phone: it scrolls inside its own container
    assert tab.evaluate("document.querySelector('.matrix-wrap').scrollWidth") > 390
    context.close()


def test_other_organizer_is_refused_on_the_web_and_in_the_api(page, live_server, org_a, registry, client):
    role = Role.objects.create(organization=org_a, title="Secretary", title_en="Secretary", seats=1)
    _log_in(page, live_server, "bruno@example.org")

    response = page.goto(f"{live_server.url}/en/roles/{role.pk}/edit/")

    assert response.status == 403
    assert page.locator("h1").inner_text() == "Access denied"
    token = Token.objects.create(user=registry["other"])
    api = client.patch(
        f"/api/v1/roles/{role.pk}/",
        data={"title_en": "Taken over"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert api.status_code == 403
    assert Role.objects.get(pk=role.pk).title_en == "Secretary"
