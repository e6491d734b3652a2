"""The roles app's API routes, registered on the project's one router (leadership/api.py finds them).

In the order the API root lists them: regions and organisations, then the registry.
"""

from __future__ import annotations

from rest_framework.viewsets import ViewSetMixin

from .viewsets import OrganizationViewSet, RegionViewSet
from .viewsets_registry import (
    CompetencyCategoryViewSet,
    CompetencyViewSet,
    PersonViewSet,
    ProficiencyLevelViewSet,
    RoleHolderViewSet,
    RoleTemplateViewSet,
    RoleViewSet,
)

# (prefix, viewset, basename) for DefaultRouter.register
ROUTES: list[tuple[str, type[ViewSetMixin], str]] = [
    ("regions", RegionViewSet, "region"),
    ("organizations", OrganizationViewSet, "organization"),
    ("competency-categories", CompetencyCategoryViewSet, "competency-category"),
    ("competencies", CompetencyViewSet, "competency"),
    ("proficiency-levels", ProficiencyLevelViewSet, "proficiency-level"),
    ("role-templates", RoleTemplateViewSet, "role-template"),
    ("roles", RoleViewSet, "role"),
    ("people", PersonViewSet, "person"),
    ("role-holders", RoleHolderViewSet, "role-holder"),
]
