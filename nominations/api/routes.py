"""The nominations app's API routes, registered on the project's one router (leadership/api.py finds them)."""

from __future__ import annotations

from rest_framework.viewsets import ViewSetMixin

from .viewsets import EndorsementViewSet, NominationCallViewSet, NominationViewSet, ReviewViewSet

# (prefix, viewset, basename) for DefaultRouter.register
ROUTES: list[tuple[str, type[ViewSetMixin], str]] = [
    ("nomination-calls", NominationCallViewSet, "nomination-call"),
    ("nominations", NominationViewSet, "nomination"),
    ("endorsements", EndorsementViewSet, "endorsement"),
    ("reviews", ReviewViewSet, "review"),
]
