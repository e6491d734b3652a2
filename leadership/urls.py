"""Root URLs: web pages under a language prefix; the API, health checks and metrics without one."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import health, metrics, views
from .api import router

urlpatterns = [
    path("healthz/live", health.live, name="health_live"),
    path("healthz/ready", health.ready, name="health_ready"),
    path("metrics", metrics.metrics, name="metrics"),  # Prometheus's default path; the scraper only
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves its script from a URL of its own: the CSP forbids inline scripts.
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/v1/", include(router.urls)),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("leadership.common.urls")),
    path("", include("roles.urls")),
    path("", include("training.urls")),
    path("", include("nominations.urls")),
    path("overview/", include("leadership.overview.urls")),
    prefix_default_language=True,
)
