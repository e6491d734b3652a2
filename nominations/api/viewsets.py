"""Viewsets of the nominations API: thin, reading through selectors and writing through services.

Calls are public. Nominations, endorsements and reviews need a signed-in user (a token or a session):
nominations are never listed publicly, and each reader sees only what the rules let them
(nominations/rules.py, through leadership.common.permissions.RulesPermission). Something one may not see
answers 404.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.throttling import UserRateThrottle

from leadership.common.api import PUBLIC_AUTH
from leadership.common.api_fields import ALL_LANGUAGES_PARAMETER, StrictBooleanFilter
from leadership.common.permissions import RulesPermission
from roles.selectors import organized_organization_ids

from .. import rules as r
from .. import selectors, services, tokens
from ..models import Endorsement, Nomination, NominationCall, Review
from .serializers import (
    EndorsementInputSerializer,
    EndorsementSerializer,
    NominationCallSerializer,
    NominationInputSerializer,
    NominationSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
)


class SignedInRulesPermission(RulesPermission):
    """RulesPermission for endpoints that only signed-in users use (anonymous: 401)."""

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if not r.is_authenticated(request.user):
            return False
        if getattr(view, "action", None) == "create":
            return True  # the service and the object's rules decide
        return super().has_permission(request, view)


class NominationSubmitThrottle(UserRateThrottle):
    """Nominations email people who did not ask for it: a few an hour per account is plenty."""

    scope = "nomination_submit"


class CallFilter(django_filters.FilterSet):
    open = StrictBooleanFilter(method="filter_open", help_text=_("Calls open now (true) or not (false)."))
    organization = django_filters.CharFilter(
        field_name="organization__slug", help_text=_("Slug of the organisation that runs the call.")
    )

    class Meta:
        model = NominationCall
        fields: list[str] = []

    def filter_open(self, queryset: QuerySet[NominationCall], name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        now = timezone.now()
        is_open = Q(opens_at__lte=now) & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        return queryset.filter(is_open) if value else queryset.exclude(is_open)


@extend_schema_view(
    list=extend_schema(
        summary=_("List the calls for nominations"), auth=PUBLIC_AUTH, parameters=[ALL_LANGUAGES_PARAMETER]
    ),
    retrieve=extend_schema(
        summary=_("One call, with its roles, questions and scoring criteria"),
        auth=PUBLIC_AUTH,
        parameters=[ALL_LANGUAGES_PARAMETER],
    ),
)
class NominationCallViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NominationCallSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CallFilter

    def get_queryset(self) -> QuerySet[NominationCall]:
        return selectors.calls_for_api()


@extend_schema_view(
    list=extend_schema(
        summary=_("List the nominations you may see"),
        description=_(
            "Those you made or received, the accepted nominations of the calls you organize or review, every "
            "one for staff. Reviewers of an anonymised call see no names."
        ),
    ),
    retrieve=extend_schema(summary=_("One nomination")),
    create=extend_schema(
        summary=_("Nominate someone (signed-in users)"),
        description=_(
            "The nominee receives a consent email in the nomination's language. The same rules as the web form "
            "apply: an open call, one nomination per nominee email and call, the nominee's wish never to be "
            "nominated again."
        ),
        request=NominationInputSerializer,
        responses={201: NominationSerializer},
    ),
)
class NominationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [SignedInRulesPermission]

    def get_queryset(self) -> QuerySet[Nomination]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Nomination.objects.none()
        user = self.request.user
        return selectors.nominations_for_api(
            user=user,
            everyone=bool(r.is_staff(user)),
            organizer_of=organized_organization_ids(user=user),
            lean=self.action == "list",
        )

    def get_serializer_class(self) -> type[BaseSerializer]:
        return NominationInputSerializer if self.action == "create" else NominationSerializer

    def get_throttles(self) -> list[Any]:
        throttles = super().get_throttles()
        if self.action == "create":
            throttles.append(NominationSubmitThrottle())
        return throttles

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        call = data.pop("call")
        answers = {item["question"]: item["value"] for item in data.pop("answers", [])}
        competencies = {item["competency"]: item.get("level") for item in data.pop("competencies", [])}
        nomination = services.nomination_submit(
            call=call,
            data=data,
            answers=answers,
            competencies=competencies,
            nominator=request.user,
            ip=request.META.get("REMOTE_ADDR", ""),
        )
        output = NominationSerializer(
            self.get_queryset().get(pk=nomination.pk), context=self.get_serializer_context()
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary=_("List your endorsements (staff: all)")),
    retrieve=extend_schema(summary=_("One endorsement")),
    create=extend_schema(
        summary=_("Endorse a nomination through its shared link's token (signed-in members, once each)"),
        request=EndorsementInputSerializer,
        responses={201: EndorsementSerializer},
    ),
)
class EndorsementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [SignedInRulesPermission]

    def get_queryset(self) -> QuerySet[Endorsement]:
        if getattr(self, "swagger_fake_view", False):
            return Endorsement.objects.none()
        user = self.request.user
        if self.action == "retrieve":  # the rules decide per object (nominee, nominator, organizers...)
            return selectors.endorsements_for_api(user=user, everyone=True)
        return selectors.endorsements_for_api(user=user, everyone=bool(r.is_staff(user)))

    def get_serializer_class(self) -> type[BaseSerializer]:
        return EndorsementInputSerializer if self.action == "create" else EndorsementSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pk = tokens.read_endorse_token(serializer.validated_data["token"])
        nomination = Nomination.objects.select_related("call").filter(pk=pk).first() if pk else None
        if nomination is None:
            raise exceptions.ValidationError(
                {"token": [_("This endorsement link is not valid or has expired.")]}
            )
        if not request.user.has_perm("nominations.endorse_nomination", nomination):
            if r.has_endorsed(request.user, nomination):
                raise exceptions.ValidationError({"token": [_("You have already endorsed this nomination.")]})
            raise exceptions.PermissionDenied(_("You cannot endorse this nomination."))
        endorsement = services.endorsement_create(
            nomination=nomination, user=request.user, comment=serializer.validated_data["comment"]
        )
        output = EndorsementSerializer(
            self.get_queryset().get(pk=endorsement.pk), context=self.get_serializer_context()
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary=_("List your reviews (organizers: their calls' reviews; staff: all)")),
    retrieve=extend_schema(summary=_("One review")),
    create=extend_schema(
        summary=_("Review a nomination (the call's reviewers), or declare a conflict of interest"),
        description=_(
            "Scores every criterion of the call from 0 to 5, once per reviewer and nomination: posting again "
            "changes the review while reviewing is open. With conflict_of_interest true, the scores are removed "
            "and the reviewer can no longer score this nomination."
        ),
        request=ReviewInputSerializer,
        responses={201: ReviewSerializer},
    ),
)
class ReviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [SignedInRulesPermission]

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        user = self.request.user
        return selectors.reviews_for_api(
            user=user, everyone=bool(r.is_staff(user)), organizer_of=organized_organization_ids(user=user)
        )

    def get_serializer_class(self) -> type[BaseSerializer]:
        return ReviewInputSerializer if self.action == "create" else ReviewSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        nomination = data["nomination"]
        user = request.user
        if not user.has_perm("nominations.view_nomination", nomination):
            raise exceptions.ValidationError({"nomination": [_("Choose a nomination of a call you review.")]})
        if not user.has_perm("nominations.review_nomination", nomination):
            raise exceptions.PermissionDenied(
                _("Only the call's reviewers review its nominations, while reviewing is open.")
            )
        if data["conflict_of_interest"]:
            review = services.review_declare_conflict(nomination=nomination, reviewer=user)
        else:
            scores = {item["criterion"]: item["score"] for item in data.get("scores", [])}
            review = services.review_save(
                nomination=nomination, reviewer=user, scores=scores, comment=data["comment"]
            )
        output = ReviewSerializer(
            self.get_queryset().get(pk=review.pk), context=self.get_serializer_context()
        )
        return Response(output.data, status=status.HTTP_201_CREATED)
