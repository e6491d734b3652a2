"""List pages: one page of rows with Django's pagination context, and the htmx partial when asked.

A directory's filter form is a GET form that works without JavaScript; with htmx it swaps only the results
(`partial_template_name`), while a boosted link or a plain visit gets the whole page.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page (a boosted navigation wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx and not htmx.boosted)


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without its page number and the named parameters, for links that set them."""
    query = request.GET.copy()
    for name in ("page", *names):
        query.pop(name, None)
    return query.urlencode()


class ListPageMixin:
    """A view that shows one page of a list, in the context names of Django's ListView.

    `paginate()` reads `?page=` forgivingly (a number out of range shows the last page, anything else the
    first); a filtered list sets `keeps_filters`, so that the page links keep its filters
    (`query_without_page`, read by includes/pagination.html). `render_list()` renders
    `partial_template_name` for an htmx request that swaps the results, `template_name` otherwise.
    """

    template_name: str
    partial_template_name: str = ""
    paginate_by: int = 25
    paginator_class: type[Paginator] = Paginator
    keeps_filters: bool = False
    request: HttpRequest

    def paginate(self, object_list: Any, *, per_page: int | None = None) -> dict[str, Any]:
        paginator = self.paginator_class(object_list, per_page or self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        context: dict[str, Any] = {
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
        }
        if self.keeps_filters:
            context["query_without_page"] = query_without(self.request)
        return context

    def wants_partial(self) -> bool:
        return bool(self.partial_template_name) and wants_partial(self.request)

    def render_list(self, context: dict[str, Any]) -> HttpResponse:
        template = self.partial_template_name if self.wants_partial() else self.template_name
        return render(self.request, template, context)
