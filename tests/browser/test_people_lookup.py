"""The people page's competency lookup in a real browser: typed, chosen by keyboard, in English and Arabic,
on a phone, and without JavaScript."""

import re

import pytest

from roles.enums import CompetencySource
from tests.browser.conftest import assert_accessible
from tests.factories import PersonFactory
from tests.factories.registry import CompetencyCategoryFactory, CompetencyFactory, PersonCompetencyFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 800}


@pytest.fixture
def people():
    category = CompetencyCategoryFactory(name="Finance", name_en="Finance", name_ar="المالية", slug="finance")
    facilitation = CompetencyFactory(
        name="Facilitation", name_en="Facilitation", name_ar="التيسير", slug="facilitation", category=category
    )
    fundraising = CompetencyFactory(
        name="Fundraising",
        name_en="Fundraising",
        name_ar="جمع التبرعات",
        slug="fundraising",
        category=category,
    )
    CompetencyFactory(
        name="Financial reporting",
        name_en="Financial reporting",
        name_ar="التقارير المالية",
        slug="financial-reporting",
        category=category,
    )
    ada = PersonFactory(display_name="Ada Fundraiser", is_public=True)
    PersonCompetencyFactory(person=ada, competency=fundraising, level=3, source=CompetencySource.TRAINING)
    bo = PersonFactory(display_name="Bo Facilitator", is_public=True)
    PersonCompetencyFactory(person=bo, competency=facilitation, level=2, source=CompetencySource.TRAINING)
    return {"fundraising": fundraising}


def _menu_labels(page):
    return page.locator("#id_competency_listbox [role=option]").all_inner_texts()


def test_people_lookup_typed_and_chosen_by_keyboard(page, live_server, people):
    page.goto(f"{live_server.url}/en/people/")
    assert page.locator("select#id_competency").count() == 0
    assert_accessible(page)

    box = page.get_by_role("combobox", name="Competency")
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("fun")
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert [label.split("\n")[0] for label in _menu_labels(page)] == ["Fundraising"]
    assert_accessible(page)  # with the menu open

    # Escape closes the menu and keeps the text; typing again opens it
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "fun"
    box.press("Backspace")
    box.press("Backspace")
    expect_labels(page, ["Facilitation", "Financial reporting", "Fundraising"])

    # ArrowDown twice, ArrowUp once: the first; ArrowUp from the first wraps to the last
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    highlighted = page.locator(".cdx-menu-item--highlighted")
    assert highlighted.inner_text().split("\n")[0] == "Facilitation"
    assert box.get_attribute("aria-activedescendant") == highlighted.get_attribute("id")
    box.press("ArrowUp")
    assert page.locator(".cdx-menu-item--highlighted").inner_text().split("\n")[0] == "Fundraising"
    box.press("Enter")

    page.wait_for_url(re.compile(r"competency=fundraising"))
    assert box.input_value() == "Fundraising"
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("input[type=hidden][name=competency]").input_value() == "fundraising"
    results = page.locator("#people-results")
    results.get_by_text("Fundraising, verified:").wait_for()
    assert "Ada Fundraiser" in results.inner_text()
    assert "Bo Facilitator" not in results.inner_text()

    # a bookmark of the URL opens the same filter, the name in the box
    page.goto(f"{live_server.url}/en/people/?competency=fundraising")
    assert page.get_by_role("combobox", name="Competency").input_value() == "Fundraising"
    assert_accessible(page)


def expect_labels(page, labels):
    page.wait_for_function(
        "n => document.querySelectorAll('#id_competency_listbox [role=option]').length === n", arg=len(labels)
    )
    assert [label.split("\n")[0] for label in _menu_labels(page)] == labels


def test_people_lookup_in_arabic_on_a_phone(browser, live_server, settings, people):
    settings.ALLOWED_HOSTS = ["*"]
    for code, text, label in [("en", "fund", "Fundraising"), ("ar", "جمع", "جمع التبرعات")]:
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        tab = context.new_page()
        tab.goto(f"{live_server.url}/{code}/people/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(tab)

        box = tab.locator("#id_competency")
        box.press_sequentially(text)
        tab.locator("#id_competency_listbox").wait_for(state="visible")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(tab)
        box.press("ArrowDown")
        box.press("Enter")
        tab.wait_for_url(re.compile(r"competency=fundraising"))
        assert box.input_value() == label
        assert "Ada Fundraiser" in tab.locator("#people-results").inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        context.close()


def test_people_lookup_without_javascript_is_a_text_field_checked_on_the_server(
    browser, live_server, settings, people
):
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    tab = context.new_page()
    tab.goto(f"{live_server.url}/en/people/")

    tab.get_by_label("Competency").fill("astrology")
    tab.get_by_role("button", name="Search", exact=True).click()
    tab.wait_for_url(re.compile(r"competency=astrology"))
    assert tab.get_by_label("Competency").input_value() == "astrology"
    assert "No competency matches “astrology”." in tab.locator(".cdx-field--status-error").inner_text()

    tab.get_by_label("Competency").fill("fundrai")
    tab.get_by_role("button", name="Search", exact=True).click()
    tab.wait_for_url(re.compile(r"competency=fundrai"))
    assert tab.get_by_label("Competency").input_value() == "Fundraising"
    assert "Ada Fundraiser" in tab.locator("#people-results").inner_text()
    assert "Bo Facilitator" not in tab.locator("#people-results").inner_text()
    context.close()
