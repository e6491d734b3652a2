"""List pages: the pagination context, the query strings of their links, and the htmx partial."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.generic import View
from django_htmx.middleware import HtmxDetails

from leadership.common.lists import ListPageMixin, query_without, wants_partial


def _request(query: str = "", **headers: str):
    request = RequestFactory().get(f"/en/things/{query}", headers=headers)
    request.htmx = HtmxDetails(request)  # what django-htmx's middleware sets on every request
    return request


class NumbersView(ListPageMixin, View):
    template_name = "things/list.html"
    partial_template_name = "things/results.html"
    paginate_by = 2


class FilteredNumbersView(NumbersView):
    keeps_filters = True


def _page(view_class, query: str, items=range(1, 6), **kwargs):
    view = view_class()
    view.request = _request(query)
    context = view.paginate(list(items), **kwargs)
    page = context["page_obj"]
    summary = {
        "keys": sorted(context),
        "number": page.number,
        "rows": list(page.object_list),
        "count": context["paginator"].count,
        "pages": context["paginator"].num_pages,
        "is_paginated": context["is_paginated"],
    }
    return summary, context


def test_query_without_drops_the_page_and_the_named_parameters():
    request = _request("?q=board&page=3&competency=finance&organization=wm-fr")

    assert query_without(request) == "q=board&competency=finance&organization=wm-fr"
    assert query_without(request, "competency") == "q=board&organization=wm-fr"
    assert query_without(request, "competency", "organization", "q") == ""


def test_query_without_keeps_repeated_parameters_and_encodes_them():
    request = _request("?language=fr&language=ar&q=caf%C3%A9+%26+co&page=2")

    assert query_without(request) == "language=fr&language=ar&q=caf%C3%A9+%26+co"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "true", "HX-Boosted": "true"}, False),
    ],
)
def test_wants_partial_only_for_an_htmx_swap_not_a_boosted_navigation(headers, expected):
    assert wants_partial(_request(**headers)) is expected


def test_wants_partial_false_without_the_htmx_middleware():
    assert wants_partial(RequestFactory().get("/en/things/")) is False


def test_paginate_gives_the_page_asked_for_in_listview_names():
    summary, _context = _page(NumbersView, "?page=2&q=x")

    assert summary == {
        "keys": ["is_paginated", "page_obj", "paginator"],
        "number": 2,
        "rows": [3, 4],
        "count": 5,
        "pages": 3,
        "is_paginated": True,
    }


@pytest.mark.parametrize(
    ("query", "number", "rows"),
    [("", 1, [1, 2]), ("?page=99", 3, [5]), ("?page=last", 1, [1, 2]), ("?page=-1", 3, [5])],
)
def test_paginate_forgives_a_missing_or_wrong_page_number(query, number, rows):
    summary, _context = _page(NumbersView, query)

    assert (summary["number"], summary["rows"]) == (number, rows)


def test_paginate_one_page_is_not_paginated():
    summary, _context = _page(NumbersView, "", items=[1, 2])

    assert (summary["pages"], summary["rows"], summary["is_paginated"]) == (1, [1, 2], False)


def test_paginate_per_page_overrides_the_view_default():
    summary, _context = _page(NumbersView, "?page=2", per_page=4)

    assert (summary["number"], summary["rows"], summary["pages"]) == (2, [5], 2)


def test_paginate_filtered_list_keeps_its_filters_for_the_page_links():
    summary, context = _page(FilteredNumbersView, "?page=2&q=x&region=SSA")

    assert summary["keys"] == ["is_paginated", "page_obj", "paginator", "query_without_page"]
    assert context["query_without_page"] == "q=x&region=SSA"


@pytest.mark.parametrize(
    ("headers", "partial"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "true", "HX-Boosted": "true"}, False),
    ],
)
def test_view_wants_partial_needs_a_partial_template(headers, partial):
    view = NumbersView()
    view.request = _request(**headers)
    without_partial = NumbersView()
    without_partial.partial_template_name = ""
    without_partial.request = _request(**headers)

    assert (view.wants_partial(), without_partial.wants_partial()) == (partial, False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "template"),
    [
        ({}, "roles/competency_list.html"),
        ({"HX-Request": "true"}, "roles/competency_list_results.html"),
        ({"HX-Request": "true", "HX-Boosted": "true"}, "roles/competency_list.html"),
    ],
)
def test_render_list_renders_the_partial_for_an_htmx_swap(client, headers, template):
    response = client.get(reverse("roles:competency_list") + "?q=gov&page=1", headers=headers)

    assert (response.status_code, response.templates[0].name) == (200, template)
    assert (response.context["query_without_page"], response.context["is_paginated"]) == ("q=gov", False)
