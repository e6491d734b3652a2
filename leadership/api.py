"""The one router of the REST API (/api/v1/); each app's viewsets live in <app>/api/."""

from rest_framework.routers import DefaultRouter

from roles.api.viewsets import OrganizationViewSet, RegionViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organizations", OrganizationViewSet, basename="organization")
