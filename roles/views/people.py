"""People: the public directory, a person's page and gap view, and the signed-in person's competencies.

Views stay thin: permissions come from rules.py, reads from selectors.py, writes from services.py (through
the forms). A private profile is not found by those who may not see it (a 403 would tell it exists).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from leadership.common.forms import add_service_error
from leadership.common.lists import ListPageMixin
from leadership.common.pagination import CappedKeysPaginator

from .. import selectors, services
from ..enums import CompetencySource
from ..forms.people import (
    ConfirmCompetencyForm,
    GapRoleForm,
    InterestsForm,
    PeopleSearchForm,
    SelfAssessmentFormSet,
    grouped_competency_choices,
    save_my_competencies,
)
from ..models import Person, Region


def _viewable_person(request: HttpRequest, pk: int) -> Person:
    person = selectors.person_for_profile(pk=pk)
    if person is None or not request.user.has_perm("roles.view_person", person):
        raise Http404
    return person


def _me(request: HttpRequest) -> Person:
    person = selectors.person_of(request.user)
    if person is None:
        person = services.person_for_user(user=request.user)
    return person


class PeoplePaginator(CappedKeysPaginator):
    """The directory counts up to 1,000 people ("More than 1,000 people"): counting every public profile, or
    every speaker of a common language, on each request would cost more than the page it heads."""

    count_cap = 1_000


class PeopleListView(ListPageMixin, View):
    """Public profiles only, whoever looks (people see their own private profile on their own page)."""

    template_name = "roles/people_list.html"
    partial_template_name = "roles/people_list_results.html"
    paginate_by = 25
    paginator_class = PeoplePaginator
    keeps_filters = True

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeopleSearchForm(
            request.GET,
            regions=list(Region.objects.order_by("order", "code")),
            languages=selectors.people_directory_languages(),
        )
        filters = form.filters
        pagination = self.paginate(selectors.people_directory(**filters))
        context = {
            "form": form,
            "people": pagination["page_obj"].object_list,
            **pagination,
            "competency": filters["competency"],
            # an htmx update swaps the results only: they carry the form's errors (a typed competency that
            # matches nothing), which the whole page shows beside the fields
            "partial": self.wants_partial(),
        }
        return self.render_list(context)


class PersonDetailView(View):
    """A person's page: public profiles for everyone, a private one for its owner and staff only."""

    template_name = "roles/person_detail.html"

    def page_context(
        self, person: Person, confirm_form: ConfirmCompetencyForm | None = None
    ) -> dict[str, Any]:
        user = self.request.user
        can_confirm = user.has_perm("roles.confirm_competency_person", person)
        if can_confirm and confirm_form is None:
            confirm_form = ConfirmCompetencyForm(competencies=list(selectors.competency_catalogue()))
        terms = selectors.person_terms(person=person)
        return {
            "person": person,
            "memberships": selectors.person_memberships(person=person, listed_only=True),
            "current_terms": [term for term in terms if term.is_current],
            "past_terms": [term for term in terms if not term.is_current],
            "competency_levels": list(selectors.person_competency_levels(person=person).values()),
            "wants_to_develop": selectors.competency_catalogue().filter(wanted_by=person),
            "can_mentor": selectors.competency_catalogue().filter(mentors=person),
            "gap_form": GapRoleForm(roles=selectors.gap_role_choices(person=person)),
            "can_confirm": can_confirm,
            "confirm_form": confirm_form if can_confirm else None,
            "is_self": person.user_id is not None and person.user_id == user.pk,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _viewable_person(request, pk)
        return render(request, self.template_name, self.page_context(person))


class PersonConfirmCompetencyView(PersonDetailView):
    """An organizer of one of the person's organisations confirms a level ("confirmed by an organizer")."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _viewable_person(request, pk)
        if not request.user.has_perm("roles.confirm_competency_person", person):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        form = ConfirmCompetencyForm(request.POST, competencies=list(selectors.competency_catalogue()))
        if form.is_valid():
            try:
                record = form.save(person=person, by=selectors.person_of(request.user))
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("You confirmed %(person)s at level %(level)d in %(competency)s.")
                    % {
                        "person": person.display_name,
                        "level": record.level,
                        "competency": record.competency.name,
                    },
                )
                return redirect("roles:person_detail", pk=person.pk)
        return render(request, self.template_name, self.page_context(person, confirm_form=form))


class PersonGapView(View):
    """A person's levels against the requirements of one role, essentials first."""

    template_name = "roles/gap.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _viewable_person(request, pk)
        roles = selectors.gap_role_choices(person=person)
        form = GapRoleForm(request.GET if "role" in request.GET else None, roles=roles)
        role = None
        rows: list[dict[str, Any]] = []
        if form.is_bound and form.is_valid():
            role = form.cleaned_data["role"]
            form.offer(role)
            rows = selectors.person_gap(person=person, role=role)
        context = {
            "person": person,
            "form": form,
            "role": role,
            "rows": rows,
            "met": sum(1 for row in rows if not row["missing"]),
        }
        return render(request, self.template_name, context)


class MeCompetenciesView(LoginRequiredMixin, View):
    """The signed-in person's self-assessment and learning interests, saved in one submit."""

    template_name = "roles/me_competencies.html"

    def forms(self, person: Person, data: Any = None) -> tuple[Any, InterestsForm, dict[int, Any]]:
        competencies = list(selectors.competency_catalogue())
        choices = grouped_competency_choices(competencies)
        if data is None:
            records = person.competencies.filter(source=CompetencySource.SELF_ASSESSED).order_by(
                "competency__category__order", "competency__name_en", "id"
            )
            initial = [
                {"competency": r.competency_id, "level": r.level, "evidence": r.evidence} for r in records
            ]
            formset = SelfAssessmentFormSet(initial=initial, prefix="self", form_kwargs={"choices": choices})
            interests = InterestsForm(
                initial={
                    "wants_to_develop": list(person.wants_to_develop.values_list("pk", flat=True)),
                    "can_mentor": list(person.can_mentor.values_list("pk", flat=True)),
                },
                choices=choices,
            )
        else:
            formset = SelfAssessmentFormSet(data, prefix="self", form_kwargs={"choices": choices})
            interests = InterestsForm(data, choices=choices)
        return formset, interests, {c.pk: c for c in competencies}

    def render_page(
        self, person: Person, formset: Any, interests: InterestsForm, **extra: Any
    ) -> HttpResponse:
        context = {
            "person": person,
            "formset": formset,
            "interests_form": interests,
            "verified": [
                levels
                for levels in selectors.person_competency_levels(person=person).values()
                if levels.verified
            ],
            **extra,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        person = _me(request)
        formset, interests, _competencies = self.forms(person)
        return self.render_page(person, formset, interests)

    def post(self, request: HttpRequest) -> HttpResponse:
        person = _me(request)
        formset, interests, competencies = self.forms(person, request.POST)
        if formset.is_valid() and interests.is_valid():
            try:
                save_my_competencies(
                    person=person, formset=formset, interests=interests, competencies=competencies
                )
            except ValidationError as error:
                return self.render_page(person, formset, interests, page_errors=error.messages)
            messages.success(request, _("Your competencies were saved."))
            return redirect("roles:me_competencies")
        return self.render_page(person, formset, interests)
