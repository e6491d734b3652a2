"""The training app's API routes, registered on the project's one router (leadership/api.py finds them)."""

from __future__ import annotations

from rest_framework.viewsets import ViewSetMixin

from .viewsets import CourseViewSet, EnrollmentViewSet, TrainingSessionViewSet

# (prefix, viewset, basename) for DefaultRouter.register
ROUTES: list[tuple[str, type[ViewSetMixin], str]] = [
    ("courses", CourseViewSet, "course"),
    ("training-sessions", TrainingSessionViewSet, "training-session"),
    ("enrollments", EnrollmentViewSet, "enrollment"),
]
