"""The one router of the REST API (/api/v1/); each app's viewsets live in <app>/api/."""

from typing import Any

from django.urls import re_path
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from leadership.overview.api.urls import ROUTES as OVERVIEW_ROUTES
from nominations.api.viewsets import (
    EndorsementViewSet,
    NominationCallViewSet,
    NominationViewSet,
    ReviewViewSet,
)
from roles.api.viewsets import OrganizationViewSet, RegionViewSet
from roles.api.viewsets_registry import (
    CompetencyCategoryViewSet,
    CompetencyViewSet,
    PersonViewSet,
    ProficiencyLevelViewSet,
    RoleHolderViewSet,
    RoleTemplateViewSet,
    RoleViewSet,
)
from training.api.viewsets import CourseViewSet, EnrollmentViewSet, TrainingSessionViewSet


class NoSuchAddress(APIView):
    """Any other address under /api/v1/ (a key the routes cannot take, a typo): a JSON 404 like the others.

    Without it, Django's HTML page for web visitors would answer a client that asked for JSON. It matches
    only addresses that end in a slash, so Django still redirects `/api/v1/roles` to `/api/v1/roles/`.
    """

    schema = None  # not an operation of the API
    permission_classes: list = []

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound

    post = put = patch = delete = options = get


class Router(DefaultRouter):
    def get_urls(self) -> list:
        return [*super().get_urls(), re_path(r"^[\s\S]*/$", NoSuchAddress.as_view(), name="api-not-found")]


router = Router()
router.register("regions", RegionViewSet, basename="region")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("competency-categories", CompetencyCategoryViewSet, basename="competency-category")
router.register("competencies", CompetencyViewSet, basename="competency")
router.register("proficiency-levels", ProficiencyLevelViewSet, basename="proficiency-level")
router.register("role-templates", RoleTemplateViewSet, basename="role-template")
router.register("roles", RoleViewSet, basename="role")
router.register("people", PersonViewSet, basename="person")
router.register("role-holders", RoleHolderViewSet, basename="role-holder")
router.register("nomination-calls", NominationCallViewSet, basename="nomination-call")
router.register("nominations", NominationViewSet, basename="nomination")
router.register("endorsements", EndorsementViewSet, basename="endorsement")
router.register("reviews", ReviewViewSet, basename="review")
router.register("courses", CourseViewSet, basename="course")
router.register("training-sessions", TrainingSessionViewSet, basename="training-session")
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
for prefix, viewset, basename in OVERVIEW_ROUTES:
    router.register(prefix, viewset, basename=basename)
