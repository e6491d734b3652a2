"""Issue 4's journey in a real browser: an anonymous visitor nominates someone in Spanish, the nominee
accepts through the emailed link, two members endorse, one reviewer declares a conflict and another scores,
and the organizer shortlists and appoints the nominee, who then holds the role."""

import re

import pytest
from django.core.cache import cache
from post_office.models import Email

from nominations.enums import NominationState
from nominations.models import Nomination, Review
from roles.enums import Capacity
from roles.models import RoleHolder
from tests.browser.conftest import assert_accessible, signed_in_tab
from tests.factories import MembershipFactory, UserFactory
from tests.factories.nominations import NominationCallFactory, ScoringCriterionFactory
from tests.factories.registry import RoleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _link(address: str, path: str) -> str:
    """The link to `path` in the newest email of the database outbox to an address."""
    email = Email.objects.filter(to__icontains=address).order_by("-id").first()
    assert email is not None, f"no email to {address}"
    match = re.search(rf"https?://\S+{re.escape(path)}[^\s?]+/", email.message)
    assert match is not None, email.message
    return match.group(0)


@pytest.fixture
def journey(org_a):
    cache.clear()  # the nomination form's rate limits count in the cache
    organizer = UserFactory(username="olga", email="olga@example.org")
    MembershipFactory(person=organizer.person, organization=org_a, capacity=Capacity.ORGANIZER)
    conflicted = UserFactory(username="carla", email="carla@example.org")
    reviewer = UserFactory(username="ramon", email="ramon@example.org")
    endorsers = [UserFactory(username=name, email=f"{name}@example.org") for name in ("ema", "enzo")]
    role = RoleFactory(
        organization=org_a,
        title="Treasurer",
        title_en="Treasurer",
        title_es="Tesorería",
        seats=1,
        open_for_nominations=True,
    )
    call = NominationCallFactory(
        organization=org_a,
        title="Board 2027",
        title_en="Board 2027",
        title_es="Junta 2027",
        roles=[role],
        reviewers=[conflicted, reviewer],
    )
    criterion = ScoringCriterionFactory(
        call=call, name="Vision", name_en="Vision", name_es="Visión", weight=2
    )
    return {"call": call, "role": role, "criterion": criterion, "endorsers": endorsers}


