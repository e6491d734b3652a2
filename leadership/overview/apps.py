from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    """The leadership overview: renewal, competency gaps, candidates, peer learning and diversity.

    It reads the roles, nominations and training apps through their selectors and models; none of them
    imports it.
    """

    name = "leadership.overview"
    label = "overview"
    verbose_name = _("Leadership overview")

    def ready(self) -> None:
        from leadership.common import privacy

        from . import invitations, rules  # noqa: F401 - rules registers the overview's permissions

        privacy.register("overview", exporter=invitations.person_invitations_export)
