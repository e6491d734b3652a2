"""The organizer area: create and edit calls (questions and criteria inline), the ranked table, decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from leadership.common.forms import add_service_error
from leadership.common.lists import ListPageMixin
from leadership.common.permissions import ObjectPermissionMixin
from roles.models import Organization

from .. import selectors, services
from ..forms.calls import CallForm, criterion_formset, organization_roles, question_formset
from ..forms.reviewing import DecisionForm
from ..models import Nomination, NominationCall

FORMSET_ERRORS = _("Correct the questions and criteria marked below.")


class CallFormMixin(ObjectPermissionMixin):
    template_name = "nominations/call_form.html"
    request: HttpRequest

    def render_form(self, form: CallForm, questions: Any, criteria: Any, **extra: Any) -> HttpResponse:
        context = {"form": form, "questions": questions, "criteria": criteria, **extra}
        return render(self.request, self.template_name, context)

    def handle(
        self, *, call: NominationCall | None, organization: Organization | None, **extra: Any
    ) -> HttpResponse:
        data = self.request.POST
        form = CallForm(
            data,
            instance=call or NominationCall(organization=organization),
            roles=organization_roles(organization),
        )
        questions = question_formset(call=call, data=data)
        criteria = criterion_formset(call=call, data=data)
        forms_valid = form.is_valid()
        rows_valid = questions.is_valid() and criteria.is_valid()
        if forms_valid and rows_valid:
            try:
                saved = services.call_save(
                    call=call,
                    organization=organization,
                    data=form.call_data(),
                    roles=list(form.cleaned_data["roles"]),
                    questions=[
                        services.QuestionInput(
                            text=row["text"],
                            kind=row["kind"],
                            choices=tuple(row["choices"]),
                            required=row["required"],
                            position=row["position"],
                            pk=row["id"],
                        )
                        for row in questions.rows()
                    ],
                    criteria=[
                        services.CriterionInput(
                            name=row["name"], weight=row["weight"], position=row["position"], pk=row["id"]
                        )
                        for row in criteria.rows()
                    ],
                    reviewers=form.cleaned_data["reviewer_emails"],
                    by=self.request.user,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(self.request, _("The call “%(title)s” was saved.") % {"title": saved.title})
                return redirect("nominations:call_detail", pk=saved.pk)
        elif forms_valid:
            form.add_error(None, FORMSET_ERRORS)
        return self.render_form(form, questions, criteria, organization=organization, call=call, **extra)


class CallCreateView(CallFormMixin, View):
    """A new call of an organisation (its organizers), or a movement-wide call (staff, no organisation)."""

    permission_required = "nominations.add_call_to_organization"

    def fetch_object(self) -> Organization | None:
        slug = self.kwargs.get("slug")
        if slug is None:
            return None
        return get_object_or_404(Organization, slug=slug)

    def get_permission_object(self) -> Any:
        if not hasattr(self, "organization"):
            self.organization = self.fetch_object()
        return self.organization

    def get(self, request: HttpRequest, slug: str | None = None) -> HttpResponse:
        organization = self.organization
        form = CallForm(
            instance=NominationCall(organization=organization), roles=organization_roles(organization)
        )
        return self.render_form(
            form, question_formset(), criterion_formset(), organization=organization, call=None
        )

    def post(self, request: HttpRequest, slug: str | None = None) -> HttpResponse:
        return self.handle(call=None, organization=self.organization)


class CallEditView(CallFormMixin, View):
    permission_required = "nominations.change_call"

    def fetch_object(self) -> NominationCall:
        return get_object_or_404(selectors.call_detail_qs(), pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = self.object
        form = CallForm(instance=call, roles=organization_roles(call.organization))
        return self.render_form(
            form,
            question_formset(call=call),
            criterion_formset(call=call),
            organization=call.organization,
            call=call,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = self.object
        return self.handle(call=call, organization=call.organization)


URL_ID_MARK = 987654321  # stands for a row's id in the reversed route


class RankedTableMixin(ListPageMixin):
    """The ranked table of a call's accepted nominations (one page of 50), shown by CallManageView and shown
    again, with the row's data and errors, by NominationDecideView when a decision fails."""

    template_name = "nominations/manage.html"
    paginate_by = 50  # a call may draw thousands of nominations; a page of them stays quick to render

    def render_table(
        self, call: NominationCall, *, failed: Nomination | None = None, form: Any = None
    ) -> Any:
        roles = list(call.roles.all())
        pagination = self.paginate(selectors.call_nominations_ranked(call=call))
        nominations = list(pagination["page_obj"].object_list)
        # One reverse() per page: each row's form posts to the same route with its own id.
        decide_url = reverse("nominations:nomination_decide", args=[URL_ID_MARK])
        for nomination in nominations:
            nomination.decide_url = decide_url.replace(str(URL_ID_MARK), str(nomination.pk))
            if failed is not None and nomination.pk == failed.pk:
                nomination.decision = form.submitted()
        context = {
            "call": call,
            "nominations": nominations,
            **pagination,
            "roles": roles,
            "controls": DecisionForm.controls(roles),
        }
        return render(self.request, self.template_name, context)


class CallManageView(ObjectPermissionMixin, RankedTableMixin, View):
    """The ranked table of a call's accepted nominations: weighted scores, the term-limit flag, decisions.
    Each row's controls are plain inputs named after the row (`n<id>-action`...): no form instance per row."""

    permission_required = "nominations.manage_call"

    def fetch_object(self) -> NominationCall:
        return get_object_or_404(
            NominationCall.objects.select_related("organization").prefetch_related("roles"),
            pk=self.kwargs["pk"],
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_table(self.object)


DECISION_SERVICES = {
    "start_review": services.nomination_start_review,
    "shortlist": services.nomination_shortlist,
    "reject": services.nomination_reject,
    "offer_training": services.nomination_offer_training,
}
DECISION_MESSAGES = {
    "start_review": _("The review of the nomination started."),
    "shortlist": _("The nomination was shortlisted."),
    "reject": _("The nomination was marked not selected."),
    "offer_training": _("Training was offered to the nominee."),
    "appoint": _("The nominee was appointed."),
}


class NominationDecideView(ObjectPermissionMixin, RankedTableMixin, View):
    """An organizer moves a nomination on (POST from the ranked table, whose page comes as `?page=`). A decision
    that fails shows the table again with the row's choices and why."""

    permission_required = "nominations.manage_nomination"
    http_method_names = ["post"]

    def fetch_object(self) -> Nomination:
        nomination = (
            Nomination.objects.select_related("call", "call__organization")
            .prefetch_related("call__roles")
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if nomination is None or nomination.is_erased:
            raise Http404
        return nomination

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = self.object
        form = DecisionForm(request.POST, roles=list(nomination.call.roles.all()), prefix=f"n{nomination.pk}")
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == "appoint":
                    services.nomination_appoint(
                        nomination=nomination,
                        role=form.chosen_role(),
                        seat=form.cleaned_data["seat"],
                        by=request.user,
                    )
                else:
                    DECISION_SERVICES[action](nomination=nomination, by=request.user)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, DECISION_MESSAGES[action])
                url = reverse("nominations:call_manage", args=[nomination.call_id])
                page = request.GET.get("page", "")
                return redirect(f"{url}?page={page}" if page.isdigit() and page != "1" else url)
        for text in form.submitted()["errors"]:
            messages.error(request, text)
        return self.render_table(nomination.call, failed=nomination, form=form)
