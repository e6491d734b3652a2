"""The reviewer area: a call's nominations to review, and one nomination's review (scores, conflict).

Names are hidden from reviewers when the call is anonymised (endorsements too). A reviewer who declared a
conflict of interest sees the nomination but cannot score it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from leadership.common.forms import add_service_error
from leadership.common.permissions import ObjectPermissionMixin

from .. import selectors, services
from ..forms.reviewing import ReviewForm
from ..models import Nomination, NominationCall, Review


class CallReviewView(ObjectPermissionMixin, View):
    """The accepted nominations of a call its reviewer reviews, with the state of their own review."""

    permission_required = "nominations.review_call"
    template_name = "nominations/review_list.html"

    def fetch_object(self) -> NominationCall:
        return get_object_or_404(NominationCall.objects.select_related("organization"), pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        nominations = selectors.reviewer_nominations(call=self.object, reviewer=request.user)
        return render(request, self.template_name, {"call": self.object, "nominations": nominations})


class NominationMixin(ObjectPermissionMixin):
    kwargs: dict[str, Any]

    def fetch_object(self) -> Nomination:
        nomination = selectors.nomination_detail_qs().filter(pk=self.kwargs["pk"]).first()
        if nomination is None or nomination.is_erased:
            raise Http404
        return nomination


class NominationReviewView(NominationMixin, View):
    """One nomination as its reviewer sees it, and their scores and comment (editable while reviewing is open)."""

    permission_required = "nominations.review_nomination"
    template_name = "nominations/review_form.html"

    def review(self) -> Review | None:
        return (
            Review.objects.filter(nomination=self.object, reviewer=self.request.user)
            .prefetch_related("scores")
            .first()
        )

    def render_page(self, form: ReviewForm | None = None, review: Review | None = None) -> HttpResponse:
        nomination = self.object
        criteria = list(nomination.call.criteria.all())
        if review is None:
            review = self.review()
        if form is None:
            form = ReviewForm(criteria=criteria, review=review)
        context = {
            "nomination": nomination,
            "call": nomination.call,
            "anonymised": nomination.call.anonymised_review,
            "review": review,
            "conflict": review is not None and review.conflict_of_interest,
            "form": form,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page()

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = self.object
        review = self.review()
        form = ReviewForm(request.POST, criteria=list(nomination.call.criteria.all()), review=review)
        if review is not None and review.conflict_of_interest:
            return self.render_page(review=review)
        if form.is_valid():
            try:
                services.review_save(
                    nomination=nomination,
                    reviewer=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your review was saved."))
                return redirect("nominations:call_review", pk=nomination.call_id)
        return self.render_page(form, review)


class NominationConflictView(NominationMixin, View):
    """A reviewer declares a conflict of interest with a nomination (POST from its review page)."""

    permission_required = "nominations.review_nomination"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.review_declare_conflict(nomination=self.object, reviewer=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Your conflict of interest was recorded: you will not score this one.")
            )
        return redirect("nominations:call_review", pk=self.object.call_id)
