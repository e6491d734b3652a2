"""The competency catalogue and one competency's page (public)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import View

from .. import selectors
from ..forms.competencies import CompetencySearchForm


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class CompetencyListView(View):
    """The catalogue grouped by category: a GET form that works without JavaScript, live with htmx."""

    template_name = "roles/competency_list.html"
    partial_template_name = "roles/competency_list_results.html"
    paginate_by = 100

    def get(self, request: HttpRequest) -> HttpResponse:
        categories = list(selectors.competency_categories())
        form = CompetencySearchForm(request.GET, categories=categories)
        filters = form.filters
        paginator = Paginator(selectors.competency_catalogue(**filters), self.paginate_by)
        page = paginator.get_page(request.GET.get("page"))
        groups = [
            {"category": category, "competencies": list(items)}
            for category, items in groupby(page.object_list, key=lambda competency: competency.category)
        ]
        context = {
            "form": form,
            "groups": groups,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
            "query_without_page": query_without_page(request),
            "searching": bool(filters["q"] or filters["category"]),
        }
        partial = getattr(request, "htmx", False) and not request.htmx.boosted
        return render(request, self.partial_template_name if partial else self.template_name, context)


class CompetencyDetailView(View):
    """A competency: what it is, its levels, the roles that require it, mentors, and where to learn it."""

    template_name = "roles/competency_detail.html"
    roles_per_page = 25
    mentors_shown = 12

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        competency = selectors.competency_for_page(slug=slug)
        if competency is None:
            raise Http404
        own = {descriptor.level: descriptor for descriptor in competency.level_descriptors.all()}
        levels = [{"level": level, "own": own.get(level.level)} for level in selectors.proficiency_levels()]
        paginator = Paginator(
            selectors.competency_requiring_roles(competency=competency), self.roles_per_page
        )
        page = paginator.get_page(request.GET.get("page"))
        mentors = selectors.competency_mentors(competency=competency)
        context: dict[str, Any] = {
            "competency": competency,
            "levels": levels,
            "requirements": page.object_list,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
            "mentors": list(mentors[: self.mentors_shown]),
            "mentor_count": mentors.count(),
        }
        return render(request, self.template_name, context)
