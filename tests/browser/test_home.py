"""The foundation's browser journey: home page, Arabic right to left, and on to an organisation."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_switch_to_arabic_and_open_an_organisation(page, live_server):
    OrganizationFactory(
        name="Wikimedia Alpha",
        name_en="Wikimedia Alpha",
        name_ar="ويكيميديا ألفا",
        slug="wikimedia-alpha",
    )
    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Who leads our communities next?"
    assert_accessible(page)

    page.get_by_role("navigation", name="Language").locator("a[hreflang=ar]").click()
    page.wait_for_url(f"{live_server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    heading = page.locator("h1").inner_text()
    assert any("\u0600" <= ch <= "\u06ff" for ch in heading), heading
    assert_accessible(page)

    page.locator(".site-nav a").first.click()
    page.get_by_role("link", name="ويكيميديا ألفا").click()
    page.wait_for_url(f"{live_server.url}/ar/organizations/wikimedia-alpha/")
    assert page.locator("h1").inner_text() == "ويكيميديا ألفا"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)


def test_home_is_usable_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    tab = context.new_page()
    tab.goto(f"{live_server.url}/en/")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    context.close()
