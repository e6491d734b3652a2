"""The overview's API routes, registered on the project's one router (leadership/api.py finds them).

The longer prefixes come first: "overview" itself only routes its list (the movement) and its extra
actions (gaps, me), so the order is for the reader rather than for the resolver.
"""

from __future__ import annotations

from rest_framework.viewsets import ViewSetMixin

from .views import (
    OverviewCompetencyViewSet,
    OverviewOrganizationViewSet,
    OverviewRegionViewSet,
    OverviewRoleViewSet,
    OverviewViewSet,
)

# (prefix, viewset, basename) for DefaultRouter.register
ROUTES: list[tuple[str, type[ViewSetMixin], str]] = [
    ("overview/regions", OverviewRegionViewSet, "overview-region"),
    ("overview/organizations", OverviewOrganizationViewSet, "overview-organization"),
    ("overview/roles", OverviewRoleViewSet, "overview-role"),
    ("overview/competencies", OverviewCompetencyViewSet, "overview-competency"),
    ("overview", OverviewViewSet, "overview"),
]
