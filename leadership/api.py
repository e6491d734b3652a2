"""The one router of the REST API (/api/v1/); each app's viewsets live in <app>/api/."""

from rest_framework.routers import DefaultRouter

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

router = DefaultRouter()
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
