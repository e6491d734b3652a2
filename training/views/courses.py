"""The course catalogue, one course with its upcoming sessions, and creating and editing courses."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from leadership.common.forms import add_service_error
from leadership.common.lists import ListPageMixin, query_without
from leadership.common.permissions import ObjectPermissionMixin, RulesPermissionRequiredMixin
from roles.models import Competency, Organization

from .. import selectors, services
from ..forms import CatalogueFilterForm, CourseForm, course_competency_formset
from ..models import Course
from .common import viewer_zone


class CourseListView(ListPageMixin, View):
    """The catalogue: a GET form that works without JavaScript and updates live with htmx."""

    template_name = "training/course_list.html"
    partial_template_name = "training/course_results.html"
    paginate_by = 25
    keeps_filters = True

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CatalogueFilterForm(request.GET)
        filters = form.filters
        pagination = self.paginate(selectors.course_catalogue(**filters))
        context: dict[str, Any] = {"form": form, "courses": pagination["page_obj"].object_list, **pagination}
        if self.wants_partial():
            return self.render_list(context)
        context.update(
            pinned_competency=(
                Competency.objects.filter(slug=filters["competency"]).first()
                if filters["competency"]
                else None
            ),
            pinned_organization=(
                Organization.objects.filter(slug=filters["organization"]).first()
                if filters["organization"]
                else None
            ),
            without_competency=query_without(request, "competency"),
            without_organization=query_without(request, "organization"),
        )
        return self.render_list(context)


class CourseDetailView(View):
    """A course: what it develops, in which languages, and its upcoming sessions (drafts for their managers)."""

    template_name = "training/course_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        course = selectors.course_detail_qs().filter(pk=pk).first()
        if course is None:
            raise Http404
        user = request.user
        sessions = list(selectors.course_sessions_for_page(course=course, user=user))
        context = {
            "course": course,
            "sessions": sessions,
            "viewer_zone": viewer_zone(request),
            "can_edit": user.has_perm("training.change_course", course),
            "can_schedule": user.has_perm("training.schedule_session_for", None),
        }
        return render(request, self.template_name, context)


class CourseFormPageMixin:
    """Renders and processes the course form with its competencies formset."""

    template_name = "training/course_form.html"
    request: HttpRequest

    def organizations(self) -> QuerySet[Organization] | None:
        return None

    def render_form(self, form: CourseForm, formset: Any, course: Course | None) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "formset": formset, "course": course})

    def handle(self, *, course: Course | None) -> HttpResponse:
        data = self.request.POST
        form = CourseForm(
            data,
            instance=copy.copy(course) if course is not None else Course(),
            organizations=self.organizations(),
        )
        formset = course_competency_formset(course=course, data=data)
        if form.is_valid() and formset.is_valid():
            organization = form.cleaned_data.get("organization") or (course.organization if course else None)
            if organization is None or not self.request.user.has_perm(
                "training.add_course_for", organization
            ):
                form.add_error("organization", _("Choose one of the organisations you manage trainings for."))
            else:
                try:
                    saved = services.course_save(
                        course=course,
                        organization=organization,
                        data=form.course_data(),
                        competencies=formset.competencies,
                    )
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    messages.success(
                        self.request, _("The course “%(title)s” was saved.") % {"title": saved.title}
                    )
                    return redirect("training:course_detail", pk=saved.pk)
        return self.render_form(form, formset, course)


class CourseCreateView(RulesPermissionRequiredMixin, CourseFormPageMixin, View):
    """A new course, owned by one of the organisations the person manages trainings for."""

    permission_required = "training.add_course_for"

    def get_permission_object(self) -> Any:
        return None  # of any organisation; the form offers those the person manages

    def organizations(self) -> QuerySet[Organization]:
        return selectors.organizations_for_training(user=self.request.user)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CourseForm(organizations=self.organizations())
        return self.render_form(form, course_competency_formset(), None)

    def post(self, request: HttpRequest) -> HttpResponse:
        return self.handle(course=None)


class CourseEditView(ObjectPermissionMixin, CourseFormPageMixin, View):
    permission_required = "training.change_course"

    def fetch_object(self) -> Course:
        course = selectors.course_detail_qs().filter(pk=self.kwargs["pk"]).first()
        if course is None:
            raise Http404
        return course

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        course = self.object
        return self.render_form(CourseForm(instance=course), course_competency_formset(course=course), course)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.handle(course=self.object)
