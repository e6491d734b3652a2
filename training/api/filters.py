"""Filters of the training endpoints. An unknown value (a competency slug that does not exist, a format that
is not one) answers 400 with the parameter's error, never an empty list that looks like a real answer."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leadership.common.api_fields import (
    LowerCaseModelChoiceFilter,
    UpperCaseChoiceFilter,
    UtcIsoDateTimeFilter,
)
from roles.enums import RegionCode
from roles.models import Competency, Language, Organization

from ..enums import CourseFormat, SessionStatus
from ..models import Course, CourseCompetency, TrainingSession

Q_MAX_LENGTH = 100


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=Q_MAX_LENGTH,
        help_text=_(
            "Courses whose title or description contains these words, in any of the site's languages."
        ),
    )
    competency = django_filters.ModelChoiceFilter(
        method="filter_competency",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text=_("Slug of a competency the course develops."),
    )
    language = LowerCaseModelChoiceFilter(
        field_name="languages",
        queryset=Language.objects.all(),
        help_text=_("Code of a language of the course."),
    )
    format = django_filters.ChoiceFilter(choices=CourseFormat.choices, help_text=_("Format of the course."))
    organization = django_filters.ModelChoiceFilter(
        field_name="organization",
        to_field_name="slug",
        queryset=Organization.objects.all(),
        help_text=_("Slug of the organisation that owns the course."),
    )
    region = UpperCaseChoiceFilter(
        field_name="organization__region__code",
        choices=RegionCode.choices,
        help_text=_("Code of the region of the organisation that owns the course."),
    )

    class Meta:
        model = Course
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Course], name: str, value: str) -> QuerySet[Course]:
        for word in value.lower().split()[:8]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_competency(self, queryset: QuerySet[Course], name: str, value: Competency) -> QuerySet[Course]:
        return queryset.filter(pk__in=CourseCompetency.objects.filter(competency=value).values("course_id"))


class TrainingSessionFilter(django_filters.FilterSet):
    starts_after = UtcIsoDateTimeFilter(
        field_name="starts_at",
        lookup_expr="gte",
        help_text=_("Sessions that start at or after this time (ISO 8601, with its offset)."),
    )
    starts_before = UtcIsoDateTimeFilter(
        field_name="starts_at",
        lookup_expr="lt",
        help_text=_("Sessions that start before this time (ISO 8601)."),
    )
    region = UpperCaseChoiceFilter(
        field_name="organization__region__code",
        choices=RegionCode.choices,
        help_text=_("Code of the region of the organising organisation."),
    )
    language = LowerCaseModelChoiceFilter(
        field_name="language", queryset=Language.objects.all(), help_text=_("Code of the session's language.")
    )
    format = django_filters.ChoiceFilter(choices=CourseFormat.choices, help_text=_("Format of the session."))
    competency = django_filters.ModelChoiceFilter(
        method="filter_competency",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text=_("Slug of a competency the session's course develops."),
    )
    course = django_filters.NumberFilter(field_name="course_id", help_text=_("Id of the course."))
    organization = django_filters.ModelChoiceFilter(
        field_name="organization",
        to_field_name="slug",
        queryset=Organization.objects.all(),
        help_text=_("Slug of the organising organisation."),
    )
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices, help_text=_("Status of the session."))

    class Meta:
        model = TrainingSession
        fields: list[str] = []

    def filter_competency(
        self, queryset: QuerySet[TrainingSession], name: str, value: Competency
    ) -> QuerySet[TrainingSession]:
        return queryset.filter(
            course_id__in=CourseCompetency.objects.filter(competency=value).values("course_id")
        )
