from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    """The project package: home page, health checks, API router and the overview."""

    name = "leadership"
    verbose_name = "Leadership registry"
