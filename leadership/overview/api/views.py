"""The overview's API (/api/v1/overview/...): the pages' figures and lists as JSON, read-only.

Same permissions as the web pages, from the same predicates (leadership/overview/rules.py): the figures
are public; an organisation's named people need `overview.view_scope_people`, a role's candidates
`overview.view_candidates` (401 when not signed in, 403 when signed in without it); peer learning and my
development need a signed-in user. An unknown region, organisation, role or competency answers 404 with a
message naming what was looked for (the same for a hidden organisation as for a missing one).

Gap lists are paginated (`?page=`, `?page_size=`) and sorted by `?sort=`: an unknown value answers 400
(it does not fall back silently, so a dashboard notices a typo).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from leadership.common.api import PUBLIC_AUTH, PageNumberPagination
from roles.enums import OrganizationStatus
from roles.models import Competency, Organization, Region, Role
from roles.selectors import person_of

from .. import selectors
from ..models import ScopeSummary
from .serializers import (
    CandidateSerializer,
    CompetencyGapSerializer,
    DevelopmentSerializer,
    MovementOverviewSerializer,
    OrganizationOverviewSerializer,
    PeerCompetencySerializer,
    PeersSerializer,
    RegionOverviewSerializer,
    ScopeSummarySerializer,
    SortErrorSerializer,
)

TOP_GAPS = 10  # gaps in a scope's overview; the whole list is under .../gaps/
SESSIONS_PER_GAP = 3
DEFAULT_SORT = "gap"
SORTS = tuple(selectors.GAP_SORTS)

SORT_PARAMETER = OpenApiParameter(
    "sort",
    OpenApiTypes.STR,
    enum=SORTS,
    default=DEFAULT_SORT,
    description=_(
        "Order of the gaps: `gap`, `demand` and `supply` put the largest first, `name` goes A to Z (by the "
        "English name); a leading `-` reverses. Any other value answers 400 (no silent fallback)."
    ),
)
NOT_FOUND = OpenApiResponse(description=_("No such region, organisation, role or competency."))
BAD_SORT = OpenApiResponse(
    SortErrorSerializer,
    description=_(
        "The `sort` value is not one of the list, or `page_size` is not a whole number of 1 or more."
    ),
)
GAPS_DESCRIPTION = _(
    "Every competency in demand in the scope, paginated, with the soonest upcoming sessions developing each."
)


def _sort(request: Request) -> str:
    sort = request.query_params.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        raise exceptions.ValidationError(
            {
                "sort": [
                    _("Unknown sort “%(sort)s”: use one of %(sorts)s.")
                    % {"sort": sort, "sorts": ", ".join(SORTS)}
                ]
            }
        )
    return sort


def _not_found(message: Any) -> exceptions.NotFound:
    return exceptions.NotFound(detail=message)


class ScopeViewSet(viewsets.GenericViewSet):
    """The figures every scope shares: its summary, its largest gaps with their sessions, its gap list."""

    pagination_class = None  # the gap lists set their own (`@action(pagination_class=...)`)
    filter_backends: list[Any] = []
    permission_classes = [AllowAny]  # read-only figures; the named lists check their rule themselves

    def gap_context(self, gaps: list[Any]) -> dict[str, Any]:
        sessions = selectors.sessions_developing(
            competency_ids=[gap.competency_id for gap in gaps], per_competency=SESSIONS_PER_GAP
        )
        return {"request": self.request, "sessions": sessions}

    def top_gaps(self, summary: ScopeSummary) -> tuple[list[Any], dict[str, Any]]:
        gaps = list(selectors.scope_gaps(scope=summary, limit=TOP_GAPS))
        return gaps, self.gap_context(gaps)

    def gap_page(self, summary: ScopeSummary, *, sort: str) -> Response:
        page = self.paginate_queryset(selectors.scope_gaps(scope=summary, sort=sort)) or []
        return self.get_paginated_response(
            CompetencyGapSerializer(page, many=True, context=self.gap_context(page)).data
        )


def gaps_schema(summary: Any) -> Any:
    return extend_schema(
        summary=summary,
        description=GAPS_DESCRIPTION,
        parameters=[SORT_PARAMETER],
        responses={200: CompetencyGapSerializer(many=True), 400: BAD_SORT, 404: NOT_FOUND},
        auth=PUBLIC_AUTH,
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("The movement's overview"),
        description=_(
            "Renewal figures, timeline and diversity of the whole movement, its 10 largest competency gaps "
            "and the summary of each region."
        ),
        responses=MovementOverviewSerializer,
        auth=PUBLIC_AUTH,
    ),
    gaps=gaps_schema(_("The movement's competency gaps")),
    me=extend_schema(
        summary=_("My development"),
        description=_(
            "For the signed-in person: mentors for the competencies they want to develop, their gap to the "
            "roles they come closest to with the sessions that would close it, and their engagement."
        ),
        responses=DevelopmentSerializer,
    ),
)
class OverviewViewSet(ScopeViewSet):
    """The movement's overview, its gaps, and the signed-in person's development."""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        summary = selectors.movement_summary()
        gaps, context = self.top_gaps(summary)
        data = {"summary": summary, "gaps": gaps, "regions": list(selectors.region_table())}
        return Response(MovementOverviewSerializer(data, context=context).data)

    @action(detail=False, pagination_class=PageNumberPagination)
    def gaps(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sort = _sort(request)  # a bad value answers 400 before any query
        return self.gap_page(selectors.movement_summary(), sort=sort)

    @action(detail=False, permission_classes=[IsAuthenticated])
    def me(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = person_of(request.user)
        if person is None:
            raise _not_found(_("Your account has no profile in the registry yet."))
        development = selectors.my_development(person=person)
        return Response(DevelopmentSerializer(development, context={"request": request}).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("The summary of each region"),
        responses=ScopeSummarySerializer(many=True),
        auth=PUBLIC_AUTH,
    ),
    retrieve=extend_schema(
        summary=_("A region's overview, by its code"),
        description=_(
            "Renewal figures, timeline and diversity of the region's organisations, its 10 largest "
            "competency gaps and its organisations' summaries (most vacant seats first, at most 50)."
        ),
        responses={200: RegionOverviewSerializer, 404: NOT_FOUND},
        auth=PUBLIC_AUTH,
    ),
    gaps=gaps_schema(_("A region's competency gaps")),
)
class OverviewRegionViewSet(ScopeViewSet):
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]+"

    def get_summary(self) -> ScopeSummary:
        code = self.kwargs["code"]
        region = Region.objects.filter(code=code.upper()).first()
        if region is None:
            raise _not_found(_("No region has the code “%(code)s”.") % {"code": code})
        return selectors.region_summary(region=region)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        summaries = list(selectors.region_table())
        return Response(ScopeSummarySerializer(summaries, many=True, context={"request": request}).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        summary = self.get_summary()
        gaps, context = self.top_gaps(summary)
        data = {
            "summary": summary,
            "gaps": gaps,
            "organizations": list(selectors.organization_table(scope=summary)),
        }
        return Response(RegionOverviewSerializer(data, context=context).data)

    @action(detail=True, pagination_class=PageNumberPagination)
    def gaps(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sort = _sort(request)
        return self.gap_page(self.get_summary(), sort=sort)


@extend_schema_view(
    retrieve=extend_schema(
        summary=_("An organisation's overview, by its slug"),
        description=_(
            "Renewal figures, timeline, diversity and 10 largest gaps of the organisation (a hub: with the "
            "organisations it serves, listed too), its roles with vacant or soon vacant seats and those with "
            "no one ready to succeed. `people` (terms ending, holders past their limit, burnout risk, "
            "emerging leaders) is null unless you organize the organisation or a hub serving it, or are staff."
        ),
        responses={200: OrganizationOverviewSerializer, 404: NOT_FOUND},
        auth=PUBLIC_AUTH,
    ),
    gaps=gaps_schema(_("An organisation's competency gaps")),
)
class OverviewOrganizationViewSet(ScopeViewSet):
    queryset = (
        Organization.objects.all()
    )  # for the schema's path parameter; lookups go through get_organization
    lookup_field = "slug"

    def get_organization(self) -> Organization:
        slug = self.kwargs["slug"]
        organization = (
            Organization.objects.select_related("region")
            .filter(slug=slug, status=OrganizationStatus.APPROVED, active=True)
            .first()
        )
        if organization is None:
            raise _not_found(_("No approved, active organisation has the slug “%(slug)s”.") % {"slug": slug})
        return organization

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organization = self.get_organization()
        summary = selectors.organization_summary(organization=organization)
        gaps, context = self.top_gaps(summary)
        people = None
        if request.user.has_perm("overview.view_scope_people", organization):
            people = {
                "terms_ending": list(selectors.terms_ending(scope=summary)),
                "over_term_limit": list(selectors.over_limit_terms(scope=summary)),
                "burnout": list(selectors.burnout_people(scope=summary)),
                "emerging_leaders": selectors.emerging_leaders(organization=organization),
            }
        data = {
            "summary": summary,
            "gaps": gaps,
            "organizations": list(selectors.organization_table(scope=summary)) if organization.is_hub else [],
            "vacant_roles": list(selectors.vacant_roles(scope=summary)),
            "roles_without_successor": list(selectors.roles_without_successor(scope=summary)),
            "people": people,
        }
        return Response(OrganizationOverviewSerializer(data, context=context).data)

    @action(detail=True, pagination_class=PageNumberPagination)
    def gaps(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sort = _sort(request)
        organization = self.get_organization()
        return self.gap_page(selectors.organization_summary(organization=organization), sort=sort)


@extend_schema_view(
    candidates=extend_schema(
        summary=_("Candidates for a role, ranked by fit"),
        description=_(
            "People and consenting nominees, fewest essential requirements unmet first, then the smallest "
            "level distance (at most 50). Only for the organizers of the role's organisation and staff."
        ),
        responses={200: CandidateSerializer(many=True), 404: NOT_FOUND},
    ),
)
class OverviewRoleViewSet(viewsets.GenericViewSet):
    queryset = Role.objects.all()  # for the schema's path parameter; the action looks the role up itself
    pagination_class = None  # the ranking is bounded (50)
    filter_backends: list[Any] = []
    permission_classes = [IsAuthenticated]

    @action(detail=True)
    def candidates(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pk = self.kwargs["pk"]
        role = Role.objects.select_related("organization").filter(pk=pk).first() if pk.isdigit() else None
        if role is None:
            raise _not_found(_("No role has the id “%(id)s”.") % {"id": pk})
        if not request.user.has_perm("overview.view_candidates", role):
            self.permission_denied(
                request, message=str(_("Only the organizers of the role's organisation see its candidates."))
            )
        candidates = selectors.role_candidates(role=role)
        return Response(CandidateSerializer(candidates, many=True, context={"request": request}).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Competencies people want to develop or mentor in"),
        description=_("Public people only; most wanted first. For signed-in users."),
        responses=PeerCompetencySerializer(many=True),
    ),
    peers=extend_schema(
        summary=_("Peer learning in one competency"),
        description=_(
            "People who want to develop it next to people who offer to mentor in it (public profiles, and "
            "you): those sharing a language with you first, then those of your region. For signed-in users."
        ),
        responses={200: PeersSerializer, 404: NOT_FOUND},
    ),
)
class OverviewCompetencyViewSet(viewsets.GenericViewSet):
    queryset = Competency.objects.all()  # for the schema's path parameter; `peers` looks it up itself
    lookup_field = "slug"
    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    permission_classes = [IsAuthenticated]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("overview.use_peer_learning"):
            self.permission_denied(request)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(selectors.peer_competencies()) or []
        return self.get_paginated_response(
            PeerCompetencySerializer(page, many=True, context={"request": request}).data
        )

    @action(detail=True, pagination_class=None)
    def peers(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        slug = self.kwargs["slug"]
        competency = Competency.objects.select_related("category").filter(slug=slug, active=True).first()
        if competency is None:
            raise _not_found(_("No competency has the slug “%(slug)s”.") % {"slug": slug})
        matches = selectors.peer_matches(competency=competency, viewer_person=person_of(request.user))
        data = {"competency": competency, "learners": matches.learners, "mentors": matches.mentors}
        return Response(PeersSerializer(data, context={"request": request}).data)
