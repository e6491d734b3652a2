from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Shared base model, email outbox with unsubscribe, privacy registry; imports no app."""

    name = "leadership.common"
    label = "common"
    verbose_name = _("Common")
