"""One session's page, and what its organisers do: schedule, edit, publish, cancel, mark attendance."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from leadership.common.forms import add_service_error
from leadership.common.permissions import ObjectPermissionMixin
from roles.models import Organization

from .. import selectors, services
from ..enums import EnrollmentState, SessionStatus
from ..forms import AttendanceForm, SessionCancelForm, SessionForm
from ..models import Course, TrainingSession
from .common import person_of, viewer_zone


def _session_or_404(pk: int) -> TrainingSession:
    session = selectors.session_detail_qs().filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


class SessionDetailView(View):
    """A session: when (in the viewer's zone and the session's own), where, seats, and the learner's place."""

    template_name = "training/session_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        session = _session_or_404(pk)
        user = request.user
        if not user.has_perm("training.view_trainingsession", session):
            raise Http404
        enrollment = selectors.learner_enrollment(session=session, user=user)
        can_manage = user.has_perm("training.manage_session", session)
        now = timezone.now()
        open_for_enrollment = (
            session.status == SessionStatus.PUBLISHED
            and now < session.enrollment_deadline
            and now < session.starts_at
        )
        active = enrollment is not None and enrollment.state != EnrollmentState.CANCELLED
        context = {
            "session": session,
            "course": session.course,
            "viewer_zone": viewer_zone(request),
            "enrollment": enrollment if active else None,
            "can_manage": can_manage,
            "can_see_online_url": can_manage
            or (enrollment is not None and enrollment.state in EnrollmentState.seat_holding()),
            "can_enroll": open_for_enrollment and not active,
            "open_for_enrollment": open_for_enrollment,
            "can_give_feedback": enrollment is not None
            and enrollment.state in EnrollmentState.learner_states()
            and session.status != SessionStatus.CANCELLED
            and session.ends_at <= now,
            "feedback_summary": selectors.feedback_summary(session=session) if can_manage else None,
        }
        return render(request, self.template_name, context)


class SessionFormPageMixin(ObjectPermissionMixin):
    template_name = "training/session_form.html"
    request: HttpRequest

    def organizations(self) -> QuerySet[Organization] | None:
        return None

    def render_form(self, form: SessionForm, course: Course, session: TrainingSession | None) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "course": course, "session": session})

    def handle(self, *, course: Course, session: TrainingSession | None) -> HttpResponse:
        form = SessionForm(
            self.request.POST,
            instance=copy.copy(session) if session is not None else TrainingSession(course=course),
            organizations=self.organizations(),
        )
        if form.is_valid():
            organization = form.cleaned_data.get("organization") or (
                session.organization if session else None
            )
            try:
                saved = services.session_save(
                    session=session, course=course, organization=organization, data=form.session_data()
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(self.request, _("The session was saved."))
                return redirect("training:session_detail", pk=saved.pk)
        return self.render_form(form, course, session)


class SessionCreateView(SessionFormPageMixin, View):
    """Schedule a session of a course, organised by one of the organisations the person manages."""

    permission_required = "training.schedule_session_for"

    def get_permission_object(self) -> Any:
        if not hasattr(self, "course"):
            course = selectors.course_detail_qs().filter(pk=self.kwargs["pk"]).first()
            if course is None:
                raise Http404
            self.course = course
        return None  # of any organisation; the form offers those the person manages

    def organizations(self) -> QuerySet[Organization]:
        return selectors.organizations_for_training(user=self.request.user)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        course = self.course
        initial = {"format": course.format, "language": course.languages.order_by("code").first()}
        form = SessionForm(initial=initial, organizations=self.organizations())
        return self.render_form(form, course, None)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.handle(course=self.course, session=None)


class SessionEditView(SessionFormPageMixin, View):
    permission_required = "training.manage_session"

    def fetch_object(self) -> TrainingSession:
        return _session_or_404(self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_form(SessionForm(instance=self.object), self.object.course, self.object)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.handle(course=self.object.course, session=self.object)


class SessionPublishView(ObjectPermissionMixin, View):
    """Publish a draft (POST from the session's page)."""

    permission_required = "training.manage_session"
    http_method_names = ["post"]

    def fetch_object(self) -> TrainingSession:
        return _session_or_404(self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.session_publish(session=self.object)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The session is published: learners can enroll."))
        return redirect("training:session_detail", pk=pk)


class SessionCancelView(ObjectPermissionMixin, View):
    """Cancel a session after a confirmation; every enrolled and waitlisted learner is told."""

    permission_required = "training.manage_session"
    template_name = "training/session_cancel.html"

    def fetch_object(self) -> TrainingSession:
        return _session_or_404(self.kwargs["pk"])

    def render_page(self, form: SessionCancelForm) -> HttpResponse:
        session = self.object
        context = {
            "form": form,
            "session": session,
            "course": session.course,
            "viewer_zone": viewer_zone(self.request),
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(SessionCancelForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = SessionCancelForm(request.POST)
        if form.is_valid():
            try:
                services.session_cancel(session=self.object)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The session was cancelled and its learners were told."))
                return redirect("training:session_detail", pk=pk)
        return self.render_page(form)


class SessionAttendanceView(ObjectPermissionMixin, View):
    """The organisers' list of learners: mark attended, completed or did not attend; finish the session."""

    permission_required = "training.mark_attendance"
    template_name = "training/attendance.html"

    def fetch_object(self) -> TrainingSession:
        return _session_or_404(self.kwargs["pk"])

    def render_page(self, failed: AttendanceForm | None = None) -> HttpResponse:
        session = self.object
        enrollments = list(selectors.session_attendance_list(session=session))
        for enrollment in enrollments:
            if failed is not None and failed.prefix == f"e{enrollment.pk}":
                enrollment.mark_form = failed
            else:
                enrollment.mark_form = AttendanceForm(
                    session=session,
                    prefix=f"e{enrollment.pk}",
                    initial={"enrollment": enrollment.pk, "state": enrollment.state},
                )
        context = {
            "session": session,
            "course": session.course,
            "enrollments": enrollments,
            "viewer_zone": viewer_zone(self.request),
            "failed": failed,
            "can_mark": session.status in (SessionStatus.PUBLISHED, SessionStatus.FINISHED)
            and session.starts_at <= timezone.now(),
            "can_finish": session.status == SessionStatus.PUBLISHED and session.starts_at <= timezone.now(),
            "feedback_summary": selectors.feedback_summary(session=session),
        }
        return render(self.request, self.template_name, context, status=400 if failed is not None else 200)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page()

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if "finish" in request.POST:
            try:
                services.session_finish(session=self.object)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The session is marked as finished."))
            return redirect("training:session_attendance", pk=pk)
        prefix = request.POST.get("prefix", "")
        form = AttendanceForm(request.POST, session=self.object, prefix=prefix or None)
        if form.is_valid():
            enrollment = form.cleaned_data["enrollment"]
            try:
                services.enrollment_mark(
                    enrollment=enrollment, state=form.cleaned_data["state"], recorded_by=person_of(request)
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s: %(state)s.")
                    % {
                        "name": enrollment.person.display_name,
                        "state": EnrollmentState(form.cleaned_data["state"]).label,
                    },
                )
                return redirect("training:session_attendance", pk=pk)
        return self.render_page(failed=form)