def test_anonymous_nomination_in_spanish_to_appointment(page, browser, live_server, journey):
    call, role, criterion = journey["call"], journey["role"], journey["criterion"]

    # An anonymous visitor finds the open call in Spanish and nominates someone.
    page.goto(f"{live_server.url}/es/nominations/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page)
    page.get_by_role("link", name="Junta 2027").click()
    page.wait_for_url(f"{live_server.url}/es/nominations/calls/{call.pk}/")
    assert page.locator("h1").inner_text() == "Junta 2027"
    page.locator(f"a[href='/es/nominations/calls/{call.pk}/nominate/']").first.click()
    page.wait_for_url(f"{live_server.url}/es/nominations/calls/{call.pk}/nominate/")
    assert_accessible(page)
    page.locator("input[name='nominee_name']").fill("Ana Quispe")
    page.locator("input[name='nominee_email']").fill("ana@example.org")
    page.locator("textarea[name='statement']").fill("Organizó los editatones en quechua durante tres años.")
    page.locator("select[name='role']").select_option(str(role.pk))
    # First a mistake: the nominator's email is missing; everything typed comes back.
    page.locator("form.nominate-form button[type='submit']").click()
    page.wait_for_load_state()
    assert page.locator("input[name='nominee_name']").input_value() == "Ana Quispe"
    assert page.locator("#id_nominator_email_error").count() == 1
    assert_accessible(page)
    page.locator("input[name='nominator_email']").fill("vecina@example.org")
    page.locator("form.nominate-form button[type='submit']").click()
    page.wait_for_url(re.compile(rf".*/es/nominations/calls/{call.pk}/nominated/\?verify=1$"))
    nomination = Nomination.objects.get()
    assert (nomination.state, nomination.language) == (NominationState.SUBMITTED, "es")

    # The nominator confirms their address through the link in their email.
    verify_link = _link("vecina@example.org", "/es/nominations/verify/")
    page.goto(verify_link)
    assert_accessible(page)
    page.locator("main form button[type='submit']").click()
    page.wait_for_url(verify_link)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.INVITED

    # The nominee's email (in Spanish) carries the consent link; the nominee accepts.
    consent_link = _link("ana@example.org", "/es/nominations/consent/")
    page.goto(consent_link)
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page)
    page.locator("input[name='decision'][value='accept']").check()
    page.locator("main form button[type='submit']").click()
    page.wait_for_load_state()
    endorse_link = page.locator("main input[readonly]").input_value()
    nomination.refresh_from_db()
    assert nomination.state == NominationState.ACCEPTED
    assert nomination.person.display_name == "Ana Quispe"
    assert endorse_link.startswith(f"{live_server.url}/es/nominations/endorse/")
    endorse_path = endorse_link.removeprefix(live_server.url)

    # Two members endorse through the shared link, once each.
    for endorser, words in zip(journey["endorsers"], ("Gran organizadora.", "Siempre ayuda."), strict=True):
        tab = signed_in_tab(browser, live_server, endorser.email, endorse_path)
        assert_accessible(tab)
        tab.locator("textarea[name='comment']").fill(words)
        tab.locator("main form button[type='submit']").click()
        tab.wait_for_url(f"{live_server.url}{endorse_path}")
        assert tab.get_by_text("Ya has respaldado esta candidatura.").count() == 1  # the link is Spanish
        tab.context.close()
    assert nomination.endorsements.count() == 2

    # A reviewer with a conflict of interest declares it and cannot score; another scores.
    review_path = f"/en/nominations/{nomination.pk}/review/"
    tab = signed_in_tab(browser, live_server, "carla@example.org", review_path)
    assert_accessible(tab)
    tab.get_by_role("button", name="Declare a conflict of interest").click()
    tab.wait_for_url(f"{live_server.url}/en/nominations/calls/{call.pk}/review/")
    assert tab.get_by_text("Conflict of interest declared").count() == 1
    tab.goto(f"{live_server.url}{review_path}")
    assert tab.locator(f"select[name='criterion_{criterion.pk}']").count() == 0
    assert (
        tab.get_by_text("You declared a conflict of interest: you cannot score this nomination.").count() == 1
    )
    tab.context.close()

    tab = signed_in_tab(browser, live_server, "ramon@example.org", review_path)
    tab.locator(f"select[name='criterion_{criterion.pk}']").select_option("4")
    tab.locator("textarea[name='comment']").fill("Strong community record.")
    tab.get_by_role("button", name="Save my review").click()
    tab.wait_for_url(f"{live_server.url}/en/nominations/calls/{call.pk}/review/")
    assert_accessible(tab)
    tab.context.close()
    scored = Review.objects.get(nomination=nomination, conflict_of_interest=False)
    assert [score.score for score in scored.scores.all()] == [4]

    # The organizer sees the ranked table, shortlists and appoints the nominee.
    manage_path = f"/en/nominations/calls/{call.pk}/manage/"
    tab = signed_in_tab(browser, live_server, "olga@example.org", manage_path)
    assert_accessible(tab)
    row = tab.locator("tr", has_text="Ana Quispe")
    assert row.locator("td").nth(3).inner_text() == "4.00"
    row.locator(f"select[name='n{nomination.pk}-action']").select_option("shortlist")
    row.get_by_role("button", name="Apply").click()
    tab.wait_for_url(f"{live_server.url}{manage_path}")
    assert tab.get_by_text("The nomination was shortlisted.").count() == 1
    row = tab.locator("tr", has_text="Ana Quispe")
    row.locator(f"select[name='n{nomination.pk}-action']").select_option("appoint")
    row.get_by_role("button", name="Apply").click()
    tab.wait_for_url(f"{live_server.url}{manage_path}")
    assert tab.get_by_text("The nominee was appointed.").count() == 1
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPOINTED

    # The person appears as the role's holder.
    tab.goto(f"{live_server.url}/en/roles/{role.pk}/")
    holders = tab.locator("table.holder-table")
    assert holders.get_by_text("Ana Quispe").count() == 1
    assert_accessible(tab)
    tab.context.close()
    assert RoleHolder.objects.get(role=role).person == nomination.person
