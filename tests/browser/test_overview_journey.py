"""Issue 6's journey in a real browser, on the demo data: a visitor opens the movement's overview, switches
to Arabic (right to left), opens a region and follows one of its competency gaps to a training session that
develops it; the demo organizer sees the ranked candidates for a vacant role of their organisation, and a
plain user is refused them."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from leadership.overview import selectors
from leadership.overview.models import CompetencyGap
from roles.models import Organization, Role
from tests.browser.conftest import assert_accessible, signed_in_tab
from tests.factories import UserFactory
from training.models import CourseCompetency, TrainingSession

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    call_command("seed_demo", quiet=True, allow_without_debug=True, stdout=StringIO())


def _region_with_a_gap_in_training() -> str:
    """The first region (in the table's order) whose gap table offers an upcoming session."""
    for summary in selectors.region_table():
        if CompetencyGap.objects.filter(scope=summary, upcoming_sessions__gt=0).exists():
            return summary.region.code
    raise AssertionError("the demo data has no region with a gap that a scheduled training develops")


def test_overview_in_arabic_a_gap_to_its_session_and_candidates_for_organizers_only(
    browser, live_server, page, settings, demo
):
    page.goto(f"{live_server.url}/en/overview/")
    assert page.get_by_role("heading", level=1).inner_text() == "Leadership overview of the movement"
    assert page.locator("svg[role=img]").count() >= 3  # timeline, regions, heat map
    assert_accessible(page)

    page.locator(".language-switcher a[lang=ar]").click()
    page.wait_for_url(f"{live_server.url}/ar/overview/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("svg.ov-chart[direction=rtl]").count() >= 1
    assert_accessible(page)

    code = _region_with_a_gap_in_training()
    page.locator(f'a[href="/ar/overview/regions/{code}/"]').first.click()
    page.wait_for_url(f"{live_server.url}/ar/overview/regions/{code}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)

    session_link = page.locator(
        'section[aria-labelledby="gaps-heading"] a[href*="/training/sessions/"]'
    ).first
    competency_href = session_link.locator("xpath=ancestor::tr").locator("th a").get_attribute("href")
    row_competency = competency_href.rstrip("/").rsplit("/", 1)[1]
    session_link.click()
    page.wait_for_url(re.compile(rf"{live_server.url}/ar/training/sessions/\d+/$"))
    session = TrainingSession.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert CourseCompetency.objects.filter(course=session.course, competency__slug=row_competency).exists()

    organization = Organization.objects.get(name_en="Wikimedia Kilimarani (demo)")
    organizer = signed_in_tab(
        browser,
        live_server,
        "organizer@demo.example.org",
        f"/en/overview/organizations/{organization.slug}/",
        password=settings.DEMO_PASSWORD,
    )
    assert_accessible(organizer)
    organizer.locator(".ov-vacant-table a", has_text="Candidates").first.click()
    organizer.wait_for_url(re.compile(rf"{live_server.url}/en/overview/roles/\d+/candidates/$"))
    role = Role.objects.get(pk=int(organizer.url.rstrip("/").split("/")[-2]))
    ranked = selectors.role_candidates(role=role)
    assert len(ranked) >= 2
    shown = organizer.locator("tr.ov-candidate th[scope=row]").all_inner_texts()
    assert [" ".join(name.split()) for name in shown] == [
        candidate.name + (" nominee" if candidate.nomination else "") for candidate in ranked
    ]
    assert organizer.locator("tr.ov-candidate td").first.inner_text() == "1"
    assert_accessible(organizer)

    UserFactory(username="plain", email="plain@example.org")
    plain = signed_in_tab(browser, live_server, "plain@example.org")
    response = plain.goto(f"{live_server.url}/en/overview/roles/{role.pk}/candidates/")
    assert response.status == 403
