"""Administration of courses and sessions; enrollments and feedback are read here and written through the
services (seat counter, waitlist and emails stay right), with admin actions that call them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from leadership.common.languages import localized_field_names

from . import services
from .models import Course, CourseCompetency, Enrollment, Feedback, TrainingSession


class CourseCompetencyInline(admin.TabularInline):
    model = CourseCompetency
    extra = 0
    autocomplete_fields = ["competency"]
    fields = ["competency", "target_level"]


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "organization", "format", "duration_minutes"]
    list_filter = ["format"]
    search_fields = [*localized_field_names("title"), "organization__name_en"]
    autocomplete_fields = ["organization"]
    filter_horizontal = ["languages"]
    list_select_related = ["organization"]
    inlines = [CourseCompetencyInline]

    def save_model(self, request: HttpRequest, obj: Course, form: forms.ModelForm, change: bool) -> None:
        obj.search_text = services.course_search_text(obj)
        super().save_model(request, obj, form, change)


class TrainingSessionAdminForm(forms.ModelForm):
    """Checks a session as the services do (times, venue, seats not below the confirmed learners)."""

    def _post_clean(self) -> None:
        super()._post_clean()
        try:
            services.session_check(self.instance)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    form = TrainingSessionAdminForm
    list_display = [
        "course",
        "organization",
        "starts_at",
        "format",
        "language",
        "capacity",
        "confirmed_count",
        "status",
    ]
    list_filter = ["status", "format"]
    search_fields = [*(f"course__{name}" for name in localized_field_names("title")), "city"]
    autocomplete_fields = ["course", "organization"]
    list_select_related = ["course", "organization", "language"]
    readonly_fields = ["status", "confirmed_count", "reminder_sent_at", "feedback_requested_at"]
    date_hierarchy = "starts_at"
    actions = ["publish_sessions", "cancel_sessions"]

    def save_model(
        self, request: HttpRequest, obj: TrainingSession, form: forms.ModelForm, change: bool
    ) -> None:
        """Through the service: the seat counter is never overwritten, and added seats promote the waitlist."""
        data = {
            field: form.cleaned_data[field] for field in services.SESSION_FIELDS if field in form.cleaned_data
        }
        saved = services.session_save(
            session=obj if change else None,
            course=form.cleaned_data["course"],
            organization=form.cleaned_data["organization"],
            data=data,
        )
        obj.pk, obj.status, obj.confirmed_count = saved.pk, saved.status, saved.confirmed_count

    @admin.action(description=_("Publish the selected draft sessions"))
    def publish_sessions(self, request: HttpRequest, queryset: QuerySet[TrainingSession]) -> None:
        for session in queryset:
            try:
                services.session_publish(session=session)
            except ValidationError as error:
                self.message_user(request, f"{session}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Cancel the selected sessions and tell their learners"))
    def cancel_sessions(self, request: HttpRequest, queryset: QuerySet[TrainingSession]) -> None:
        for session in queryset:
            try:
                services.session_cancel(session=session)
            except ValidationError as error:
                self.message_user(request, f"{session}: {' '.join(error.messages)}", messages.ERROR)


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "state", "waitlist_position", "created_at"]
    list_filter = ["state"]
    search_fields = ["person__display_name", "person__wikimedia_username"]
    list_select_related = ["person", "session__course"]
    readonly_fields = [
        "person",
        "session",
        "state",
        "waitlist_position",
        "reminded_at",
        "feedback_requested_at",
    ]
    actions = ["cancel_enrollments"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Cancel the selected enrollments (promotes the waitlist)"))
    def cancel_enrollments(self, request: HttpRequest, queryset: QuerySet[Enrollment]) -> None:
        for enrollment in queryset:
            try:
                services.enrollment_cancel(enrollment=enrollment)
            except ValidationError as error:
                self.message_user(request, f"{enrollment}: {' '.join(error.messages)}", messages.ERROR)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "rating", "created_at"]
    list_select_related = ["enrollment__person", "enrollment__session__course"]
    readonly_fields = ["enrollment", "rating", "comment"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
