"""Serializers of courses, sessions and enrollments.

Translated fields come in one language, the response's (`title`, with modeltranslation's fallback); with
`?all_languages=1`, `translations` adds every language's value by language code. A session's online link is shown only to
its managers and to learners who hold a seat; an enrollment names its learner only to them and the learner.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leadership.common.api_fields import (
    URL_FIELD_MAPPING,
    DateTimeText,
    FlatListSerializer,
    SlugRelatedField,
    TranslatedOutputMixin,
    TranslatedTextField,
    text_or_none,
)

from ..models import Course, CourseCompetency, Enrollment, TrainingSession


class CourseCompetencySerializer(serializers.ModelSerializer):
    competency = SlugRelatedField(slug_field="slug", read_only=True, help_text=_("Slug of the competency."))
    name = serializers.CharField(
        source="competency.name",
        read_only=True,
        help_text=_("Name of the competency in the response's language."),
    )

    class Meta:
        model = CourseCompetency
        fields = ["competency", "name", "target_level"]
        read_only_fields = fields


class CourseSerializer(TranslatedOutputMixin, serializers.ModelSerializer):
    translated = ("title", "description")

    title = serializers.CharField(read_only=True, help_text=_("Title in the response's language."))
    description = serializers.CharField(
        read_only=True, help_text=_("Description in the response's language.")
    )
    organization = SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the organisation that owns the course.")
    )
    languages = SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=_("Codes of the course's languages.")
    )
    competencies = CourseCompetencySerializer(
        source="course_competencies",
        many=True,
        read_only=True,
        help_text=_("Competencies the course develops."),
    )

    serializer_field_mapping = URL_FIELD_MAPPING

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "description",
            "organization",
            "format",
            "duration_minutes",
            "languages",
            "materials_url",
            "competencies",
        ]
        read_only_fields = fields


class TrainingSessionSerializer(serializers.ModelSerializer):
    course_title = TranslatedTextField(
        shown="shown_course_title",
        path="course.title",
        help_text=_("Title of the course in the response's language."),
    )
    organization = SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the organising organisation.")
    )
    region = serializers.CharField(
        source="organization.region.code",
        read_only=True,
        help_text=_("Region of the organising organisation."),
    )
    language = serializers.CharField(
        source="language_id", read_only=True, help_text=_("Code of the language.")
    )
    time_zone = serializers.CharField(read_only=True, help_text=_("The session's own time zone (IANA name)."))
    seats_left = serializers.IntegerField(read_only=True, help_text=_("Seats not yet confirmed."))
    online_url = serializers.SerializerMethodField(
        help_text=_(
            "The online link: only for the session's managers and learners with a seat; empty otherwise."
        )
    )

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "course",
            "course_title",
            "organization",
            "region",
            "starts_at",
            "ends_at",
            "time_zone",
            "format",
            "venue",
            "city",
            "online_url",
            "language",
            "capacity",
            "confirmed_count",
            "seats_left",
            "enrollment_deadline",
            "status",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_online_url(self, session: TrainingSession) -> str:
        managed: set[int] = self.context.get("managed_organization_ids", set())
        seated: set[int] = self.context.get("seated_session_ids", set())
        if self.context.get("is_staff") or session.organization_id in managed or session.pk in seated:
            return session.online_url
        return ""


class EnrollmentSerializer(serializers.ModelSerializer):
    learner = serializers.CharField(
        source="person.display_name", read_only=True, help_text=_("The learner's name.")
    )
    course_title = serializers.CharField(
        source="session.course.title",
        read_only=True,
        help_text=_("Title of the course in the response's language."),
    )
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)

    class Meta:
        model = Enrollment
        list_serializer_class = FlatListSerializer
        fields = [
            "id",
            "session",
            "course_title",
            "starts_at",
            "learner",
            "state",
            "waitlist_position",
            "created_at",
        ]
        read_only_fields = fields

    # The list's rows are written straight from the enrollment and its session, course and person (what the
    # fields read), without DRF's per-field machinery; tests compare the two.
    def prepare_rows(self, rows: list[Enrollment]) -> None:
        self.moments = DateTimeText()

    def to_representation(self, enrollment: Enrollment) -> dict[str, Any]:
        if not hasattr(self, "moments"):  # a row on its own rather than a page of them
            self.prepare_rows([enrollment])
        session = enrollment.session
        return {
            "id": enrollment.pk,
            "session": enrollment.session_id,
            "course_title": text_or_none(session.course.title),
            "starts_at": self.moments(session.starts_at),
            "learner": text_or_none(enrollment.person.display_name),
            "state": enrollment.state,
            "waitlist_position": enrollment.waitlist_position,
            "created_at": self.moments(enrollment.created_at),
        }


class EnrollmentInputSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(
        queryset=TrainingSession.objects.all(), help_text=_("Id of the session to enroll in.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sessions = self.context.get("sessions")
        if sessions is not None:
            self.fields["session"].queryset = sessions  # a session one may not see does not exist
