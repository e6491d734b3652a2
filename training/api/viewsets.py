"""Viewsets of the training app: thin, reading through selectors and writing through services.

Everyone reads courses and public sessions (drafts only their managers); enrollments are seen by their
learner and by the managers of the session's organising organisation, as on the web. POST /enrollments/
enrolls the signed-in learner (confirmed or waitlisted) and POST /enrollments/<id>/cancel/ cancels; the
services' refusals (twice, after the deadline, a closed session) answer 400 with their translated message.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.settings import api_settings

from leadership.common.api import PUBLIC_AUTH
from leadership.common.api_fields import ALL_LANGUAGES_PARAMETER
from leadership.common.languages import shown_text
from leadership.common.permissions import RulesPermission
from roles.services import person_for_user

from .. import rules as r
from .. import selectors, services
from ..enums import EnrollmentState
from ..models import Course, Enrollment, TrainingSession
from .filters import CourseFilter, TrainingSessionFilter
from .serializers import (
    CourseSerializer,
    EnrollmentInputSerializer,
    EnrollmentSerializer,
    TrainingSessionSerializer,
)


class _SettingsWithoutFormatOverride:
    def __getattr__(self, name: str) -> Any:
        return None if name == "URL_FORMAT_OVERRIDE" else getattr(api_settings, name)


class FormatIsAFilter(DefaultContentNegotiation):
    """`?format=` filters courses and sessions by their format instead of choosing the response's format
    (the `.json` suffix and the Accept header still choose it)."""

    settings = _SettingsWithoutFormatOverride()


@extend_schema_view(
    list=extend_schema(
        summary=_("List the courses (the training catalogue)"),
        auth=PUBLIC_AUTH,
        description=_(
            "Courses with the competencies they develop and their target levels. Filters: `q` (words of the "
            "title or description in any language), `competency`, `language`, `format`, `organization`, "
            "`region`."
        ),
        parameters=[ALL_LANGUAGES_PARAMETER],
    ),
    retrieve=extend_schema(summary=_("One course"), auth=PUBLIC_AUTH, parameters=[ALL_LANGUAGES_PARAMETER]),
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    content_negotiation_class = FormatIsAFilter
    serializer_class = CourseSerializer
    filterset_class = CourseFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[Course]:
        return selectors.course_detail_qs().order_by("title_en", "id")


@extend_schema_view(
    list=extend_schema(
        summary=_("List the training sessions"),
        auth=PUBLIC_AUTH,
        description=_(
            "Published, cancelled and finished sessions, soonest first; drafts only for the managers of their "
            "organising organisation. Filters: `starts_after` and `starts_before` (a date range, ISO 8601), "
            "`region`, `language`, `format`, `competency`, `course`, `organization`, `status`. Times are in "
            "UTC; `time_zone` is the session's own. `online_url` is given only to the session's managers and "
            "to learners with a seat."
        ),
    ),
    retrieve=extend_schema(summary=_("One training session"), auth=PUBLIC_AUTH),
)
class TrainingSessionViewSet(viewsets.ReadOnlyModelViewSet):
    content_negotiation_class = FormatIsAFilter
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[TrainingSession]:
        # The list and the detail show no competencies: the page's prefetch of them is dropped; the
        # course's title comes computed in the response's language.
        return (
            selectors.sessions_visible(user=self.request.user)
            .prefetch_related(None)
            .annotate(shown_course_title=shown_text("title", prefix="course__"))
            .order_by("starts_at", "id")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        user = self.request.user
        seated: set[int] = set()
        if user.is_authenticated:
            seated = set(
                Enrollment.objects.filter(
                    person__user=user, state__in=EnrollmentState.seat_holding()
                ).values_list("session_id", flat=True)
            )
        return {
            **super().get_serializer_context(),
            "is_staff": bool(r.is_staff(user)),  # the rules' own predicate, as the pages decide
            "managed_organization_ids": set(selectors.managed_organization_ids(user)),
            "seated_session_ids": seated,
        }


class EnrollmentPermission(RulesPermission):
    """Enrollments belong to signed-in people only; then the models' rules decide, object by object."""

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user and request.user.is_authenticated) and super().has_permission(request, view)


@extend_schema_view(
    list=extend_schema(
        summary=_("List enrollments: your own, and those of the sessions your organisations organise"),
        description=_("Filter by `session` (id) or `state`. The most recent first."),
    ),
    retrieve=extend_schema(summary=_("One enrollment")),
    create=extend_schema(
        summary=_("Enroll yourself in a session"),
        description=_(
            "Confirmed while seats remain, else waitlisted with a position (1 is next). Enrolling twice, "
            "after the deadline, or in a draft, cancelled or finished session answers 400 with the reason."
        ),
        request=EnrollmentInputSerializer,
        responses={201: EnrollmentSerializer},
    ),
    cancel=extend_schema(
        summary=_("Cancel an enrollment (the learner, or the session's managers)"),
        description=_("A freed seat goes to the first waitlisted learner, who is told by email."),
        request=None,
        responses={200: EnrollmentSerializer},
    ),
)
class EnrollmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [EnrollmentPermission]
    permission_actions = {"cancel": "cancel"}
    filterset_fields = {"session": ["exact"], "state": ["exact"]}
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[Enrollment]:
        return selectors.enrollments_for_api(user=self.request.user, lean=self.action == "list")

    def get_serializer_class(self) -> type[BaseSerializer]:
        return EnrollmentInputSerializer if self.action == "create" else EnrollmentSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            **super().get_serializer_context(),
            "sessions": selectors.sessions_visible(user=self.request.user),
        }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = person_for_user(user=request.user)
        enrollment = services.enrollment_create(session=serializer.validated_data["session"], person=person)
        output = EnrollmentSerializer(
            self.get_queryset().get(pk=enrollment.pk), context=self.get_serializer_context()
        )
        return Response(output.data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        enrollment = self.get_object()
        services.enrollment_cancel(enrollment=enrollment)
        output = EnrollmentSerializer(
            self.get_queryset().get(pk=enrollment.pk), context=self.get_serializer_context()
        )
        return Response(output.data)
