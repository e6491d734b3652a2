"""The movement's and regions' pages are rendered once per version of their figures: a second view reads the
cached sections (one query for the summary), and a refresh of the figures shows at once."""

import re

import pytest

from leadership.overview.services import overview_refresh
from tests.factories.registry import RoleFactory, RoleRequirementFactory

pytestmark = pytest.mark.django_db


def _vacant_seats(html: str) -> str:
    return re.search(r'ov-stat--vacant"><span class="stat__value">([^<]*)</span>', html).group(1)


@pytest.mark.parametrize(("path", "cached_queries"), [("/en/overview/", 1), ("/en/overview/regions/NWE/", 2)])
def test_overview_page_is_rendered_once_per_refresh(
    client, django_assert_num_queries, org_a, path, cached_queries
):
    RoleFactory(organization=org_a, seats=2)
    overview_refresh()
    first = client.get(path).content.decode()

    with django_assert_num_queries(cached_queries):  # the summary (and the region); nothing else
        again = client.get(path).content.decode()

    assert again == first
    assert _vacant_seats(first) == "2"

    RoleFactory(organization=org_a, seats=3)
    overview_refresh()

    assert _vacant_seats(client.get(path).content.decode()) == "5"


def test_overview_page_cache_keeps_languages_and_sorts_apart(client, org_a):
    RoleRequirementFactory(role=RoleFactory(organization=org_a, seats=2))
    overview_refresh()

    english = client.get("/en/overview/").content.decode()
    french = client.get("/fr/overview/").content.decode()
    by_name = client.get("/en/overview/?sort=name").content.decode()

    assert "Renewal at a glance" in english
    assert "Renewal at a glance" not in french
    assert 'aria-sort="ascending"' in by_name
    assert 'aria-sort="ascending"' not in english
