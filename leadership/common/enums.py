from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    """Each kind of email can be unsubscribed from on its own, in one click."""

    ACCOUNT = "account", _("Account messages (sign-up, password)")
    MEMBERSHIP = "membership", _("Organisation membership: invitations and requests")
    ORGANIZATION = "organization", _("Organisation proposals")
