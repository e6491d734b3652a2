"""The competency catalogue and one competency's page (public)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import View

from leadership.common.lists import ListPageMixin

from .. import selectors
from ..forms.competencies import CompetencySearchForm


class CompetencyListView(ListPageMixin, View):
    """The catalogue grouped by category: a GET form that works without JavaScript, live with htmx."""

    template_name = "roles/competency_list.html"
    partial_template_name = "roles/competency_list_results.html"
    paginate_by = 100
    keeps_filters = True

    def get(self, request: HttpRequest) -> HttpResponse:
        categories = list(selectors.competency_categories())
        form = CompetencySearchForm(request.GET, categories=categories)
        filters = form.filters
        pagination = self.paginate(selectors.competency_catalogue(**filters))
        groups = [
            {"category": category, "competencies": list(items)}
            for category, items in groupby(
                pagination["page_obj"].object_list, key=lambda competency: competency.category
            )
        ]
        context = {
            "form": form,
            "groups": groups,
            **pagination,
            "searching": bool(filters["q"] or filters["category"]),
        }
        return self.render_list(context)


class CompetencyDetailView(ListPageMixin, View):
    """A competency: what it is, its levels, the roles that require it, mentors, and where to learn it."""

    template_name = "roles/competency_detail.html"
    paginate_by = 25  # the roles that require it
    mentors_shown = 12

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        competency = selectors.competency_for_page(slug=slug)
        if competency is None:
            raise Http404
        own = {descriptor.level: descriptor for descriptor in competency.level_descriptors.all()}
        levels = [{"level": level, "own": own.get(level.level)} for level in selectors.proficiency_levels()]
        pagination = self.paginate(selectors.competency_requiring_roles(competency=competency))
        mentors = selectors.competency_mentors(competency=competency)
        context: dict[str, Any] = {
            "competency": competency,
            "levels": levels,
            "requirements": pagination["page_obj"].object_list,
            **pagination,
            "mentors": list(mentors[: self.mentors_shown]),
            "mentor_count": mentors.count(),
        }
        return render(request, self.template_name, context)
