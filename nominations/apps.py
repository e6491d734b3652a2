from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    """Nomination calls, nominations, nominee consent, endorsements and reviews."""

    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self) -> None:
        from leadership.common import privacy

        from . import services

        privacy.register(
            "nominations", exporter=services.nominations_export, eraser=services.nominations_erase_account
        )
        privacy.register_replayer("nomination_never_again", services.nomination_never_again_replay)
        privacy.register_replayer("nomination", services.nomination_erase_replay)
