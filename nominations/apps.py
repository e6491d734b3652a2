from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    """Nomination calls, nominations, nominee consent, endorsements and reviews."""

    name = "nominations"
    verbose_name = _("Nominations")
