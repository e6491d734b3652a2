"""What learners do: enroll, cancel, give feedback, and see their trainings and their private calendar link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from leadership.common.forms import add_service_error
from leadership.common.lists import ListPageMixin
from leadership.common.permissions import ObjectPermissionMixin

from .. import selectors, services
from ..enums import EnrollmentState, SessionStatus
from ..forms import FeedbackForm
from ..models import Enrollment, TrainingSession
from .common import person_of, viewer_zone


class SessionEnrollView(ObjectPermissionMixin, View):
    """One click for a signed-in learner: confirmed while seats remain, else waitlisted with a position."""

    permission_required = "training.enroll"
    http_method_names = ["post"]

    def fetch_object(self) -> TrainingSession:
        return get_object_or_404(TrainingSession, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            enrollment = services.enrollment_create(session=self.object, person=person_of(request))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if enrollment.state == EnrollmentState.WAITLISTED:
                messages.warning(
                    request,
                    _(
                        "The session is full: you are on the waitlist, at position %(position)d. We will email you if a seat frees up."
                    )
                    % {"position": enrollment.waitlist_position},
                )
            else:
                messages.success(request, _("You are enrolled. See you there!"))
        return redirect("training:session_detail", pk=pk)


class EnrollmentCancelView(ObjectPermissionMixin, View):
    """A learner gives up their seat or waitlist place (or an organiser removes one); the next one is promoted."""

    permission_required = "training.cancel_enrollment"
    http_method_names = ["post"]

    def fetch_object(self) -> Enrollment:
        return get_object_or_404(Enrollment.objects.select_related("session"), pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        enrollment = self.object
        try:
            services.enrollment_cancel(enrollment=enrollment)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The enrollment was cancelled."))
        # Only a path of this site, as checked (stripped): redirect() would take other text for a URL name
        # and fail on it, and "//" followed by blanks passes the check but leaves the site once encoded.
        target = request.POST.get("next", "").strip()
        if (
            target.startswith("/")
            and not target.startswith(("//", "/\\"))
            and url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            return HttpResponseRedirect(target)
        return redirect("training:session_detail", pk=enrollment.session_id)


class SessionFeedbackView(LoginRequiredMixin, ObjectPermissionMixin, View):
    """A learner who took part rates the session (organisers only ever see the aggregate of five or more)."""

    permission_required = "training.give_feedback"
    template_name = "training/feedback_form.html"

    def fetch_object(self) -> Enrollment:
        session = selectors.session_detail_qs().filter(pk=self.kwargs["pk"]).first()
        enrollment = (
            selectors.learner_enrollment(session=session, user=self.request.user) if session else None
        )
        if enrollment is None:
            raise Http404
        enrollment.session = session
        return enrollment

    def render_page(self, form: FeedbackForm, status: int = 200) -> HttpResponse:
        enrollment = self.object
        context = {
            "form": form,
            "enrollment": enrollment,
            "session": enrollment.session,
            "course": enrollment.session.course,
            "viewer_zone": viewer_zone(self.request),
            "already_given": hasattr(enrollment, "feedback"),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(FeedbackForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_submit(
                    enrollment=self.object,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return redirect("training:my_trainings")
        return self.render_page(form)


class MyTrainingsView(LoginRequiredMixin, ListPageMixin, View):
    """The signed-in learner's enrollments, latest first, and the address of their private calendar feed."""

    template_name = "training/my_trainings.html"
    paginate_by = 25

    def get(self, request: HttpRequest) -> HttpResponse:
        person = person_of(request)
        pagination = self.paginate(selectors.learner_enrollments(person=person))
        enrollments = pagination["page_obj"].object_list
        now = timezone.now()
        for enrollment in enrollments:
            enrollment.feedback_open = (
                enrollment.state in EnrollmentState.learner_states()
                and enrollment.session.status != SessionStatus.CANCELLED
                and enrollment.session.ends_at <= now
                and not hasattr(enrollment, "feedback")
            )
        token = selectors.learner_feed_of(person=person)
        feed_url = request.build_absolute_uri(reverse("training:learner_ics", args=[token])) if token else ""
        context = {
            "enrollments": enrollments,
            **pagination,
            "viewer_zone": person.time_zone,
            "feed_url": feed_url,
        }
        return render(request, self.template_name, context)


class FeedRotateView(LoginRequiredMixin, View):
    """Make the learner's private calendar address, or replace it (the old one stops working)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        person = person_of(request)
        if selectors.learner_feed_of(person=person):
            services.learner_feed_rotate(person=person)
            messages.success(
                request, _("Your calendar has a new private address; the old one no longer works.")
            )
        else:
            services.learner_feed_token(person=person)
            messages.success(
                request, _("Your calendar's private address is ready: add it to your calendar app.")
            )
        return redirect("training:my_trainings")
