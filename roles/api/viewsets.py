"""Viewsets of regions and organisations: thin, reading through selectors and writing through services.

Permissions are the models' rules (roles/rules.py) through leadership.common.permissions.RulesPermission:
anyone reads; any signed-in user proposes an organisation (it waits for staff approval); organizers and
staff edit one; staff delete one. An organisation the user may not view answers 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.throttling import BaseThrottle, UserRateThrottle

from leadership.common.api import PUBLIC_AUTH

from .. import selectors, services
from ..models import Organization, Region
from .filters import OrganizationFilter
from .serializers import OrganizationInputSerializer, OrganizationSerializer, RegionSerializer

WRITE_ACTIONS = ("create", "update", "partial_update")


@extend_schema_view(
    list=extend_schema(summary=_("List the Wikimedia regions"), auth=PUBLIC_AUTH),
    retrieve=extend_schema(summary=_("One region, by its code"), auth=PUBLIC_AUTH),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.order_by("order", "code")
    serializer_class = RegionSerializer
    pagination_class = None  # the eight regions and Global
    filter_backends: list[Any] = []
    lookup_field = "code"


class OrganizationProposalThrottle(UserRateThrottle):
    """Proposals wait for staff: a few an hour per account is plenty, and keeps the queue clean."""

    scope = "organization_proposal"


@extend_schema_view(
    list=extend_schema(
        summary=_("List the approved organisations"),
        auth=PUBLIC_AUTH,
        description=_(
            "Paginated; sorted by name in the response's language unless `ordering` says otherwise."
        ),
    ),
    retrieve=extend_schema(summary=_("One organisation, by its slug"), auth=PUBLIC_AUTH),
    create=extend_schema(
        summary=_("Propose an organisation"),
        description=_("Any signed-in user may propose one; it is listed once staff approve it."),
        request=OrganizationInputSerializer,
        responses={201: OrganizationSerializer},
    ),
    update=extend_schema(
        summary=_("Edit an organisation (its organizers and staff)"),
        request=OrganizationInputSerializer,
        responses={200: OrganizationSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Edit some fields of an organisation (its organizers and staff)"),
        request=OrganizationInputSerializer,
        responses={200: OrganizationSerializer},
    ),
    destroy=extend_schema(summary=_("Delete an organisation (staff)")),
)
class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganizationFilter

    def get_queryset(self) -> QuerySet[Organization]:
        # The list shows approved organisations; one organisation is looked up among all, and the
        # roles.view_organization rule decides (RulesPermission answers 404 when it says no).
        listing = self.action == "list"
        return selectors.organizations_for_api(approved_only=listing, lean=listing)

    def list_rows(self, queryset: QuerySet[Organization]) -> QuerySet[Organization]:
        """The page's rows (see leadership.common.api.RowsPaginator)."""
        return selectors.organization_list_rows(
            queryset, all_languages=bool(getattr(self.request, "all_languages", False))
        )

    def get_serializer_class(self) -> type[OrganizationSerializer | OrganizationInputSerializer]:
        if self.action in WRITE_ACTIONS:
            return OrganizationInputSerializer
        return OrganizationSerializer

    def get_throttles(self) -> list[BaseThrottle]:
        throttles = super().get_throttles()
        if self.action == "create":
            throttles.append(OrganizationProposalThrottle())
        return throttles

    def perform_create(self, serializer: OrganizationInputSerializer) -> None:  # type: ignore[override]
        proposer = services.person_for_user(user=self.request.user)
        organization = services.organization_propose(proposer=proposer, data=dict(serializer.validated_data))
        serializer.instance = self.get_queryset().get(pk=organization.pk)

    def perform_update(self, serializer: OrganizationInputSerializer) -> None:  # type: ignore[override]
        organization = services.organization_update(
            organization=serializer.instance, data=dict(serializer.validated_data)
        )
        serializer.instance = self.get_queryset().get(pk=organization.pk)
