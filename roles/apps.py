from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    """Organisations, competencies, role templates, roles, people and role holders."""

    name = "roles"
    verbose_name = _("Roles and competencies")

    def ready(self) -> None:
        from leadership.common import lookups, privacy

        from . import services, signals
        from .lookups import CompetencySource, OrganizationSource

        signals.connect()  # accounts' sessions, remembered at sign-in so that they can be ended
        privacy.register("roles", exporter=services.person_export, eraser=services.person_erase)
        privacy.register_replayer("account", services.account_delete_replay)
        lookups.register(CompetencySource())
        lookups.register(OrganizationSource())
